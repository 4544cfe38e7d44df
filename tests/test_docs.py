"""Docs that cannot drift: every command has help, and the README's commands still work.

Commands are found by walking ``redline.cli.app``, so a command added later is
checked without touching this file.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from redline.cli import app

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
runner = CliRunner()

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.MULTILINE)
# Where a shell line stops being the command itself.
_SHELL_BREAKS = frozenset({"|", "||", "&&", ";", ">", ">>", "<", "2>", "2>&1", "&"})
_ENV_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command under ``group``, subcommands of nested groups included, as (path, command).

    Typer builds on its own copy of click, so groups are told by their ``commands``, not by class.
    """
    out: list[tuple[tuple[str, ...], Any]] = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        out.append((path, command))
        if getattr(command, "commands", None):
            out.extend(_commands(command, path))
    return out


ROOT = typer.main.get_command(app)
COMMANDS = _commands(ROOT)


def _shell_lines(markdown: str) -> list[str]:
    """The command lines of every fenced code block: prompts dropped, continuations joined."""
    lines: list[str] = []
    for block in _FENCE.findall(markdown):
        pending = ""
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("$ "):
                line = line[2:]
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            line, pending = pending + line, ""
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def _argv(line: str, program: str) -> list[str] | None:
    """The arguments after ``program`` in one shell line, up to the first pipe or redirection; None if not it."""
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        return None
    while words and _ENV_ASSIGNMENT.match(words[0]):
        words = words[1:]
    if not words or words[0].rsplit("/", 1)[-1] != program:
        return None
    args: list[str] = []
    for w in words[1:]:
        if w in _SHELL_BREAKS:
            break
        args.append(w)
    return args


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _readme_redline_commands() -> list[list[str]]:
    return [argv for line in _shell_lines(_readme()) if (argv := _argv(line, "redline")) is not None]


def _section(markdown: str, title: re.Pattern[str]) -> str | None:
    """The text under the first heading matching ``title``, up to the next heading of its level or higher."""
    headings = list(_HEADING.finditer(markdown))
    for i, h in enumerate(headings):
        if title.search(h.group(2)):
            level = len(h.group(1))
            end = next((n.start() for n in headings[i + 1:] if len(n.group(1)) <= level), len(markdown))
            return markdown[h.end():end]
    return None


# -- every command documents itself ----------------------------------------------------------------------


def test_the_app_has_help_and_commands() -> None:
    assert (ROOT.help or "").strip()
    assert {"extract", "info"} <= {path[0] for path, _ in COMMANDS}
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    for path, _ in COMMANDS:
        if len(path) == 1:
            assert path[0] in result.output


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help(path: tuple[str, ...], command: Any) -> None:
    assert (command.help or command.short_help or "").strip(), f"`redline {' '.join(path)}` has no help text"
    undocumented = [p.name for p in command.params if not (getattr(p, "help", None) or "").strip()]
    assert not undocumented, f"`redline {' '.join(path)}`: no help for {undocumented}"
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


# -- the README -------------------------------------------------------------------------------------------


def test_quick_start_begins_with_make_demo_and_make_test() -> None:
    section = _section(_readme(), re.compile(r"quick\s*start", re.IGNORECASE))
    assert section is not None, "README.md has no Quick start section"
    # Getting the code (git clone, cd) may come before; the first commands after it are the two of the issue.
    commands = [" ".join(shlex.split(line, comments=True)) for line in _shell_lines(section)]
    commands = [c for c in commands if c and not c.startswith(("git ", "cd "))]
    assert len(commands) >= 2, f"the quick start shows {commands}"
    assert {commands[0], commands[1]} == {"make demo", "make test"}, commands[:2]


def test_readme_shows_redline_commands() -> None:
    names = {argv[0] for argv in _readme_redline_commands() if argv}
    assert {"extract", "info"} <= names, f"README.md shows only {sorted(names)}"


@pytest.mark.parametrize("argv", _readme_redline_commands(), ids=" ".join)
def test_readme_command_parses(argv: list[str]) -> None:
    # --help is eager: unknown commands and options still fail, missing values do not matter.
    result = runner.invoke(app, [*argv, "--help"])
    assert result.exit_code == 0, f"`redline {' '.join(argv)}` no longer parses:\n{result.output}"


def _cheap(argv: list[str]) -> bool:
    """``info``, or ``extract`` over paths of the repository (the samples): quick enough to run for real."""
    if argv[:1] == ["info"]:
        return True
    if argv[:1] != ["extract"]:
        return False
    paths = [a for i, a in enumerate(argv[1:], 1) if not a.startswith("-") and argv[i - 1] not in ("-o", "--output",
                                                                                                  "-j", "--jobs")]
    return bool(paths) and all((REPO / p).exists() for p in paths)


def test_cheap_readme_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = [argv for argv in _readme_redline_commands() if _cheap(argv)]
    assert cheap, "the README shows no `redline info` or `redline extract samples` to run"
    monkeypatch.chdir(REPO)
    for n, argv in enumerate(cheap):
        # Output files go to tmp_path, not into the working tree.
        args = [str(tmp_path / f"{n}-{Path(a).name}") if i and argv[i - 1] in ("-o", "--output") else a
                for i, a in enumerate(argv)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"`redline {' '.join(argv)}` failed:\n{result.output}"


def test_shell_lines_are_read_like_a_shell() -> None:
    markdown = (
        "text\n```bash\n$ redline extract samples \\\n    -o out.jsonl   # a comment\n"
        "# only a comment\nREDLINE_DB=kb.db redline lines --json | jq .\n```\n"
    )
    lines = _shell_lines(markdown)
    assert [_argv(x, "redline") for x in lines] == [["extract", "samples", "-o", "out.jsonl"], ["lines", "--json"]]
    assert _argv("make demo", "redline") is None
    assert _argv(".venv/bin/redline info", "redline") == ["info"]


def test_commands_of_nested_groups_are_walked() -> None:
    import typer

    outer, inner = typer.Typer(), typer.Typer(help="Alerts.")

    @outer.command()
    def first() -> None:
        """First."""

    @inner.command()
    def check() -> None:
        """Check."""

    outer.add_typer(inner, name="alerts")
    paths = [p for p, _ in _commands(typer.main.get_command(outer))]
    assert paths == [("alerts",), ("alerts", "check"), ("first",)]
