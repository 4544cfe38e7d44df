"""Alembic environment: redline runs migrations itself, on a connection it passes in.

``redline.store.engine.migrate`` calls ``alembic.command.upgrade`` with the
connection (already inside a write-locked transaction) in
``config.attributes["connection"]``; no alembic.ini is needed.
"""

from __future__ import annotations

from alembic import context

from redline.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations through redline.store (Store.open), which passes a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
