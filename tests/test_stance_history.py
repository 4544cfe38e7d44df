from __future__ import annotations

from datetime import date

from redline.store import stance_history


def test_a_stance_cell_keeps_the_latest_position_and_the_shift() -> None:
    history = [(date(2024, 1, 5), "oppose"), (date(2024, 2, 1), "oppose"), (date(2024, 2, 26), "open")]
    cell = stance_history.stance_cell(history)
    assert (cell.position, cell.previous, cell.changed) == ("open", "oppose", date(2024, 2, 26))
    assert (cell.first_seen, cell.last_seen, cell.count) == (date(2024, 1, 5), date(2024, 2, 26), 3)
    runs = stance_history.position_runs(history)
    assert [(r["position"], r["count"]) for r in runs] == [("oppose", 2), ("open", 1)]
    steady = stance_history.stance_cell(history[:2])
    assert steady.previous is None and steady.changed is None


def test_a_position_of_unknown_date_counts_but_makes_no_shift() -> None:
    history = [(date(2024, 1, 2), "oppose"), (None, "support")]
    cell = stance_history.stance_cell(history)
    assert (cell.position, cell.previous, cell.changed, cell.count) == ("oppose", None, None, 2)
    assert stance_history.stance_cell([(None, "open"), (None, "support")]).previous is None
    runs = stance_history.position_runs(history)
    assert runs[-1] == {"position": "support", "from": None, "to": None, "count": 1}
    assert sorted([None, date(2024, 5, 1), date(2023, 1, 1)], key=stance_history.in_time_order) == [
        date(2023, 1, 1), date(2024, 5, 1), None]
