"""A hand-built `Result` for the seed article, so render tests need no engine or evidence code."""

from __future__ import annotations

from pathlib import Path

from summarizer.models import (
    Article,
    Counts,
    Event,
    Issue,
    MissedQuote,
    Provenance,
    Quote,
    Result,
    Span,
    Statistic,
    Status,
    Summary,
    Verification,
)

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "operation-safe-city.txt"


def span_of(text: str, needle: str, after: int = 0) -> Span:
    start = text.find(needle, after)
    assert start >= 0, needle
    return Span(start=start, end=start + len(needle))


def quote(
    text: str, article: str, speaker: str | None, status: Status = "exact", **kw: str
) -> Quote:
    return Quote(text=text, speaker=speaker, span=span_of(article, text), status=status, **kw)


def bare_result(text: str) -> Result:
    """The seed result over another text, with no quotes, statistics or missed passages."""
    result = seed_result()
    result.article.text = text
    result.summary.quotes, result.summary.statistics = [], []
    result.verification.missed_quotes = []
    return result


def seed_result() -> Result:
    article = SEED.read_text(encoding="utf-8")
    homan, salas, albence = "Tom Homan", "Angelica Salas", "Matthew Albence"
    quotes = [
        quote(
            "Sanctuary jurisdictions that do not honor detainers or allow us access to jails and "
            "prisons are shielding criminal aliens from immigration enforcement and creating a "
            "magnet for illegal immigration",
            article,
            homan,
            speaker_role="ICE Acting Director",
        ),
        quote(
            "As a result, ICE is forced to dedicate more resources to conduct at-large arrests "
            "in these communities.",
            article,
            homan,
            "normalized",
        ),
        quote("rogue agency", article, salas, "exact", kind="partial"),
        quote(
            "We have a hard time believing anything ICE has to tell us about those it arrested "
            "this week in this dastardly operation",
            article,
            salas,
            "fuzzy",
        ),
        quote(
            "We are never going to stop enforcing the laws (as) we are authorized and required "
            "to do",
            article,
            albence,
        ),
        quote("And if we need to go into these communities every week, we will.", article, albence),
        Quote(text="ICE is out of control", speaker=salas, status="unverified"),
    ]
    stats = [
        Statistic(text="100", value=100, unit="people", describes="arrested in the LA area",
                  span=span_of(article, "100"), status="exact"),
        Statistic(text="498", value=498, unit="people", describes="arrested nationally",
                  span=span_of(article, "498"), status="exact"),
        Statistic(text="107", value=107, unit="arrests", describes="arrests in Philadelphia",
                  span=span_of(article, "107"), status="exact"),
        Statistic(text="42", value=42, unit="countries", describes="countries of origin",
                  span=span_of(article, "42"), status="exact"),
        Statistic(text="600", value=600, unit="people", describes="invented figure"),
    ]  # fmt: skip
    missed = [
        span_of(article, "Operation Safe City"),
        span_of(article, "resistance"),
    ]
    return Result(
        article=Article(
            id="operation-safe-city",
            title="About 100 arrested in LA in immigration sweep",
            url="https://example.org/news/operation-safe-city",
            published="2017-10-02",
            text=article,
        ),
        summary=Summary(
            headline="ICE arrests 498 in sweep of sanctuary jurisdictions",
            summary="A four-day ICE operation arrested 498 people nationwide, about 100 in LA.",
            event=Event(
                what="Nationwide ICE immigration sweep",
                who=["ICE", "Tom Homan"],
                where=["Los Angeles", "Philadelphia"],
                when="which ended Wednesday",
                date="2017-09-27",
            ),
            quotes=quotes,
            statistics=stats,
        ),
        verification=Verification(
            passed=False,
            counts=Counts(
                quoted_passages=12,
                quotes=7,
                quotes_grounded=6,
                numbers=9,
                statistics=5,
                statistics_grounded=4,
            ),
            missed_quotes=[
                MissedQuote(start=s.start, end=s.end, text=article[s.start : s.end]) for s in missed
            ],
            issues=[
                Issue(severity="error", path="quotes[6]", message="quote not found in the article"),
                Issue(severity="error", path="statistics[4]", message="number not in the article"),
            ],
        ),  # fmt: skip
        provenance=Provenance(engine="offline"),
    )
