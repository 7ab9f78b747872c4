from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.config import DEFAULT_MODEL, Settings
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
