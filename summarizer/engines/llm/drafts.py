"""The answer's shapes the model fills in (the tool's name and docstring are what it sees), the
validators that check it against the article while instructor parses it, and the state one
call's hooks and validators share."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Self

from instructor.core.exceptions import AsyncValidationError, ResponseParsingError
from pydantic import ValidationError, model_validator
from tenacity import AsyncRetrying, Retrying, retry_if_exception, stop_after_attempt

from summarizer.engines.llm.anchored import AnchoredDraft, Anchors
from summarizer.engines.llm.checking import checked_against
from summarizer.engines.llm.modes import has_tool_call
from summarizer.models import ISO_DATE, DraftSummary, Summary, Usage


@dataclass
class AttemptState:
    """Shared by the hooks and the validator of one call: counts calls and sums usage."""

    max_attempts: int
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    anchors: Anchors | None = None
    # Probing --mode auto: a server that answers a tools request with prose instead of a tool
    # call does not do tool calling; re-asking would only pay for more prose.
    probing_tools: bool = False
    tools_ignored: bool = False

    def on_response(self, response: Any) -> None:
        self.attempts += 1
        if self.probing_tools:
            self.tools_ignored = not has_tool_call(response)
        raw = getattr(response, "usage", None)
        if raw is not None:
            self.usage = self.usage + Usage(
                prompt_tokens=getattr(raw, "prompt_tokens", 0) or 0,
                completion_tokens=getattr(raw, "completion_tokens", 0) or 0,
                total_tokens=getattr(raw, "total_tokens", 0) or 0,
            )

    @property
    def last_attempt(self) -> bool:
        return self.attempts >= self.max_attempts

    def reaskable(self, exc: BaseException) -> bool:
        return isinstance(exc, _REASKABLE) and not self.tools_ignored

    def retrying(self) -> Retrying:
        return Retrying(
            stop=stop_after_attempt(self.max_attempts),
            retry=retry_if_exception(self.reaskable),
            reraise=True,
        )

    def async_retrying(self) -> AsyncRetrying:
        return AsyncRetrying(
            stop=stop_after_attempt(self.max_attempts),
            retry=retry_if_exception(self.reaskable),
            reraise=True,
        )


# What instructor re-asks on: the answer did not parse or did not validate.
_REASKABLE = (ValidationError, json.JSONDecodeError, ResponseParsingError, AsyncValidationError)


def _reask_if_ungrounded(summary: Summary) -> None:
    """Raise the verification's findings as a message instructor sends back to the model.

    On the last attempt nothing is raised: the caller gets the draft with its failures flagged.
    """
    context = checked_against()
    text = context.get("article_text")
    state = context.get("state")
    if not isinstance(text, str) or not isinstance(state, AttemptState) or state.last_attempt:
        return
    from summarizer.verify import check, reask_messages

    article = context.get("article")
    title, published = getattr(article, "title", None), getattr(article, "published", None)
    messages = reask_messages(check(text, summary, title=title, published=published))
    if messages:
        raise ValueError("\n".join(messages))


# The class names and docstrings below are what the model sees as the tool's name and purpose;
# the validators check the answer against the article while instructor parses it.
def _drop_malformed_date(data: Any) -> Any:
    """A date the model wrote in another shape ("daht", "May 4") becomes null, not a failure.

    The contract's date is YYYY-MM-DD or null, and the program resolves it from the text anyway
    (summarizer.dates); a small model's stray date must not sink the whole answer on the last
    attempt, when nothing is re-asked.
    """
    if isinstance(data, dict) and isinstance(data.get("event"), dict):
        date = data["event"].get("date")
        if isinstance(date, str) and not re.fullmatch(ISO_DATE, date.strip()):
            data = {**data, "event": {**data["event"], "date": None}}
    return data


class ArticleSummary(DraftSummary):
    """A structured summary of one news article."""

    _date = model_validator(mode="before")(_drop_malformed_date)

    @model_validator(mode="after")
    def _grounded_in_article(self) -> Self:
        _reask_if_ungrounded(self.to_summary())
        return self


class AnchoredSummary(AnchoredDraft):
    """A structured summary of one news article, quotes and numbers given by id."""

    _date = model_validator(mode="before")(_drop_malformed_date)

    @model_validator(mode="after")
    def _grounded_in_article(self) -> Self:
        anchors = checked_against().get("anchors")
        if isinstance(anchors, Anchors):
            _reask_if_ungrounded(anchors.to_summary(self))
        return self
