"""Settings from the environment: the sources file and the LLM reader's endpoint."""

from __future__ import annotations

import pytest

from redline.config import LlmSettings, Settings
from redline.errors import ConfigError

LLM_VARS = ("REDLINE_LLM_URL", "REDLINE_LLM_MODEL", "REDLINE_LLM_KEY", "REDLINE_LLM_TIMEOUT", "REDLINE_LLM_RETRIES",
            "REDLINE_LLM_PRICE", "REDLINE_LLM_CACHE", "REDLINE_SOURCES")


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LLM_VARS:
        monkeypatch.delenv(name, raising=False)


def test_no_endpoint_means_no_llm_reader() -> None:
    settings = Settings.from_env()
    assert settings.llm is None and settings.sources is None


def test_the_endpoint_and_its_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"REDLINE_LLM_URL": "http://127.0.0.1:8000/v1", "REDLINE_LLM_MODEL": "m",
                        "REDLINE_LLM_KEY": "sk-secret", "REDLINE_LLM_TIMEOUT": "5", "REDLINE_LLM_RETRIES": "1",
                        "REDLINE_LLM_PRICE": "0.15,0.6", "REDLINE_SOURCES": "mine.yaml"}.items():
        monkeypatch.setenv(name, value)
    settings = Settings.from_env()
    assert settings.llm == LlmSettings(url="http://127.0.0.1:8000/v1", model="m", key="sk-secret", timeout=5.0,
                                       retries=1, price=(0.15, 0.6))
    assert settings.sources == "mine.yaml"
    assert "sk-secret" not in repr(settings)


@pytest.mark.parametrize(("env", "words"), [
    ({"REDLINE_LLM_URL": "http://x/v1"}, "REDLINE_LLM_MODEL is not"),
    ({"REDLINE_LLM_URL": "http://x/v1", "REDLINE_LLM_MODEL": "m", "REDLINE_LLM_PRICE": "cheap"}, "REDLINE_LLM_PRICE"),
    ({"REDLINE_LLM_URL": "http://x/v1", "REDLINE_LLM_MODEL": "m", "REDLINE_LLM_TIMEOUT": "soon"}, "seconds"),
])
def test_a_setting_we_cannot_use_says_which(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], words: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=words):
        Settings.from_env()
