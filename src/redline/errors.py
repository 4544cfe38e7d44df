"""redline's exceptions: one root, so callers can catch everything we raise.

::

    RedlineError
    ├── InputError              an input could not be read as an article
    │   ├── UnreadableInput         binary, undecodable, empty, too large
    │   └── UnsupportedLanguage     not English
    ├── FetchError              a URL or feed could not be fetched
    │   └── BlockedAddress          private or loopback address without permission
    ├── ModelError              the spaCy model is missing or broken
    ├── StoreError              the knowledge base could not be opened or written
    │   ├── NotFound                no such red line, stance or document
    │   └── StoreUnavailable        the database is down, full, read-only, locked or corrupted: stop, retry later
    ├── ConfigError             a setting has a value we cannot use
    └── ReaderError             the optional LLM reader's endpoint could not answer

Each message says what went wrong and, where there is one, what to do next.
"""

from __future__ import annotations


class RedlineError(Exception):
    """The root of every error redline raises on purpose."""


class InputError(RedlineError):
    """An input could not be read as an article; it is skipped."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableInput(InputError):
    """Binary, undecodable, empty or too large."""


class UnsupportedLanguage(InputError):
    """The article is not in English."""


class FetchError(RedlineError):
    """A URL or feed could not be fetched."""


class BlockedAddress(FetchError):
    """The URL points at a private or loopback address and that was not allowed."""


class ModelError(RedlineError):
    """The spaCy model could not be loaded."""


class StoreError(RedlineError):
    """The knowledge base could not be opened or written."""


class NotFound(StoreError):
    """No such item in the knowledge base."""


class StoreUnavailable(StoreError):
    """The database cannot be used right now (server down, disk full, read-only, locked, corrupted).

    Unlike a bad document, this stops an ingest: every later document would fail the same way.
    What was stored before stays; the message says what to fix before running the command again.
    """


class ConfigError(RedlineError):
    """A setting has a value redline cannot use."""


class ReaderError(RedlineError):
    """The LLM reader's endpoint could not answer (after its retries), or refused the request."""
