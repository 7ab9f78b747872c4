"""instructor's async-validator check runs once per response model of ours, in full for others."""

from __future__ import annotations

import pytest
from instructor.v2.validation import async_validators
from pydantic import BaseModel

from summarizer.engines.llm import checked_models
from summarizer.engines.llm.checked_models import checked


class Plain(BaseModel):
    text: str


class WithAsync(BaseModel):
    text: str

    @async_validators.async_field_validator("text")
    async def _check_text(self, value: str) -> str:
        return value


def test_instructor_still_refuses_a_model_with_async_validators() -> None:
    with pytest.raises(ValueError, match="async validators"):
        async_validators.reject_async_validators(WithAsync)
    with pytest.raises(ValueError, match="async validators"):
        checked(WithAsync)
    # A refused model is not recorded: instructor's check still refuses it.
    with pytest.raises(ValueError, match="async validators"):
        async_validators.reject_async_validators(WithAsync)


def test_a_checked_model_is_walked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    class Fresh(BaseModel):
        inner: Plain

    walks: list[object] = []
    full = checked_models._full_check

    def counting(model: object) -> None:
        walks.append(model)
        full(model)

    monkeypatch.setattr(checked_models, "_full_check", counting)
    assert checked(Fresh) is Fresh
    for _ in range(5):
        async_validators.reject_async_validators(Fresh)
    assert walks == [Fresh]
    async_validators.reject_async_validators(Plain)  # not recorded: checked in full
    assert walks == [Fresh, Plain]


def test_instructors_own_callers_see_the_one_check() -> None:
    from instructor.v2.core import patch

    assert patch.reject_async_validators is async_validators.reject_async_validators
