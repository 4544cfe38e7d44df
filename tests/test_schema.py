"""redline.store.schema: the tables the docstring draws, named by one convention, built exactly by the migrations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import UniqueConstraint, select

from builders import document, redline
from redline.models import Extraction
from redline.store import Store, schema
from redline.store.schema import metadata


@pytest.fixture
def kb(kb_db: str) -> Iterator[Store]:
    with Store.open(kb_db) as store:
        yield store


def test_migrations_build_exactly_the_declared_schema(kb: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from redline.store.schema import metadata

    def ours(name: str | None, type_: str, _parent: object) -> bool:
        # The full-text machinery (FTS5 and its shadow tables, the tsvector index) is dialect-specific SQL.
        return not (name or "").startswith(("search_fts", "ix_search_entries_tsv"))

    with kb.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": ours})
        assert compare_metadata(context, metadata) == []


def test_the_docstring_names_every_table() -> None:
    drawn = set(re.findall(r"\b[a-z]+(?:_[a-z]+)*\b", (schema.__doc__ or "").split("Code lists")[0]))
    assert set(metadata.tables) <= drawn


def test_keys_indexes_and_constraints_follow_the_naming_convention() -> None:
    # Index names are global to a database (SQLite, PostgreSQL schemas): no two tables may share one.
    names = [i.name for t in metadata.tables.values() for i in t.indexes]
    assert len(names) == len(set(names))
    for table in metadata.tables.values():
        assert table.primary_key.name == f"pk_{table.name}"
        for index in table.indexes:  # some are named by hand (several columns): the prefix still holds
            assert str(index.name).startswith(f"ix_{table.name}_"), index.name
        for fk in table.foreign_key_constraints:
            assert fk.name == f"fk_{table.name}_{fk.column_keys[0]}_{fk.referred_table.name}"
        for uq in (c for c in table.constraints if isinstance(c, UniqueConstraint)):
            assert uq.name == "uq_" + table.name + "_" + "_".join(c.name for c in uq.columns)


def test_code_lists_are_stored_comma_joined_and_sorted_with_holders_queryable_by_code(store: Store) -> None:
    sentence = "Kestria and Valdor warned that boats crossing the lake would be sunk."
    doc = document("joint-warning", [sentence], published=date(2030, 5, 2))
    store.add(Extraction(doc, redlines=(redline(doc, sentence, holder=("VLD", "KST"), action="DEPLOY",
                                                trigger="boats cross the lake", actors=("NOR", "LKE")),)))
    with store.reading() as conn:
        (line,) = conn.execute(select(schema.redlines.c.id, schema.redlines.c.holder,
                                      schema.redlines.c.trigger_actors)).all()
        holders = conn.execute(select(schema.redline_holders.c.code)
                               .where(schema.redline_holders.c.redline_id == line.id)).scalars().all()
    assert (line.holder, line.trigger_actors) == ("KST,VLD", "LKE,NOR")
    assert sorted(holders) == ["KST", "VLD"]
