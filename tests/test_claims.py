"""Every claim of the headline, summary and event checked: numbers, names, places, dates, quotes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarizer import check
from summarizer.cli.app import app
from summarizer.evidence.text import sentences
from summarizer.models import Checked

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = FIXTURES / "articles" / "operation-safe-city.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
WRONG = FIXTURES / "answers" / "operation-safe-city.handwritten-wrong.json"

ARTICLE = (
    "Officials at Immigration and Customs Enforcement said 498 people were arrested in "
    "Philadelphia on Wednesday. Mr. Homan, the acting director, called it a success. "
    "Tom Homan said seven agents were hurt. British officials watched. Unemployment rose "
    "to 4.5% while the agency spent $1,234 million. The operation, called “Safe City,” "
    "ended on November 9, 2016."
)
PUBLISHED = "2016-11-10"  # a Thursday: "Wednesday" is 2016-11-09


def _summary(
    headline: str = "ICE arrests in Philadelphia",
    summary: str = "Agents arrested people.",
    what: str = "Arrests",
    who: list[str] | None = None,
    where: list[str] | None = None,
    date: str | None = None,
    when: str | None = None,
) -> dict[str, Any]:
    event = {"what": what, "who": who or [], "where": where or [], "date": date, "when": when}
    return {"headline": headline, "summary": summary, "event": event}


def _run(summary: dict[str, Any], text: str = ARTICLE, **kwargs: Any) -> Checked:
    return check(text, summary, published=kwargs.pop("published", PUBLISHED), **kwargs)


def _errors(checked: Checked) -> list[tuple[str, str]]:
    return [(i.path, i.message) for i in checked.verification.issues if i.severity == "error"]


def _claim(checked: Checked, text: str) -> Any:
    return next(c for c in checked.verification.claims if c.text == text)


# --- numbers ---------------------------------------------------------------------------------

NUMBER_CASES = [
    # (headline, claim text, status or None for an error)
    ("ICE arrests 498", "498", "exact"),
    ("ICE arrests 489", "489", None),
    ("Nearly 500 arrested by ICE", "500", "approximate"),
    ("About 99 arrested by ICE", "99", None),  # no rounding of 498: another number
    ("More than 400 arrested by ICE", "400", "approximate"),
    ("7 agents hurt", "7", "normalized"),  # the article writes "seven"
    ("Unemployment at 4.5%", "4.5%", "exact"),
    ("Unemployment at 4.5 people", "4.5", None),  # a percentage is not a count
    ("ICE spent $1.2 billion", "$1.2 billion", "approximate"),  # rounded at its scale word
    ("ICE spent $1.3 billion", "$1.3 billion", None),
]


@pytest.mark.parametrize(("headline", "text", "status"), NUMBER_CASES)
def test_numbers_of_the_headline(headline: str, text: str, status: str | None) -> None:
    checked = _run(_summary(headline=headline))
    claim = _claim(checked, text)
    assert claim.kind == "number"
    if status is None:
        assert claim.status == "unverified"
        assert any(path == "headline" and f'"{text}"' in m for path, m in _errors(checked))
    else:
        assert claim.status == status, _errors(checked)
        assert not _errors(checked)


def test_a_changed_number_names_the_article_s_nearest() -> None:
    checked = _run(_summary(summary="ICE arrested 489 people."))
    assert ("summary", 'summary: the number "489" is not in the article (it has "498")') in (
        _errors(checked)
    )


# --- names and places ------------------------------------------------------------------------

NAME_CASES = [
    ("Homan says the sweep worked", "Homan", "exact"),
    ("Mr Homan says the sweep worked", "Mr Homan", "alias"),
    ("ICE arrests hundreds", "ICE", "alias"),  # Immigration and Customs Enforcement
    ("Britain watches the arrests", "Britain", "alias"),  # the article's "British"
    ("Donald Homan says the sweep worked", "Donald Homan", None),
    ("Clinton says the sweep worked", "Clinton", None),
    ("Arrests in Boston", "Boston", None),
]


@pytest.mark.parametrize(("headline", "text", "status"), NAME_CASES)
def test_names_of_the_headline(headline: str, text: str, status: str | None) -> None:
    checked = _run(_summary(headline=headline))
    claim = _claim(checked, text)
    if status is None:
        assert claim.status == "unverified"
        assert ("headline", f'headline: "{text}" is not named in the article') in _errors(checked)
    else:
        assert claim.status == status, _errors(checked)
        assert claim.spans


def test_an_acronym_stands_for_its_expansion_and_back() -> None:
    text = "The Federal Bureau of Investigation said the FBI would look again."
    summary = _summary(headline="FBI looks again", summary="The FBI would look again.")
    summary["event"]["who"] = ["Federal Bureau of Investigation", "FBI"]
    checked = check(text, summary)
    assert not _errors(checked)
    assert _claim(checked, "FBI").status == "exact"
    other = check(ARTICLE, _summary(who=["ICE", "IRS"]))
    assert _claim(other, "ICE").status == "alias"
    assert [p for p, _ in _errors(other)] == ["event.who[1]"]


def test_title_case_words_are_not_names_when_the_article_writes_them_as_words() -> None:
    text = "A tram derailed in Croydon, killing seven people. Police are investigating."
    headline = "Tram Derails In Croydon, Killing Seven"
    checked = check(text, _summary(headline=headline, summary="Police are investigating."))
    assert not _errors(checked)
    names = [c.text for c in checked.verification.claims if c.kind in ("name", "place")]
    assert names[0] == "Croydon"
    assert not {"Tram", "Derails", "Killing"} & set(names)


@pytest.mark.parametrize(
    "sentence",
    [
        "Sanders raised $33M and is within $4M of Clinton's haul.",  # not "M of Clinton"
        "Senators call for a 5G security coordinator.",  # not "G"
        "The big iFixit teardown is done.",  # not "Fixit"
        "Trump spoke, as pic.twitter.com/mzvFqiR3zt SIGN UP shows.",  # not "FqiR3zt SIGN UP"
        "Here is why you should be worried aboutVladimir Putin and Russia.",  # a glued word
    ],
)
def test_a_capital_inside_a_token_is_no_name_of_its_own(sentence: str) -> None:
    # The article's own sentence, copied into the headline and summary: a name is read from the
    # claim where a word starts, as it is looked up in the article.
    checked = check(sentence, _summary(headline=sentence.rstrip("."), summary=sentence))
    assert not _errors(checked)
    names = {c.text for c in checked.verification.claims if c.kind in ("name", "place")}
    assert not {"M", "M of Clinton", "G", "Fixit", "FqiR3zt SIGN UP", "Vladimir Putin"} & names


def test_a_name_glued_to_a_word_still_has_its_own_words_checked() -> None:
    text = "Why worry aboutVladimir Putin?"
    checked = check(text, _summary(headline="Why worry about Putin", summary=text))
    assert not _errors(checked)
    wrong = check(text, _summary(headline="Why worry about Medvedev", summary=text))
    assert [p for p, _ in _errors(wrong)] == ["headline"]


def test_a_label_is_found_where_the_article_s_numbers_read_it() -> None:
    # "B 0" is no whole word of "{B 0¹" (a superscript is a word's letter), but the article's
    # own numbers read the label the claim reads.
    checked = _run(_summary(headline="{B 0¹", summary="{B 0¹", what="{B 0¹"), text="{B 0¹")
    assert _errors(checked) == []
    assert (_claim(checked, "B 0").status, _claim(checked, "B 0").spans[0].start) == ("exact", 1)
    # ... whitespace of any kind between its word and its number read as the summary's space
    checked = _run(_summary(headline="Set B 0À", summary="x", what="x"), text="Set B\x1f0À")
    assert _claim(checked, "B 0").status == "normalized"
    assert [e for e in _errors(checked) if e[0] == "headline"] == []


def test_who_and_where_entries_are_checked_at_their_index() -> None:
    summary = _summary(who=["Tom Homan", "Donald Trump"], where=["Philadelphia", "Boston"])
    errors = _errors(_run(summary))
    assert errors == [
        ("event.who[1]", 'event.who[1]: "Donald Trump" is not named in the article'),
        ("event.where[1]", 'event.where[1]: "Boston" is not named in the article'),
    ]


def test_an_entry_that_names_nobody_is_a_phrase_never_an_error() -> None:
    checked = _run(_summary(who=["several officials", "a crowd of onlookers"]))
    assert not _errors(checked)
    assert _claim(checked, "several officials").status == "approximate"
    warnings = [i.path for i in checked.verification.issues if i.severity == "warning"]
    assert warnings == ["event.who[1]"]


def test_the_title_grounds_a_claim_without_a_span() -> None:
    summary = _summary(headline="Homan hails Operation Nightfall")
    assert _errors(_run(summary))
    checked = _run(summary, title="Homan hails Operation Nightfall as a success")
    assert not _errors(checked)
    assert _claim(checked, "Nightfall").spans == []  # "operation" is an ordinary word here


# --- dates -----------------------------------------------------------------------------------

DATE_CASES = [
    ("2016-11-09", "Wednesday", PUBLISHED, "ok"),  # a relative day resolved
    ("2016-11-09", None, None, "ok"),  # "November 9, 2016" is written out
    ("2016-11-08", None, PUBLISHED, "error"),
    ("2016-11-09", "Tuesday", PUBLISHED, "error"),  # disagrees with its own `when`
    ("2016-11-10", None, PUBLISHED, "error"),  # the publication day, but the lead says Wednesday
    # A reading of `when`, but the article's "were arrested ... on Wednesday" looks back.
    ("2016-11-16", "Wednesday", PUBLISHED, "error"),
]


@pytest.mark.parametrize(("date", "when", "published", "outcome"), DATE_CASES)
def test_event_date(date: str, when: str | None, published: str | None, outcome: str) -> None:
    checked = _run(_summary(date=date, when=when), published=published)
    errors = [p for p, _ in _errors(checked)]
    assert errors == ([] if outcome == "ok" else ["event.date"])
    claim = _claim(checked, date)
    assert claim.kind == "date"
    assert (claim.status != "unverified") == (outcome == "ok")


def test_a_missing_date_is_no_error_and_an_uncheckable_one_a_warning() -> None:
    assert not _run(_summary()).verification.issues
    text = "Police said on Wednesday that 12 people were hurt."
    checked = check(
        text, _summary(headline="12 hurt", summary="Police said so.", date="2016-11-09")
    )
    assert [(i.severity, i.path) for i in checked.verification.issues] == [
        ("warning", "event.date")
    ]


DATELINED = "WASHINGTON, Nov 6 (Reuters) - The FBI said on Sunday it stood by its finding."


@pytest.mark.parametrize(
    ("headline", "date", "published"),
    [
        ("FBI stands by finding", "2016-11-06", "2016-11-07"),  # the dateline's Sunday
        ("FBI stands by 2016 finding", None, "2017-01-01"),  # the dateline's year, Nov 2016
        ("FBI stands by 2016 finding", "2016-11-06", None),
    ],
)
def test_the_day_a_claim_counts_from_is_the_dateline_s_read_when_asked(
    headline: str, date: str | None, published: str | None
) -> None:
    from summarizer.dates import reference_day
    from summarizer.evidence.align import TextIndex
    from summarizer.models import Summary
    from summarizer.verify import claims

    summary = Summary.model_validate(_summary(headline=headline, date=date, when="on Sunday"))
    article = claims._Article(
        text=DATELINED, title="", numbers=(), index=TextIndex(DATELINED), published=published
    )
    # The day read lazily is the one `reference_day` gives, and so is its year.
    day = reference_day(DATELINED, published)
    assert article.reference == day
    assert article.year == (int(day[:4]) if day else None)
    checked = _run(
        _summary(headline=headline, date=date, when="on Sunday"), DATELINED, published=published
    )
    assert claims.check_claims(DATELINED, summary, (), published=published)[0] == (
        checked.verification.claims
    )


def test_a_summary_asking_no_day_never_reads_the_dateline(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.verify import claims

    def never(text: str, published: str | None) -> str | None:
        raise AssertionError("reference_day read")

    monkeypatch.setattr(claims, "reference_day", never)
    checked = _run(_summary(headline="498 arrested in Philadelphia"))
    assert not _errors(checked)


# --- quotations and sentences ----------------------------------------------------------------


def test_quotations_in_the_headline_are_verbatim() -> None:
    good = _run(_summary(headline="Homan: sweep was “a success” in Philadelphia"))
    assert not _errors(good), _errors(good)
    assert _run(_summary(headline="Operation ‘Safe City’ ends")).verification.passed
    bad = _run(_summary(headline="Homan calls it “a great success”"))
    assert [p for p, _ in _errors(bad)] == ["headline"]
    assert "a great success" in _errors(bad)[0][1]


def test_a_name_right_after_a_quotation_is_still_checked() -> None:
    text = "Mr. Homan said: “A GREAT SUCCESS.” Agents arrested 498 people."
    checked = _run(_summary(headline="‘A GREAT SUCCESS’ Kimi Raikkonen hails sweep"), text)
    assert [(p, m) for p, m in _errors(checked)] == [
        ("headline", 'headline: "Kimi Raikkonen" is not named in the article')
    ]


def test_a_sentence_of_another_story_is_flagged() -> None:
    summary = _summary(summary="Agents arrested 498 people. The skies opened up in the ninth.")
    errors = _errors(_run(summary))
    assert [p for p, _ in errors] == ["summary"]
    assert "The skies opened up in the ninth." in errors[0][1]


def test_a_sentence_of_the_article_s_words_but_of_no_passage_of_it_is_flagged() -> None:
    text = (
        "The three remaining victims of the tram crash have been named. They are Donald "
        "Collett, Philip Logan and Robert Huxley. The tram derailed on a sharp bend and landed "
        "on its side. Families said they were heartbroken. Flowers were left at the scene by "
        "hundreds of people. Engineers began repairing the track. Services will resume next "
        "week. British Transport Police thanked the public and said the driver was on bail."
    )
    other = "The tram will be removed from its side tomorrow, British Transport Police said."
    summary = _summary(headline="Tram victims named", summary=f"{text.split('. ')[0]}. {other}")
    errors = _errors(check(text, summary))
    assert [p for p, _ in errors] == ["summary"]
    assert other in errors[0][1]


def test_a_paraphrase_joining_two_passages_is_supported_clause_by_clause() -> None:
    summary = (
        "ICE director Homan called the operation a success in Philadelphia, while seven "
        "agents were hurt, Tom Homan said."
    )
    checked = _run(_summary(summary=summary))
    assert not _errors(checked), _errors(checked)
    assert _claim(checked, summary).status == "approximate"


# --- the fixtures, the re-ask, the CLI -------------------------------------------------------

# Sentences whose quotation marks pair up: two sentences of one open quote would make one
# quotation of the words between them, which no summary copying the article writes.
SEED_SENTENCES = [
    sentence
    for a, b in sentences(SEED_TEXT)
    if (sentence := " ".join(SEED_TEXT[a:b].split())).count("“") == sentence.count("”")
]


@given(st.sampled_from(SEED_SENTENCES), st.sampled_from(SEED_SENTENCES))
def test_the_article_s_own_sentences_raise_no_claim_error(first: str, second: str) -> None:
    checked = check(SEED_TEXT, _summary(headline=first, summary=f"{first} {second}"))
    assert not _errors(checked)


def test_the_handwritten_ideal_answer_passes_every_claim_check() -> None:
    for path in sorted((FIXTURES / "answers").glob("*.json")):
        if "wrong" in path.name:
            continue
        article = FIXTURES / "articles" / f"{path.name.split('.')[0]}.txt"
        checked = check(article.read_text(encoding="utf-8"), json.loads(path.read_text()))
        assert not _errors(checked), path.name
        assert checked.verification.counts.claims == checked.verification.counts.claims_grounded


def test_the_handwritten_wrong_answer_fails_at_each_field() -> None:
    checked = check(SEED_TEXT, json.loads(WRONG.read_text()))
    assert _errors(checked) == [
        ("headline", 'headline: the number "489" is not in the article (it has "498")'),
        ("summary", 'summary: "Boston" is not named in the article'),
        ("event.who[0]", 'event.who[0]: "Donald Trump" is not named in the article'),
    ]
    golden = json.loads((FIXTURES / "expected" / WRONG.name).read_text())
    assert not golden["verification"]["passed"]


def test_claim_failures_go_back_to_the_model() -> None:
    from summarizer.verify import reask_messages

    lines = reask_messages(check(SEED_TEXT, json.loads(WRONG.read_text())))
    assert 'event.who[0]: "Donald Trump" is not named in the article' in lines


def test_check_command_reports_claims() -> None:
    result = CliRunner().invoke(app, ["check", str(SEED), str(WRONG)])
    assert "claims: 31/34 grounded in the headline, summary and event" in result.output
    assert 'error: summary: "Boston" is not named in the article' in result.output


def test_check_command_as_a_subprocess_gives_claims_in_json(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "check", str(SEED), str(WRONG), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    data = json.loads(proc.stdout)
    claims = data["verification"]["claims"]
    failed = [(c["path"], c["text"]) for c in claims if c["status"] == "unverified"]
    assert failed == [("headline", "489"), ("summary", "Boston"), ("event.who[0]", "Donald Trump")]
    boston = next(c for c in claims if c["text"] == "Los Angeles")
    assert SEED_TEXT[boston["spans"][0]["start"] : boston["spans"][0]["end"]] == "Los Angeles"


def test_the_report_and_the_evidence_page_show_claims_with_spans_and_statuses() -> None:
    from summarizer.models import Result
    from summarizer.render.html import to_html
    from summarizer.render.markdown import to_markdown

    result = Result.model_validate_json((FIXTURES / "expected" / WRONG.name).read_text())
    markdown = to_markdown(result)
    assert "## Claims" in markdown
    assert "| `summary` | place | Boston | not found | — |" in markdown
    assert "- Claims grounded: 31/34" in markdown
    page = to_html(result)
    assert '<section id="claims">' in page
    assert "claims grounded <b>31/34</b>" in page
    assert 'title="Los Angeles">' in page  # a span's passage shown on hover


_VOCAB = ["trains", "derailed", "city", "mayor", "said", "budget", "rose", "rail", "cities"]


def _best_passage_by_trying_each_window(text: str, title: str, words: list[str]) -> list[str]:
    """The reference: every window of sentences tried in turn, the first with fewest absent."""
    from summarizer.evidence.aliases import stem
    from summarizer.evidence.text import sentences
    from summarizer.verify import claims

    units = [claims._passage_stems(title)] if title else []
    units += [claims._passage_stems(text[a:b]) for a, b in sentences(text)]
    best = list(words)
    for i in range(len(units)):
        window = frozenset().union(*units[i : i + claims._WINDOW])
        absent = [w for w in words if stem(w) not in window]
        if len(absent) < len(best):
            best = absent
    return best


@given(
    st.lists(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=6), min_size=0, max_size=12),
    st.lists(st.sampled_from([*_VOCAB, "zebra"]), min_size=1, max_size=5),
    st.sampled_from(["", "Mayor said", "Zebra trains"]),
)
def test_a_clauses_best_passage_is_the_first_window_with_fewest_absent(
    sentences: list[list[str]], words: list[str], title: str
) -> None:
    # Found from where each stem occurs: the same words are missing as when every window of
    # sentences is tried in turn.
    from summarizer.evidence.align import TextIndex
    from summarizer.verify import claims

    text = " ".join(" ".join(s).capitalize() + "." for s in sentences)
    article = claims._Article(text=text, title=title, numbers=(), index=TextIndex(text))
    want = _best_passage_by_trying_each_window(text, title, words)
    assert claims._best_passage(article, words) == want


LINKED = (
    "The council met on Monday to discuss the budget. Read more at "
    "https://example.com/news/john-smith-resigns or www.example.org/Paris-Office and write to "
    "priya.raman@example.com or Mary.Major@example.com for details. The members approved it."
)


@pytest.mark.parametrize("who", ["John Smith", "Priya Raman", "Mary Major", "Paris Office"])
def test_a_name_found_only_in_a_link_or_an_email_address_is_not_in_the_article(who: str) -> None:
    checked = _run(_summary(headline="Council approves budget", summary="", who=[who]), LINKED)
    assert [path for path, _ in _errors(checked)] == ["event.who[0]"]


def test_a_place_found_only_in_a_link_is_not_in_the_article() -> None:
    checked = _run(
        _summary(headline="Council approves budget", summary="", where=["Paris"]), LINKED
    )
    assert [path for path, _ in _errors(checked)] == ["event.where[0]"]


def test_a_name_written_in_the_prose_as_well_as_in_a_link_stands() -> None:
    text = LINKED + " John Smith resigned."
    checked = _run(
        _summary(headline="Council approves budget", summary="", who=["John Smith"]), text
    )
    assert _errors(checked) == []
    assert _claim(checked, "John Smith").spans[0].start == text.index("John Smith resigned")


def test_a_label_number_s_word_is_a_whole_word() -> None:
    # "5G 498": the number 498 labels no word "G" (hypothesis found the engine failing here).
    checked = _run(_summary(headline="5G 498", summary="5G 498", what="5G 498"), "5G 498")
    assert _errors(checked) == []


def test_an_address_the_summary_copies_is_checked_whole_not_as_names() -> None:
    from summarizer.engines.offline import OfflineEngine

    text = "https://t.co/AbC12"
    summary = OfflineEngine().summarize(text, title=None, published=None)
    assert [i for i in check(text, summary).verification.issues if i.severity == "error"] == []
    article = "The mayor spoke on Monday about the budget, posted at https://city.example/budget."
    made_up = summary.model_copy(
        update={"headline": "Budget", "summary": "The mayor spoke. See https://fake.example/x."}
    )
    errors = [
        i.message for i in check(article, made_up).verification.issues if i.severity == "error"
    ]
    assert any('address "https://fake.example/x"' in m for m in errors)
    copied = made_up.model_copy(update={"summary": "See https://city.example/budget."})
    errors = [
        i.message
        for i in check(article, copied).verification.issues
        if i.severity == "error" and i.path == "summary"
    ]
    assert not any("address" in m for m in errors)


@pytest.mark.parametrize(
    ("word", "is_name"),
    [
        ("Priya", True),
        ("Harbourton's", True),
        ("NHS", True),
        ("Several", False),
        ("Budget", False),
        ("Long-awaited", False),
        ("council", False),
    ],
)
def test_a_name_word_is_judged_the_same_when_asked_again(word: str, is_name: bool) -> None:
    # The answer kept for the article is the one judged afresh, the first time and after.
    from summarizer.evidence.align import TextIndex
    from summarizer.verify import claims

    text = "Priya met the NHS board in Harbourton. The budget was long awaited by the council."
    article = claims._Article(text=text, title="", numbers=(), index=TextIndex(text))
    assert claims._judge_name_word(article, word) is is_name
    assert claims._is_name_word(article, word) is is_name
    assert claims._is_name_word(article, word) is is_name
    assert article.name_words[word] is is_name
