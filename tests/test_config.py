from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.config import DEFAULT_MODEL, SETTINGS, Setting, Settings
from summarizer.errors import ConfigError


def test_flag_beats_environment_beats_default() -> None:
    env = {"SUMMARIZER_MODEL": "env-model", "SUMMARIZER_MAX_RETRIES": "5"}
    assert Settings.resolve(env=env).model == "env-model"
    assert Settings.resolve(env=env, model="flag-model").model == "flag-model"
    assert Settings.resolve(env={}).model == DEFAULT_MODEL
    assert Settings.resolve(env=env).max_retries == 5


def test_the_api_key_stays_out_of_repr() -> None:
    settings = Settings.resolve(env={"OPENAI_API_KEY": "sk-test-secret"})
    assert settings.api_key == "sk-test-secret"
    assert "sk-test-secret" not in repr(settings)


def test_auto_engine_is_offline_without_a_model() -> None:
    assert Settings.resolve(env={}).effective_engine() == "offline"
    assert Settings.resolve(env={"OPENAI_API_KEY": "k"}).effective_engine() == "llm"
    assert Settings.resolve(env={}, base_url="http://127.0.0.1:1/v1").effective_engine() == "llm"
    assert Settings.resolve(env={}, replay=Path("c.json")).effective_engine() == "llm"


@pytest.mark.parametrize(
    ("env", "flags", "message"),
    [
        ({"SUMMARIZER_MAX_RETRIES": "many"}, {}, "SUMMARIZER_MAX_RETRIES='many'"),
        ({}, {"mode": "xml"}, "mode must be one of"),
        ({}, {"timeout": 0.0}, "timeout"),
        ({}, {"record": Path("a"), "replay": Path("b")}, "cannot be used together"),
    ],
)
def test_bad_settings_are_config_errors(
    env: dict[str, str], flags: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.resolve(env=env, **flags)


def test_every_field_is_a_declared_setting_and_a_summarize_keyword() -> None:
    import dataclasses
    import typing

    from summarizer.config import SETTINGS, SettingsKwargs

    assert [s.name for s in SETTINGS] == [f.name for f in dataclasses.fields(Settings)]
    assert set(typing.get_type_hints(SettingsKwargs)) == {s.name for s in SETTINGS}
    for s in SETTINGS:
        assert s.help, s.name
        assert getattr(Settings(), s.name) == s.default
        if s.env:
            assert s.env.isupper(), s.name


def test_the_environment_is_coerced_to_each_settings_type() -> None:
    from summarizer.config import SETTINGS

    for s in SETTINGS:
        if not s.env or s.type is str:
            continue
        value = "7"
        resolved = getattr(Settings.resolve(env={s.env: value}), s.name)
        assert type(resolved) is s.type and resolved == s.type(value), s.name


def test_an_unknown_setting_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown setting 'modle'"):
        Settings.resolve(env={}, modle="x")


def _another_value(s: Setting) -> object:
    """A valid value for `s` other than `_BASE`'s (and not "auto", which may mean the same)."""
    if s.choices:
        return next(c for c in s.choices if c not in (getattr(_BASE, s.name), "auto"))
    if s.name == "base_url":
        return "http://127.0.0.1:9/v1"
    if s.type is int:
        return 7 if s.default is None else int(s.default) + 1  # type: ignore[call-overload]
    if s.type is float:
        return float(s.default or 0) + 0.5  # type: ignore[arg-type]
    if s.type is Path:
        return Path("other.json")
    return "other"


# The base every variation starts from: an LLM run, so "engine" is a real change.
_BASE = Settings(engine="llm", api_key="sk-base-key-0000")


@pytest.mark.parametrize("s", SETTINGS, ids=[s.name for s in SETTINGS])
def test_each_setting_takes_part_where_its_metadata_says(s: Setting) -> None:
    from summarizer.batch import resume_key
    from summarizer.cache import cache_key
    from summarizer.cassettes import new_header
    from summarizer.models import Article
    from summarizer.testing import recorded_settings

    article = Article(id="a", text="The council met on Monday.")
    changed = _BASE.with_(**{s.name: _another_value(s)})
    changed.validate()
    assert (cache_key(article, changed, "p") != cache_key(article, _BASE, "p")) == s.answer
    assert (resume_key(article, changed, "p") != resume_key(article, _BASE, "p")) == s.resume
    header = new_header(changed, "p")
    if s.recorded:
        value = getattr(changed, s.name)
        assert header["settings"][s.name] == value
        assert recorded_settings(header)[s.name] == value
    else:
        assert s.name not in header["settings"]
        assert s.name not in recorded_settings(header)


def test_max_tokens_changes_the_cache_key_and_the_resume_key() -> None:
    """Regression: a --max-tokens 200 run was served from a --max-tokens 100 run's cache."""
    from summarizer.batch import resume_key
    from summarizer.cache import cache_key
    from summarizer.models import Article

    article = Article(id="a", text="The council met on Monday.")
    a, b = _BASE.with_(max_tokens=100), _BASE.with_(max_tokens=200)
    assert cache_key(article, a, "p") != cache_key(article, b, "p")
    assert resume_key(article, a, "p") != resume_key(article, b, "p")


def test_the_secret_and_the_refusal_limit_stay_out_of_every_key() -> None:
    by_name = {s.name: s for s in SETTINGS}
    assert by_name["api_key"].secret and not by_name["api_key"].recorded
    assert not any(by_name[n].answer for n in ("api_key", "timeout", "max_chars", "record"))


def test_a_field_without_its_metadata_is_refused() -> None:
    import dataclasses

    from summarizer.config import _settings_of

    @dataclasses.dataclass(frozen=True)
    class Forgetful:
        model: str = "m"

    with pytest.raises(TypeError, match="Forgetful|_setting"):
        _settings_of(Forgetful)
