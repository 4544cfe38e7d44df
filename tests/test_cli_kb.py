"""The knowledge-base commands end to end: ingest, lines, show, stances, search, export (CliRunner)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import document, redline, store_story
from redline import service
from redline.cli import app
from redline.models import Extraction

runner = CliRunner()


@pytest.fixture
def db(kb_db: str) -> str:
    """A knowledge base holding the builders' story (stored through the service, as ingest does)."""
    return store_story(kb_db)


def run(*args: str) -> tuple[int, str]:
    """Exit status, and stdout alone when JSON is asked for (else everything printed)."""
    result = runner.invoke(app, list(args))
    wants_data = "--json" in args or ("export" in args and "-o" not in args)
    return result.exit_code, result.stdout if wants_data and result.exit_code == 0 else result.output


def test_lines_json_has_the_documented_fields(db: str) -> None:
    code, output = run("lines", "--holder", "OST", "--json", "--db", db)
    assert code == 0
    items = json.loads(output)
    assert {"id", "holder", "trigger", "consequence", "first_seen", "last_seen", "statements"} <= set(items[0])
    assert {"text", "span"} <= set(items[0]["statements"][0]["evidence"][0])


def test_lines_table_and_the_db_from_the_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDLINE_DB", db)
    code, output = run("lines")
    assert code == 0 and "2 red line(s)" in output and "Velmora" in output
    code, output = run("lines", "--since", "not-a-date")
    assert code == 1 and "YYYY-MM-DD" in output


def test_show_says_why_statements_were_merged(db: str) -> None:
    line_id = json.loads(run("lines", "--json", "--db", db)[1])[-1]["id"]
    code, output = run("show", str(line_id), "--db", db)
    assert code == 0
    assert "merged into" in output and "copy of ostravia-warns" in output
    assert "certainty over time" in output
    code, output = run("show", "4242", "--db", db)
    assert code == 1 and "no red line #4242" in output


def test_stances_show_shifts(db: str) -> None:
    code, output = run("stances", "--db", db)
    assert code == 0 and "open → oppose" in output
    cells = json.loads(run("stances", "--actor", "FRA", "--json", "--db", db)[1])
    assert cells[0]["shift"] == "open → oppose" and cells[0]["history"][0]["position"] == "open"



def test_stances_why_says_how_each_latest_stance_was_linked(db: str) -> None:
    plain = run("stances", "--db", db)[1]
    code, output = run("stances", "--why", "--db", db)
    assert code == 0 and "merged into #" in output and "merged into #" not in plain


def test_search(db: str) -> None:
    code, output = run("search", "gas supplies", "--json", "--db", db)
    assert code == 0
    assert {h["doc_id"] for h in json.loads(output)} == {"ostravia-gas"}


def test_export_in_every_format(db: str, tmp_path: Path) -> None:
    code, output = run("export", "--format", "json", "--db", db)
    assert code == 0
    data = json.loads(output)
    assert len(data["redlines"]) == 2 and len(data["stances"]) == 4
    out = tmp_path / "lines.csv"
    assert run("export", "--format", "csv", "-o", str(out), "--db", db)[0] == 0
    assert len(list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))) == 2
    out = tmp_path / "all.jsonl"
    assert run("export", "--format", "plover", "-o", str(out), "--db", db)[0] == 0
    events = {json.loads(line)["event"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert "THREATEN" in events
    out = tmp_path / "stances.parquet"
    assert run("export", "--format", "parquet", "--kind", "stance", "-o", str(out), "--db", db)[0] == 0
    assert out.stat().st_size > 0
    code, output = run("export", "--format", "parquet", "--db", db)
    assert code == 1 and "-o" in output
    code, output = run("export", "--format", "xml", "--db", db)
    assert code == 1 and "unknown export format" in output


def test_ingest_refuses_loopback_urls_without_allow_private(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "http://127.0.0.1:9/a.html", "--db", str(tmp_path / "kb.db"), "--json"])
    assert result.exit_code == 1 and "nothing could be read" in result.stderr
    summary = json.loads(result.stdout)
    assert summary["stored"] == 0
    [(skipped)] = summary["skipped"]
    assert skipped["input"] == "http://127.0.0.1:9/a.html" and "--allow-private" in skipped["reason"]


@pytest.mark.slow
def test_ingest_runs_the_real_pipeline_and_a_rerun_adds_nothing(tmp_path: Path, nlp: object) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "one.txt").write_text(
        "Velmora warns the alliance\n\nVelmora's defence minister said on Monday that any deployment of foreign "
        "troops on its border would be met with a military response.\n", encoding="utf-8")
    (texts / "two.txt").write_text("Harvest festival opens\n\nThe harvest festival opened in the old town.\n",
                                   encoding="utf-8")
    (texts / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    code, output = run("ingest", str(texts), "--db", db, "--json")
    assert code == 0, output
    first = json.loads(output)
    assert first["stored"] == 2 and any("empty" in s["input"] for s in first["skipped"])
    code, output = run("ingest", str(texts), "--db", db, "--json")
    again = json.loads(output)
    assert again["stored"] == 0 and sum("already" in s["reason"] for s in again["skipped"]) == 2


HOSTILE = ('=HYPERLINK("http://evil.example") <script>alert(1)</script> \x1b[2J\x1b]0;owned\x07 '
           "Ostravia warned that sending troops to Velmora would bring a response, officials said.")


def test_hostile_content_is_stored_as_text_and_shown_as_text(kb_db: str, tmp_path: Path) -> None:
    """HTML, script and terminal escapes in a stored statement: kept verbatim, never run or passed raw."""
    d = document("evil\x1b[31m", [HOSTILE], title="<b>Title</b>\x1b[2J")
    x = Extraction(d, redlines=(redline(d, HOSTILE, holder=("OST",), action="DEPLOY", targets=("VEL",),
                                        trigger="=cmd|' /C calc'!A0", consequence="@SUM(1+1)*cmd"),))
    store = service.open_store(service.Settings(db=kb_db))
    try:
        service.store_extractions([x], store, service.IngestSummary())
    finally:
        store.close()
    for args in (["lines"], ["show", "1"], ["search", "Velmora"]):
        code, output = run(*args, "--db", kb_db)
        assert code == 0, output
        assert "\x1b" not in output and "\x07" not in output
    code, output = run("show", "1", "--db", kb_db)
    assert "\\x1b[2J\\x1b]0;owned\\x07" in output and "evil\\x1b[31m" in output
    assert "<script>alert(1)</script>" in " ".join(output.split())
    code, output = run("lines", "--json", "--db", kb_db)
    assert json.loads(output)[0]["statements"][0]["evidence"][0]["text"] == HOSTILE  # stored whole
    out_csv = tmp_path / "lines.csv"
    assert run("export", "--format", "csv", "-o", str(out_csv), "--db", kb_db)[0] == 0
    with out_csv.open(encoding="utf-8", newline="") as f:
        [row] = list(csv.DictReader(f))
    assert row["trigger_text"] == "'=cmd|' /C calc'!A0" and row["consequence_text"] == "'@SUM(1+1)*cmd"
    assert row["evidence"] == "'" + HOSTILE


def test_a_skipped_file_named_with_escapes_is_reported_as_text(tmp_path: Path) -> None:
    bad = tmp_path / "report\x1b[2J.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "report\\x1b[2J.txt" in result.output
