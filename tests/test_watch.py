"""`redline watch`: poll a directory, ingest only what is new, report its alerts; Ctrl-C stops cleanly.

The articles are ours, extracted by the real pipeline (the spaCy model is loaded once per process).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from redline import service
from redline.cli import app

LINE = ("Russia's foreign ministry warned on Monday that if Finland deploys troops to Estonia, "
        "Russia will strike Finnish bases.")
EVENT = "Finland deployed two battalions of troops to Estonia on Tuesday, the defence ministry said."


def article(folder: Path, doc_id: str, text: str, published: str) -> None:
    (folder / f"{doc_id}.jsonl").write_text(
        json.dumps({"id": doc_id, "text": text, "published": published}) + "\n", encoding="utf-8")


def test_watch_ingests_only_new_files_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    article(inbox, "warning", LINE, "2031-03-03")
    settings = service.Settings(db=str(tmp_path / "kb.db"))
    polls: list[tuple[int, int]] = []
    raised: list[list[dict[str, Any]]] = []
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 1:
            article(inbox, "deployment", EVENT, "2031-03-20")  # arrives while the watcher sleeps
        else:
            raise KeyboardInterrupt

    run = service.watch(str(inbox), settings, interval=5, sleep=sleep, on_alerts=raised.append,
                        on_poll=lambda n, s: polls.append((s.read, s.stored)))
    assert run.interrupted and run.polls == 2 and naps == [5, 5]
    assert polls == [(1, 1), (2, 1)]  # the second poll stored only the new file
    assert run.stored == 2 and run.alerts == 1
    [[alert]] = raised
    assert alert["status"] == "crossed" and alert["event"]["doc_id"] == "deployment"
    assert alert["redline"]["holder"] == ["RUS"]
    assert [a["id"] for a in service.alerts(settings)] == [alert["id"]]  # nothing lost on Ctrl-C


def test_watch_once_from_the_command_line(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    article(inbox, "warning", LINE, "2031-03-03")
    article(inbox, "deployment", EVENT, "2031-03-20")
    db = str(tmp_path / "kb.db")
    result = CliRunner().invoke(app, ["watch", str(inbox), "--once", "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 new alert(s)" in result.output and "crossed" in result.output
    assert "1 poll(s), 2 document(s) stored, 1 alert(s)" in result.output
    again = CliRunner().invoke(app, ["watch", str(inbox), "--once", "--db", db])
    assert "poll 1: 0 new document(s), 0 alert(s)" in again.output


def test_watch_rejects_a_bad_interval(tmp_path: Path) -> None:
    with pytest.raises(service.RedlineError, match="interval"):
        service.watch(str(tmp_path), service.Settings(db=str(tmp_path / "kb.db")), interval=0)
