"""`redline alerts`, `whatif` and `graph` end to end (CliRunner), over knowledge bases built by hand."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from redline.cli import app
from test_alerts import add, cascade_kb, deployments, warning

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    """Exit status, and stdout alone for JSON (else everything printed)."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout if "--json" in args and result.exit_code == 0 else result.output


def test_alerts_json_has_the_documented_fields(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    add(db, warning(), deployments())
    code, output = run("alerts", "--json", "--db", db)
    assert code == 0
    items = json.loads(output)
    assert [a["status"] for a in items] == ["approaching", "crossed"]  # newest event first
    crossed = items[1]
    assert {"status", "redline", "event", "explanation", "date", "created"} <= set(crossed)
    assert {"id", "holder", "trigger", "consequence"} <= set(crossed["redline"])
    assert {"doc_id", "actors", "action", "targets", "status", "evidence"} <= set(crossed["event"])
    code, output = run("alerts", "--status", "crossed", "--json", "--db", db)
    assert [a["event"]["actors"] for a in json.loads(output)] == [["FRA"]]


def test_alerts_table_and_bad_options(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    add(db, warning(), deployments())
    code, output = run("alerts", "--db", db)
    assert code == 0 and "2 alert(s)" in output and "crossed" in output and "approaching" in output
    code, output = run("alerts", "--since", "2031-13-01", "--db", db)
    assert code == 1 and "YYYY-MM-DD" in output
    code, output = run("alerts", "--status", "near", "--db", db)
    assert code == 1 and "crossed or approaching" in output


def test_whatif_tree_and_json(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    cascade_kb(db)
    code, output = run("whatif", "--actor", "FRA", "--action", "DEPLOY", "--target", "VEL", "--db", db)
    assert code == 0
    assert "crosses #1 held by OST" in output and "crosses #2 held by NATO" in output
    assert "Ostravia said that if NATO troops entered Velmora" in output
    code, output = run("whatif", "--actor", "FRA", "--action", "DEPLOY", "--target", "VEL", "--depth", "1",
                       "--json", "--db", db)
    assert code == 0
    nodes = json.loads(output)
    assert nodes[0]["redline"]["id"] == 1 and nodes[0]["then"] == []


def test_whatif_reads_the_action_from_text(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    cascade_kb(db)
    code, output = run("whatif", "France sends troops to Velmora", "--target", "VEL", "--json", "--db", db)
    assert code == 0, output
    assert json.loads(output)[0]["action"] == {"actors": ["FRA"], "action": "DEPLOY", "targets": ["VEL"]}
    code, output = run("whatif", "somebody does something", "--db", db)
    assert code == 1 and "could not find an actor" in output and "--actor/--action/--target" in output


def test_graph_formats(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    cascade_kb(db)
    code, output = run("graph", "--format", "json", "--db", db)
    assert code == 0 and {"nodes", "edges"} <= set(json.loads(output))
    target = tmp_path / "g.graphml"
    code, _ = run("graph", "--format", "graphml", "-o", str(target), "--db", db)
    assert code == 0 and "<graphml" in target.read_text(encoding="utf-8")
    code, output = run("graph", "--format", "png", "--db", db)
    assert code == 1 and "unknown graph format" in output
