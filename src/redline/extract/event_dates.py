"""When an event happened: an explicit date in its sentence, a weekday near the article's date, else unknown.

An event with no date of its own takes its document's publication date; when
the document has none either, the event's date stays unknown (never the day it
was ingested).

A date without its year is read against the publication date and the tense of
the act (:func:`redline.extract.event_status.tense`): on or before publication it
is that year's; after it, it is the next occurrence only when the act is still to
come ("will open the base on 13 November"); a past or unmarked act dated after its
own article is not guessed at (a year back, or the article's date off), and its
date is unknown. A weekday is the last one before publication, or the next one
after it for an act to come.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
EARLIER_YEAR = re.compile(r"\b(?:in|since|during|of) (\d{4})\b", re.IGNORECASE)
DATE_RE = re.compile(
    r"\b(?:(?P<d1>\d{1,2}) (?P<m1>[A-Z][a-z]+)|(?P<m2>[A-Z][a-z]+)\.? (?P<d2>\d{1,2})(?!\d))"
    r"(?:,? (?P<y>\d{4}))?"
)


def event_date(text: str, published: date | None, tense: str | None = None) -> date | None:
    """An explicit date in the sentence, else the document's published date (None when it has none).

    ``tense``: ``future`` for an act still to come, ``past`` for one done, None when the words do not say.
    """
    pos = 0
    while (m := DATE_RE.search(text, pos)) is not None:
        pos = m.start() + 1  # overlapping: in "On 7 March", "On 7" is no date but "7 March" is
        month = MONTHS.get((m.group("m1") or m.group("m2") or "").lower())
        day = int(m.group("d1") or m.group("d2") or 0)
        year = int(m.group("y")) if m.group("y") else (published.year if published else None)
        if month and year and 1 <= day <= 31:
            try:
                found = date(year, month, day)
            except ValueError:
                found = None
            if found and published and not m.group("y"):
                return _yearless(found, published, tense)
            if found:
                return found
    if published:
        for when, word in re.findall(r"\b(on|last|next) ([A-Z][a-z]+day)\b", text):
            wd = WEEKDAYS.get(word.lower())
            if wd is not None:
                if when == "next" or (when == "on" and tense == "future"):
                    return published + timedelta(days=(wd - published.weekday()) % 7)
                back = (published.weekday() - wd) % 7
                return published - timedelta(days=back)
        # "in 2001 China forced down an American plane": background from an earlier year. Its last day is the
        # latest the event can be, so a line first stated after it is never taken as crossed by it.
        years = [int(y) for y in EARLIER_YEAR.findall(text) if 1900 < int(y) < published.year]
        if years:
            return date(max(years), 12, 31)
    return published


def _yearless(found: date, published: date, tense: str | None) -> date | None:
    """A day and month given without a year (``found`` in the publication's year), read as the tense says."""
    if tense == "future":
        if found >= published:
            return found
        try:
            later = found.replace(year=found.year + 1)  # "will meet on 5 January", said in December
        except ValueError:
            return None
        # the nearer of the two to the article: a day just before it is this year's (a dateline, a date a
        # time zone away), one months before it next year's
        return later if later - published < published - found else found
    return found if found <= published else None
