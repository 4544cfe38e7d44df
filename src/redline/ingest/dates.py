"""When an article was published: from its metadata, else from the top of its text.

Only the head of the text is searched (``HEAD_CHARS``): further down, a date is
far more often one the article talks about ("on October 20, 2022") than the
day it appeared. Candidates are found with our own patterns and checked with
``datetime.date``; a date in the future or before 1900 is never returned.
A dateline without a year ("KYIV, Sept 13 (Reuters) -") counts only when a
year stands near it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

__all__ = ["HEAD_CHARS", "find_published", "parse_date"]

HEAD_CHARS = 600
# How far from a year-less dateline a year may stand and still be its year.
NEAR_YEAR_CHARS = 120
EARLIEST_YEAR = 1900

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # 2024-09-13, 2024/09/13, 2024-09-13T17:02:00Z
        rf"\b{_YEAR}[-/.](?P<month_num>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)",
        # Friday, September 13, 2024 / Sept. 13, 2024 / Feb 28/2024 / March 3 2025
        rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}(?:\s*,\s*|\s*/\s*|\s+){_YEAR}\b",
        # 13 September 2024 / Friday 13 Sept. 2024 / 13-Sep-2024
        rf"\b{_WEEKDAY}{_DAY}[\s-]+{_MONTH}[\s,-]+{_YEAR}\b",
        # 13/09/2024 or 09/13/2024, only when the day cannot be the month (> 12)
        rf"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]{_YEAR}\b",
    )
)
# KYIV, Sept 13 (Reuters) - / WASHINGTON, March 3 — (a dateline: capitalised place at a line start)
_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}},\s+{_MONTH}\s+{_DAY}\b\s*(?:\([^)]{{1,40}}\))?\s*[-–—:]",
    re.MULTILINE | re.IGNORECASE,
)
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _valid(year: int, month: int, day: int, today: date) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if found > today or year < EARLIEST_YEAR:
        return None
    return found


def _candidates(text: str, today: date) -> Iterator[tuple[int, date]]:
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            parts = m.groupdict()
            year = int(parts["year"])
            if parts.get("month"):
                month, day = _MONTHS[parts["month"].lower()], int(parts["day"])
            elif parts.get("month_num"):
                month, day = int(parts["month_num"]), int(parts["day"])
            else:
                a, b = int(parts["a"]), int(parts["b"])
                if a > 12 >= b:
                    day, month = a, b
                elif b > 12 >= a:
                    month, day = a, b
                else:
                    continue  # 03/05/2024: March 5 or 3 May, nobody can tell
            found = _valid(year, month, day, today)
            if found is not None:
                yield m.start(), found
    for m in _DATELINE.finditer(text):
        month, day = _MONTHS[m.group("month").lower()], int(m.group("day"))
        lo, hi = max(0, m.start() - NEAR_YEAR_CHARS), m.end() + NEAR_YEAR_CHARS
        # The nearest year to the dateline is its year.
        years = sorted(_ANY_YEAR.finditer(text, lo, hi), key=lambda y: abs(y.start() - m.start()))
        for y in years:
            found = _valid(int(y.group()), month, day, today)
            if found is not None:
                yield m.start(), found
                break


def parse_date(value: str, *, today: date | None = None) -> date | None:
    """A date from a metadata string: ISO 8601, a pattern of the text, or what dateparser reads strictly."""
    today = today or date.today()
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    else:
        return parsed if _valid(parsed.year, parsed.month, parsed.day, today) else None
    found = sorted(_candidates(value, today))
    if found:
        return found[0][1]
    if not _ANY_YEAR.search(value):
        return None  # "yesterday", "2 hours ago": relative to a moment we do not know
    import dateparser  # slow to import; only needed for unusual metadata such as RFC 2822 dates

    result = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    if result is None:
        return None
    d = result.date()
    return d if _valid(d.year, d.month, d.day, today) else None


def find_published(text: str, metadata: str | None = None, *, today: date | None = None) -> date | None:
    """The publication date: ``metadata`` if it parses, else the first date near the top of ``text``."""
    today = today or date.today()
    if metadata:
        found = parse_date(metadata, today=today)
        if found is not None:
            return found
    head = text[:HEAD_CHARS]
    candidates = sorted(_candidates(head, today))
    return candidates[0][1] if candidates else None
