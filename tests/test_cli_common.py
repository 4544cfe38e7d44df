"""redline.cli.common: untrusted text made safe for the terminal, one-line failures, the shared options."""

from __future__ import annotations

from datetime import date

import pytest
import typer

from redline.cli import common


@pytest.mark.parametrize(("text", "shown"), [
    ("plain words", "plain words"),
    ("\x1b[2J cleared", "\\x1b[2J cleared"),  # a terminal escape is shown as its code, not run
    ("bell\x07 and back\x08space", "bell\\x07 and back\\x08space"),
    ("line\rover", "line\\x0dover"),
    ("\u202eevil", "\\u202eevil"),  # a bidi override would reverse what follows
    ("tab\tand\nnewline", "tab\tand\nnewline"),  # layout characters stay
])
def test_escape_shows_control_characters_as_their_code(text: str, shown: str) -> None:
    assert common.escape(text) == shown


def test_escape_escapes_rich_markup() -> None:
    assert common.escape("[bold]loud[/bold]") == "\\[bold]loud\\[/bold]"


def test_a_failure_is_one_line_on_stderr_and_an_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    exit_ = common._fail("cannot open /tmp/a [kb].db\x1b[2J", code=3)
    assert isinstance(exit_, typer.Exit) and exit_.exit_code == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "error: cannot open /tmp/a [kb].db\\x1b[2J"


def test_since_reads_an_iso_day_or_fails_naming_the_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert common._parse_since("2030-05-01") == date(2030, 5, 1)
    assert common._parse_since(None) is None
    with pytest.raises(typer.Exit):
        common._parse_since("May 1")
    assert "--since 'May 1' is not a date; use YYYY-MM-DD" in capsys.readouterr().err


def test_db_option_overrides_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDLINE_DB", "/tmp/from-env.db")
    assert common._kb_settings(None).db == "/tmp/from-env.db"
    assert common._kb_settings("/tmp/given.db").db == "/tmp/given.db"


def test_codes_join_or_show_unknown() -> None:
    assert common._codes(["KST", "VLD"]) == "KST/VLD" and common._codes([]) == "?"
