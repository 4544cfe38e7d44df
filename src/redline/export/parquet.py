"""Parquet export: one typed table per kind, with an explicit schema.

Unlike CSV, Parquet keeps the structure: codes are ``list<string>``, dates are
``date32``, and a red line's statements are a list of structs with their
evidence (text and span) inside, so nothing is joined into strings. Ids are
written as strings whatever type the store uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from redline.export.rows import ExportKind, as_date, check_kind, codes, evidence, part, statements

_CODES = pa.list_(pa.string())
EVIDENCE = pa.list_(pa.struct([("text", pa.string()), ("span", pa.list_(pa.int64(), 2))]))
# Corroboration (redline.sources): one struct per outlet.
SOURCES = pa.list_(pa.struct([
    ("outlet", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("owner", pa.string()),
    ("grade", pa.string()), ("doc_ids", _CODES), ("independent_source", pa.int64()), ("credits", _CODES),
]))
CORROBORATION = [("independent_sources", pa.int64()), ("admiralty", pa.string()), ("sources", SOURCES)]

SCHEMAS: dict[str, pa.Schema] = {
    "redline": pa.schema([
        ("id", pa.string()),
        ("holder", _CODES),
        ("trigger", pa.struct([
            ("actors", _CODES), ("action", pa.string()), ("targets", _CODES), ("text", pa.string()),
        ])),
        ("consequence", pa.struct([("action", pa.string()), ("targets", _CODES), ("text", pa.string())])),
        ("first_seen", pa.date32()),
        ("last_seen", pa.date32()),
        ("statements", pa.list_(pa.struct([
            ("doc_id", pa.string()), ("published", pa.date32()), ("speaker", pa.string()),
            ("evidence", EVIDENCE),
        ]))),
        *CORROBORATION,
    ]),
    "stance": pa.schema([
        ("actor", pa.string()), ("proposal", pa.string()), ("position", pa.string()),
        ("doc_id", pa.string()), ("published", pa.date32()), ("speaker", pa.string()),
        ("evidence", EVIDENCE), *CORROBORATION,
    ]),
    "event": pa.schema([
        ("doc_id", pa.string()), ("actors", _CODES), ("action", pa.string()), ("targets", _CODES),
        ("status", pa.string()), ("date", pa.date32()), ("evidence", EVIDENCE),
    ]),
}


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _evidence(value: Any) -> list[dict[str, Any]]:
    return [{"text": text, "span": list(span) if span else None} for text, span in evidence(value)]


def _corroboration(row: Mapping[str, Any]) -> dict[str, Any]:
    n = row.get("independent_sources")
    return {
        "independent_sources": None if n is None else int(n),
        "admiralty": _str(row.get("admiralty")),
        "sources": [
            {"outlet": _str(o.get("outlet")), "name": _str(o.get("name")), "kind": _str(o.get("kind")),
             "owner": _str(o.get("owner")), "grade": _str(o.get("grade")), "doc_ids": codes(o.get("doc_ids")),
             "independent_source": o.get("independent_source"), "credits": codes(o.get("credits"))}
            for o in row.get("sources") or ()
        ],
    }


def record(row: Mapping[str, Any], kind: ExportKind) -> dict[str, Any]:
    """One row shaped to ``SCHEMAS[kind]``."""
    if kind == "redline":
        trigger, consequence = part(row, "trigger"), part(row, "consequence")
        return {
            "id": _str(row.get("id")),
            "holder": codes(row.get("holder")),
            "trigger": {
                "actors": codes(trigger.get("actors")), "action": _str(trigger.get("action")),
                "targets": codes(trigger.get("targets")), "text": _str(trigger.get("text")),
            },
            "consequence": {
                "action": _str(consequence.get("action")), "targets": codes(consequence.get("targets")),
                "text": _str(consequence.get("text")),
            },
            "first_seen": as_date(row.get("first_seen")),
            "last_seen": as_date(row.get("last_seen")),
            "statements": [
                {
                    "doc_id": _str(s.get("doc_id")), "published": as_date(s.get("published")),
                    "speaker": _str(s.get("speaker")), "evidence": _evidence(s.get("evidence")),
                }
                for s in statements(row)
            ],
            **_corroboration(row),
        }
    if kind == "stance":
        return {
            **{key: _str(row.get(key)) for key in ("actor", "proposal", "position", "doc_id", "speaker")},
            "published": as_date(row.get("published")),
            "evidence": _evidence(row.get("evidence")),
            **_corroboration(row),
        }
    return {
        "doc_id": _str(row.get("doc_id")), "actors": codes(row.get("actors")),
        "action": _str(row.get("action")), "targets": codes(row.get("targets")),
        "status": _str(row.get("status")), "date": as_date(row.get("date")),
        "evidence": _evidence(row.get("evidence")),
    }


def write_parquet(rows: Iterable[Mapping[str, Any]], path: str | PathLike[str], kind: str) -> int:
    """Write ``rows`` to a Parquet file at ``path`` with ``SCHEMAS[kind]``; return the row count."""
    checked = check_kind(kind)
    table = pa.Table.from_pylist([record(row, checked) for row in rows], schema=SCHEMAS[checked])
    pq.write_table(table, path)
    return table.num_rows
