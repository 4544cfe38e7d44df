"""Parquet export: an explicit schema, nested values kept, read back with pyarrow."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from redline.export.parquet import SCHEMAS, write_parquet

LINE = {
    "id": 3,
    "holder": ["VLD"],
    "trigger": {"actors": ["KST"], "action": "WMD", "targets": [],
                "text": "enrichment past the agreed level"},
    "consequence": {"action": "ATTACK", "targets": ["KST"], "text": "strikes on the plants"},
    "first_seen": "2024-05-02",
    "last_seen": date(2024, 6, 1),
    "statements": [
        {"doc_id": "d1", "published": "2024-05-02T08:00:00", "speaker": "the prime minister",
         "evidence": [{"text": "Enrichment past the agreed level means strikes.", "span": [4, 51]}]},
        {"doc_id": "d2", "published": None, "speaker": None, "evidence": ["They said it again."]},
    ],
}
STANCE = {"actor": "KST", "proposal": "talks in a neutral capital", "position": "support", "doc_id": "d1",
          "published": date(2024, 5, 2), "speaker": None, "evidence": ["Kestrany backs the talks."]}
EVENT = {"doc_id": "d2", "actors": ["VLD"], "action": "DEPLOY", "targets": ["KST"], "status": "planned",
         "date": "2024-06-03", "evidence": [{"text": "Two brigades will move north.", "span": [0, 29]}]}


def test_red_lines_keep_their_structure(tmp_path: Path) -> None:
    path = tmp_path / "lines.parquet"
    assert write_parquet([LINE], path, "redline") == 1
    table = pq.read_table(path)
    assert table.schema.equals(SCHEMAS["redline"])
    [row] = table.to_pylist()
    assert row["id"] == "3"
    assert row["trigger"] == {"actors": ["KST"], "action": "WMD", "targets": [],
                              "text": "enrichment past the agreed level"}
    assert row["first_seen"] == date(2024, 5, 2) and row["last_seen"] == date(2024, 6, 1)
    first, second = row["statements"]
    assert first["published"] == date(2024, 5, 2)
    assert first["evidence"] == [{"text": "Enrichment past the agreed level means strikes.", "span": [4, 51]}]
    assert second["published"] is None
    assert second["evidence"] == [{"text": "They said it again.", "span": None}]


def test_stances_and_events(tmp_path: Path) -> None:
    write_parquet([STANCE, STANCE], tmp_path / "s.parquet", "stance")
    stances = pq.read_table(tmp_path / "s.parquet")
    assert stances.num_rows == 2 and stances.schema.equals(SCHEMAS["stance"])
    assert stances.to_pylist()[0]["published"] == date(2024, 5, 2)
    write_parquet([EVENT], tmp_path / "e.parquet", "event")
    [event] = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert event["date"] == date(2024, 6, 3) and event["targets"] == ["KST"]
    assert event["evidence"][0]["span"] == [0, 29]


def test_empty_export_still_has_the_schema(tmp_path: Path) -> None:
    assert write_parquet([], tmp_path / "none.parquet", "event") == 0
    assert pq.read_table(tmp_path / "none.parquet").schema.equals(SCHEMAS["event"])


def test_a_bad_date_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ISO date"):
        write_parquet([{**EVENT, "date": "last week"}], tmp_path / "bad.parquet", "event")
