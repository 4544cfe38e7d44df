"""The actors' tally: statement counts and first/last seen days, unknown days left unknown."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from redline.store.actor_tally import earliest, latest, touch_actors
from redline.store.kb import Store
from redline.store.schema import actors


def test_an_unknown_day_never_narrows_or_replaces_a_known_one() -> None:
    day, later = date(2031, 3, 9), date(2031, 5, 1)
    assert earliest(day, later) == day and latest(day, later) == later
    assert earliest(None, day) == day and latest(day, None) == day
    assert earliest(None, None) is None and latest(None, None) is None


def test_actors_touched_again_in_one_transaction_count_every_touch(store: Store) -> None:
    with store.writing() as conn:
        touch_actors(conn, date(2031, 3, 9), ["VLM", "OST"])
        touch_actors(conn, None, ["VLM"])
        touch_actors(conn, date(2031, 3, 2), ["VLM", "VLM"])
    with store.writing() as conn:
        touch_actors(conn, date(2031, 4, 1), ["OST"])
    with store.reading() as conn:
        rows = {r.code: tuple(r)[1:] for r in conn.execute(select(actors))}
    assert rows == {"VLM": (date(2031, 3, 2), date(2031, 3, 9), 3), "OST": (date(2031, 3, 9), date(2031, 4, 1), 2)}
