"""Sources and corroboration end to end: `lines`, `show`, `stances` and `export` (CliRunner), on sourced.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builders import store_story
from redline.cli import app
from sourced import sourced_story

runner = CliRunner()


@pytest.fixture
def db(kb_db: str) -> str:
    return store_story(kb_db, sourced_story())


def data(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_trigger(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {ln["trigger"]["action"]: ln for ln in lines}


def test_lines_json_carries_corroboration(db: str) -> None:
    lines = by_trigger(data("lines", "--json", "--db", db))
    deploy, sanction = lines["DEPLOY"], lines["SANCTION"]
    # wire + its syndicated copy: one; TASS + RT (one owner): one; the unknown blog: one.
    assert deploy["independent_sources"] == 3
    assert deploy["admiralty"] == "B1"
    outlets = {s["outlet"]: s for s in deploy["sources"]}
    assert set(outlets) == {"reuters.com", "news.yahoo.com", "tass.com", "rt.com", "blog.example.org"}
    assert outlets["news.yahoo.com"]["independent_source"] == outlets["reuters.com"]["independent_source"]
    assert outlets["rt.com"]["independent_source"] == outlets["tass.com"]["independent_source"]
    assert (outlets["blog.example.org"]["grade"], outlets["blog.example.org"]["kind"]) == ("F", None)
    assert outlets["tass.com"] | {"reason": ""} == {
        "outlet": "tass.com", "name": "TASS", "kind": "state-controlled", "owner": "Government of Russia",
        "grade": "C", "reason": "", "doc_ids": ["tass"], "independent_source": outlets["tass.com"][
            "independent_source"], "credits": []}
    assert (sanction["independent_sources"], sanction["admiralty"]) == (1, "F6")
    assert sanction["sources"][0]["outlet"] is None


def test_lines_filter_on_min_sources_and_grade(db: str) -> None:
    assert [ln["trigger"]["action"] for ln in data("lines", "--min-sources", "2", "--json", "--db", db)] == ["DEPLOY"]
    assert [ln["trigger"]["action"] for ln in data("lines", "--grade", "A-C", "--json", "--db", db)] == ["DEPLOY"]
    assert [ln["trigger"]["action"] for ln in data("lines", "--grade", "F", "--json", "--db", db)] == ["SANCTION"]
    assert data("lines", "--min-sources", "4", "--json", "--db", db) == []
    result = runner.invoke(app, ["lines", "--grade", "Q", "--db", db])
    assert result.exit_code == 1 and "--grade 'Q'" in result.output


def test_a_user_override_changes_the_grade(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "sources.yaml"
    mine.write_text("- {domains: [reuters.com], grade: D, reason: our own review}\n"
                    "- {domains: [blog.example.org], name: Example Blog, kind: newspaper, grade: B}\n",
                    encoding="utf-8")
    monkeypatch.setenv("REDLINE_SOURCES", str(mine))
    deploy = by_trigger(data("lines", "--json", "--db", db))["DEPLOY"]
    outlets = {s["outlet"]: s for s in deploy["sources"]}
    assert (outlets["reuters.com"]["grade"], outlets["reuters.com"]["reason"]) == ("D", "our own review")
    assert (outlets["blog.example.org"]["name"], outlets["blog.example.org"]["grade"]) == ("Example Blog", "B")
    assert deploy["admiralty"] == "B1"  # the blog (B) and TASS (C) are now the two reliable sources


def test_show_gives_per_document_outlets_and_the_table_shows_grades(db: str) -> None:
    deploy = by_trigger(data("lines", "--json", "--db", db))["DEPLOY"]
    item = data("show", str(deploy["id"]), "--json", "--db", db)
    assert item["admiralty"] == "B1" and item["independent_sources"] == 3
    assert {s["doc_id"]: (s["outlet"], s["grade"]) for s in item["sources"]}["rt"] == ("rt.com", "D")
    assert {o["outlet"] for o in item["outlets"]} == {s["outlet"] for s in deploy["sources"]}
    text = " ".join(runner.invoke(app, ["show", str(deploy["id"]), "--db", db]).output.split())
    assert "independent sources 3" in text and "admiralty B1" in text and "TASS (state-controlled, C)" in text
    table = runner.invoke(app, ["lines", "--db", db]).output
    assert "B1" in table and "F6" in table


def test_stances_carry_the_corroboration_of_their_position(db: str) -> None:
    cells = data("stances", "--json", "--db", db)
    assert [(c["actor"], c["position"], c["independent_sources"], c["admiralty"]) for c in cells] == [
        ("OST", "oppose", 3, "B1")]
    assert {s["outlet"] for s in cells[0]["sources"]} >= {"reuters.com", "tass.com"}


def test_exports_carry_corroboration(db: str, tmp_path: Path) -> None:
    everything = json.loads(runner.invoke(app, ["export", "--format", "json", "--db", db]).stdout)
    assert {r["admiralty"] for r in everything["redlines"]} == {"B1", "F6"}
    assert {(r["doc_id"], r["admiralty"], r["independent_sources"]) for r in everything["stances"]} == {
        (d, "B1", 3) for d in ("wire", "wire-copy", "tass", "rt", "blog")}
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--format", "csv", "--db", db]).stdout)))
    deploy = next(r for r in rows if r["trigger_action"] == "DEPLOY")
    assert (deploy["independent_sources"], deploy["admiralty"]) == ("3", "B1")
    assert "tass.com (state-controlled, C)" in deploy["sources"].split(";")
    import pyarrow.parquet as pq

    out = tmp_path / "stances.parquet"
    assert runner.invoke(app, ["export", "--format", "parquet", "--kind", "stance", "-o", str(out),
                               "--db", db]).exit_code == 0
    table = pq.read_table(out).to_pylist()
    assert {r["admiralty"] for r in table} == {"B1"}
    assert {s["outlet"] for s in table[0]["sources"]} >= {"reuters.com", "rt.com"}


def test_info_names_the_source_list_and_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDLINE_SOURCES", str(tmp_path / "mine.yaml"))
    (tmp_path / "mine.yaml").write_text("[]\n", encoding="utf-8")
    monkeypatch.delenv("REDLINE_LLM_URL", raising=False)
    info = data("info", "--json")
    assert info["data"]["sources"] and info["sources_file"] == str(tmp_path / "mine.yaml")
    assert info["llm_reader"] is None
