"""The public functions: summarize, asummarize, check. The CLI calls these and nothing deeper."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Unpack

from summarizer.config import Settings, SettingsKwargs
from summarizer.engines.base import EngineRun
from summarizer.engines.factory import make_engine
from summarizer.errors import InputError
from summarizer.models import Article, Checked, Provenance, Result, Summary


def make_article(
    text: str | Article,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    max_chars: int | None = None,
) -> Article:
    """An Article from text or an Article, refusing what cannot be summarised."""
    if isinstance(text, Article):
        article = text
    elif isinstance(text, str):
        try:
            article = Article(id=id, title=title, url=url, published=published, text=text)
        except ValueError as exc:
            raise InputError(_first_error(exc)) from None
    else:
        raise InputError(f"expected article text (str), got {type(text).__name__}")
    if not article.text.strip():
        raise InputError("the article is empty")
    if max_chars is not None and len(article.text) > max_chars:
        raise InputError(
            f"the article has {len(article.text):,} characters, over the limit of {max_chars:,} "
            "(raise it with --max-chars / SUMMARIZER_MAX_CHARS)"
        )
    return article


def summarize(
    text: str | Article,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    settings: Settings | None = None,
    **options: Unpack[SettingsKwargs],
) -> Result:
    """Summarise one article and check the summary against it.

    Settings come from `settings` if given, else from the keyword arguments (each setting of
    `summarizer.config.Settings`: engine, model, base_url, api_key, mode, max_retries,
    transport_retries, timeout, temperature, max_chars, max_tokens, strategy, record, replay),
    then the environment, then the defaults. The result's `verification` says what the check
    found; nothing is raised for a summary that fails it.
    """
    s = settings or Settings.resolve(**options)
    article = make_article(
        text, id=id, title=title, url=url, published=published, max_chars=s.max_chars
    )
    run = make_engine(s).run(article)
    return assemble(article, run)


async def asummarize(
    text: str | Article,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    settings: Settings | None = None,
    **options: Unpack[SettingsKwargs],
) -> Result:
    """The same as `summarize`, for asyncio code: the model call does not block the loop."""
    s = settings or Settings.resolve(**options)
    article = make_article(
        text, id=id, title=title, url=url, published=published, max_chars=s.max_chars
    )
    run = await make_engine(s).arun(article)
    return assemble(article, run)


def check(
    text: str,
    summary: Summary | dict[str, Any],
    *,
    title: str | None = None,
    published: str | None = None,
) -> Checked:
    """Check any summary (from this tool or another) against the article text.

    `title` is the article's own title (what it says grounds a claim too); `published`
    (YYYY-MM-DD) resolves the relative days an `event.date` is checked against.
    """
    from summarizer.verify import check as verify_check

    return verify_check(text, summary, title=title, published=published)


def check_files(
    article: Path, summary: Path, *, title: str | None = None, published: str | None = None
) -> Checked:
    """`check` on an article text file and a summary JSON file (a whole result, or a summary).

    A whole result brings its article's title and publication date; `title` / `published`
    given here win over them.
    """
    import json

    from summarizer.inputs import read_text_file

    for path in (article, summary):
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    text = read_text_file(article)
    try:
        data = json.loads(read_text_file(summary))
    except json.JSONDecodeError as exc:
        raise InputError(f"{summary}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict) and isinstance(data.get("summary"), dict):
        # A whole result: check its summary part, with its article's title and date.
        found = data.get("article")
        meta: dict[str, Any] = found if isinstance(found, dict) else {}
        title = title or _str_or_none(meta.get("title"))
        published = published or _str_or_none(meta.get("published"))
        data = data["summary"]
    if not isinstance(data, dict):
        raise InputError(f"{summary}: expected a JSON object")
    if published is not None:
        from summarizer.dates import normalize_published

        try:
            published = normalize_published(published)
        except ValueError as exc:
            raise InputError(f"published: {exc}") from None
    return check(text, data, title=title, published=published)


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def assemble(article: Article, run: EngineRun) -> Result:
    """The result: the engine's summary with spans, statuses and verification computed here."""
    # The date the program stands behind first, so that the check judges the date returned.
    draft = _with_event_date(run.summary, article)
    checked = check(article.text, draft, title=article.title, published=article.published)
    return Result(
        article=article,
        summary=checked.summary,
        verification=checked.verification,
        provenance=Provenance(
            engine=run.engine,
            model=run.model,
            prompt_sha256=run.prompt_sha256,
            attempts=run.attempts,
            usage=run.usage,
        ),
    )


def _with_event_date(summary: Summary, article: Article) -> Summary:
    """The event date the text supports, resolved against the publication date; else None."""
    from summarizer.dates import event_date, reference_day

    event = summary.event
    published = reference_day(article.text, article.published)
    date = event_date(event.when, event.date, article.text, published)
    if date == event.date:
        return summary
    return summary.model_copy(update={"event": event.model_copy(update={"date": date})})


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where}: {first.get('msg', 'invalid')}"
    return str(exc)
