"""The knowledge base: the only code that issues SQL (SQLite or PostgreSQL, Alembic migrations).

``Store.open(db)`` opens or creates a knowledge base; ``Store.add`` stores one
extraction; :mod:`redline.store.queries` answers ``lines``, ``show``,
``stances``, ``search`` and export as plain dicts.
"""

from __future__ import annotations

from redline.store.kb import AddResult, Shift, Store

__all__ = ["AddResult", "Shift", "Store"]
