"""CSV export: one flat row per red line, stance or event.

Lists of codes, document ids, dates and speakers are joined with ";" (codes and
ids never contain one). Evidence sentences may contain ";", so they are joined
with a newline instead (CSV quotes the cell); their spans are ``start-end``
joined with ";" in the same order, empty where a piece of evidence has none.

Every cell comes from article text, so a cell that a spreadsheet would run as a
formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return: "CSV injection") is written with a leading ``'``, which spreadsheets
show as text and do not evaluate.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import IO, Any

from redline.export.rows import ExportKind, all_evidence, check_kind, codes, iso, part, statements

# Corroboration (redline.sources): "sources" is "outlet (kind, grade)" per outlet, joined with ";".
CORROBORATION = ("independent_sources", "admiralty", "sources")
COLUMNS: dict[str, tuple[str, ...]] = {
    "redline": (
        "id", "holder", "trigger_actors", "trigger_action", "trigger_targets", "trigger_text",
        "consequence_action", "consequence_targets", "consequence_text", "first_seen", "last_seen",
        "statements", "doc_ids", "published", "speakers", "evidence", "spans", *CORROBORATION,
    ),
    "stance": ("actor", "proposal", "position", "doc_id", "published", "speaker", "evidence", "spans",
               *CORROBORATION),
    "event": ("doc_id", "actors", "action", "targets", "status", "date", "evidence", "spans"),
}


# What Excel, LibreOffice and Google Sheets take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: a leading ``'`` when it would start a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _join(values: Iterable[Any]) -> str:
    return ";".join(str(v) for v in values)


def _unique(values: Iterable[Any]) -> list[Any]:
    return [v for v in dict.fromkeys(values) if v not in (None, "")]


def flatten(row: Mapping[str, Any], kind: ExportKind) -> dict[str, str]:
    """One row as the CSV cells of ``COLUMNS[kind]``."""
    ev = all_evidence(row, kind)
    cells: dict[str, Any] = {
        "evidence": "\n".join(text for text, _ in ev),
        "spans": _join(f"{s[0]}-{s[1]}" if s else "" for _, s in ev),
        "independent_sources": row.get("independent_sources"),
        "admiralty": row.get("admiralty"),
        "sources": _join(f"{o.get('outlet') or 'unidentified'} ({o.get('kind') or 'unknown'}, {o.get('grade')})"
                         for o in row.get("sources") or ()),
    }
    if kind == "redline":
        trigger, consequence, stmts = part(row, "trigger"), part(row, "consequence"), statements(row)
        cells |= {
            "id": row.get("id"),
            "holder": _join(codes(row.get("holder"))),
            "trigger_actors": _join(codes(trigger.get("actors"))),
            "trigger_action": trigger.get("action"),
            "trigger_targets": _join(codes(trigger.get("targets"))),
            "trigger_text": trigger.get("text"),
            "consequence_action": consequence.get("action"),
            "consequence_targets": _join(codes(consequence.get("targets"))),
            "consequence_text": consequence.get("text"),
            "first_seen": iso(row.get("first_seen")),
            "last_seen": iso(row.get("last_seen")),
            "statements": len(stmts),
            "doc_ids": _join(_unique(s.get("doc_id") for s in stmts)),
            "published": _join(_unique(iso(s.get("published")) for s in stmts)),
            "speakers": _join(_unique(s.get("speaker") for s in stmts)),
        }
    elif kind == "stance":
        cells |= {
            key: row.get(key) for key in ("actor", "proposal", "position", "doc_id", "speaker")
        } | {"published": iso(row.get("published"))}
    else:
        cells |= {
            "doc_id": row.get("doc_id"),
            "actors": _join(codes(row.get("actors"))),
            "action": row.get("action"),
            "targets": _join(codes(row.get("targets"))),
            "status": row.get("status"),
            "date": iso(row.get("date")),
        }
    return {column: "" if cells.get(column) is None else neutralise(str(cells[column])) for column in COLUMNS[kind]}


def write_csv(rows: Iterable[Mapping[str, Any]], fp: IO[str], kind: str) -> int:
    """Write a header and one line per row to ``fp`` (opened with ``newline=""``); return the row count."""
    checked = check_kind(kind)
    writer = csv.DictWriter(fp, fieldnames=COLUMNS[checked], lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(flatten(row, checked))
        count += 1
    return count
