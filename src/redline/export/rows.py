"""Reading the knowledge base's query results: plain dicts, as the store returns them.

Three kinds of row, the same for every writer (CSV, Parquet, PLOVER):

``redline``  {"id", "holder": [codes], "trigger": {"actors", "action", "targets", "text"},
              "consequence": {"action", "targets", "text"}, "first_seen", "last_seen",
              "statements": [{"doc_id", "published", "speaker", "evidence"}]}
``stance``   {"actor", "proposal", "position", "doc_id", "published", "speaker", "evidence"}
``event``    {"doc_id", "actors", "action", "targets", "status", "date", "evidence"}

Evidence is a list of objects ``{"text", "span": [start, end]}`` or of plain
strings; dates are ``datetime.date`` values or ISO strings. Missing keys read
as empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

ExportKind = Literal["redline", "stance", "event"]
EXPORT_KINDS: tuple[str, ...] = ("redline", "stance", "event")


def check_kind(kind: str) -> ExportKind:
    """``kind`` itself, or ValueError naming the kinds there are."""
    for known in ("redline", "stance", "event"):
        if kind == known:
            return known
    raise ValueError(f"unknown export kind {kind!r}; use one of {', '.join(EXPORT_KINDS)}")


def codes(value: Any) -> list[str]:
    """A list of actor codes from a list, a tuple, one code or nothing."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def as_date(value: Any) -> date | None:
    """A date from a date, a datetime or an ISO string (its first ten characters)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def iso(value: Any) -> str | None:
    """The ISO form of a date value, or None."""
    d = as_date(value)
    return d.isoformat() if d else None


def evidence(value: Any) -> list[tuple[str, tuple[int, int] | None]]:
    """(text, span or None) for each piece of evidence, whichever form it came in."""
    if value is None:
        return []
    if isinstance(value, str | Mapping):
        value = [value]
    out: list[tuple[str, tuple[int, int] | None]] = []
    for item in value:
        if isinstance(item, str):
            out.append((item, None))
            continue
        span = item.get("span")
        out.append((str(item.get("text") or ""), (int(span[0]), int(span[1])) if span else None))
    return out


def part(row: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """A nested object (``trigger``, ``consequence``), empty when missing."""
    value = row.get(key)
    return value if isinstance(value, Mapping) else {}


def statements(row: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(row.get("statements") or [])


def all_evidence(row: Mapping[str, Any], kind: ExportKind) -> list[tuple[str, tuple[int, int] | None]]:
    """Every piece of evidence of a row; for a red line, its statements' in order."""
    if kind == "redline":
        return [e for s in statements(row) for e in evidence(s.get("evidence"))]
    return evidence(row.get("evidence"))
