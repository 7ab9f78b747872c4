"""`_Model.replaced` is `model_copy(update=...)`: the same fields, fields set and dump."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ConfigDict

from summarizer.models import Quote, Span, Statistic, Summary

_STATUS = st.sampled_from(["exact", "normalized", "fuzzy", "unverified"])
_SPAN = st.none() | st.builds(Span, start=st.integers(0, 99), end=st.integers(0, 99))


def _same(a: Any, b: Any) -> None:
    assert type(a) is type(b)
    assert a == b
    assert a.__dict__ == b.__dict__
    assert a.model_fields_set == b.model_fields_set
    assert a.__pydantic_extra__ == b.__pydantic_extra__
    assert a.__pydantic_private__ == b.__pydantic_private__
    assert a.model_dump(exclude_unset=True) == b.model_dump(exclude_unset=True)


@given(
    text=st.text(max_size=20),
    speaker=st.none() | st.text(max_size=10),
    status=_STATUS,
    span=_SPAN,
)
def test_a_quote_replaced_is_its_model_copy(
    text: str, speaker: str | None, status: str, span: Span | None
) -> None:
    quote = Quote(text=text) if speaker is None else Quote(text=text, speaker=speaker)
    update = {"status": status, "span": span}
    _same(quote.replaced(update), quote.model_copy(update=update))
    assert quote.status == "unverified" and quote.span is None  # the original is untouched


@given(
    value=st.none() | st.floats(allow_nan=False),
    update=st.fixed_dictionaries(
        {"status": _STATUS, "span": _SPAN},
        optional={"kind": st.sampled_from(["count", "money"]), "approximate": st.booleans()},
    ),
)
def test_a_statistic_replaced_is_its_model_copy(
    value: float | None, update: dict[str, Any]
) -> None:
    stat = Statistic(text="498", value=value, describes="arrests")
    _same(stat.replaced(update), stat.model_copy(update=update))


def test_a_summary_replaced_keeps_its_other_fields_shared_as_model_copy_does() -> None:
    summary = Summary.model_validate(
        {"headline": "h", "summary": "s", "event": {"what": "w"}, "quotes": [{"text": "q"}]}
    )
    update = {"quotes": [], "statistics": []}
    copied = summary.replaced(update)
    _same(copied, summary.model_copy(update=update))
    assert copied.event is summary.event


class _Open(Quote):
    model_config = ConfigDict(extra="allow")


def test_a_model_with_extra_fields_is_copied_as_model_copy_copies_it() -> None:
    quote = _Open(text="q", note="kept")  # type: ignore[call-arg]
    update = {"status": "exact", "other": 1}
    _same(quote.replaced(update), quote.model_copy(update=update))
