"""`redline extract --reader rules|llm|both` end to end, against the stand-in server of tests/chatserver.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chatserver import Reply, Script, answer, chat_server
from redline.cli import app

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WARN = ("Russia's defence minister warned on Monday that if NATO troops are deployed to Moldova, "
        "Russia will strike them.")
TEXT = f"""Minister warns over Moldova

{WARN}

The minister spoke after a meeting of the security council in the capital.

Poland said it opposes sending peacekeepers to Moldova.
"""
GROUNDED = {
    "holder": ["RUS"], "speaker": None,
    "trigger": {"actors": ["NATO"], "action": "DEPLOY", "targets": ["MDA"],
                "text": "NATO troops are deployed to Moldova"},
    "consequence": {"action": "ATTACK", "targets": ["NATO"], "text": "Russia will strike them"},
    "certainty": "high", "explicit": False, "evidence": WARN,
}
UNGROUNDED = GROUNDED | {"evidence": "Russia threatened to invade Poland on Tuesday."}
STANCE = {"actor": "POL", "proposal": "sending peacekeepers to Moldova", "position": "oppose",
          "evidence": "Poland said it opposes sending peacekeepers to Moldova."}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "moldova-warning.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def llm_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The settings a user gives (the URL is set per test); the cache in a temp directory."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("REDLINE_LLM_MODEL", "stand-in")
    monkeypatch.setenv("REDLINE_LLM_CACHE", str(cache))
    monkeypatch.setenv("REDLINE_LLM_PRICE", "1.0,2.0")
    return cache


def extract(*args: str) -> tuple[int, list[dict[str, Any]], str]:
    result = runner.invoke(app, ["extract", *args])
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    return result.exit_code, lines, result.stderr


@pytest.mark.slow
def test_rules_output_is_byte_identical_and_sends_nothing(article: Path, llm_env: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    script = Script([answer({"redlines": [GROUNDED]})])
    with chat_server(script) as url:
        monkeypatch.setenv("REDLINE_LLM_URL", url)
        default = runner.invoke(app, ["extract", str(SAMPLES), str(article)])
        rules = runner.invoke(app, ["extract", str(SAMPLES), str(article), "--reader", "rules"])
    assert default.exit_code == rules.exit_code == 0
    assert rules.stdout == default.stdout and rules.stdout.count("\n") == 3
    assert "reader" not in rules.stdout and "llm reader" not in rules.stderr
    assert script.requests == []


def test_llm_keeps_grounded_items_drops_the_rest_and_counts_cost(article: Path, llm_env: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    script = Script([answer({"redlines": [GROUNDED, UNGROUNDED], "stances": [STANCE]}, usage=(1000, 500))])
    with chat_server(script) as url:
        monkeypatch.setenv("REDLINE_LLM_URL", url)
        code, (doc,), err = extract(str(article), "--reader", "llm")
        assert code == 0
        assert [(r["holder"], r["trigger"]["action"], r["reader"]) for r in doc["redlines"]] == [
            (["RUS"], "DEPLOY", ["llm"])]
        assert [(s["actor"], s["position"], s["reader"]) for s in doc["stances"]] == [("POL", "oppose", ["llm"])]
        for item in doc["redlines"] + doc["stances"]:
            for text, (start, end) in zip(item["evidence"], item["spans"], strict=True):
                assert TEXT[start:end] == text
        assert "llm reader: 1 ungrounded item(s) dropped" in doc["warnings"]
        summary = " ".join(err.split())
        assert "1 request(s) (0 retries), 1000 + 500 tokens, $0.0020" in summary
        assert "2 item(s) kept, dropped: 1 evidence not found in the document" in summary
        # Again: answered from the cache, nothing sent.
        code, (again,), err = extract(str(article), "--reader", "llm")
    assert code == 0 and again == doc and len(script.requests) == 1
    assert "1 from the cache, 0 request(s)" in " ".join(err.split())


@pytest.mark.slow
def test_both_keeps_every_rules_item_and_marks_the_readers(article: Path, llm_env: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    rules = extract(str(article))[1][0]
    with chat_server(Script([answer({"redlines": [GROUNDED], "stances": [STANCE]})])) as url:
        monkeypatch.setenv("REDLINE_LLM_URL", url)
        code, (doc,), _ = extract(str(article), "--reader", "both")
    assert code == 0
    found = [r for r in doc["redlines"] if "rules" in r["reader"]]
    assert [{k: v for k, v in r.items() if k != "reader"} for r in found] == rules["redlines"]
    assert [{k: v for k, v in s.items() if k != "reader"} for s in doc["stances"] if "rules" in s["reader"]] == \
        rules["stances"]
    # The LLM's red line is there, merged into a rules item that states it or on its own.
    assert any("llm" in r["reader"] and WARN in r["evidence"] for r in doc["redlines"])
    assert all(r["reader"] in (["rules"], ["llm"], ["rules", "llm"]) for r in doc["redlines"] + doc["stances"])


def test_a_malformed_answer_gives_nothing_and_is_asked_again(article: Path, llm_env: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    script = Script([answer("Sure! Here are the red lines: RUS warns NATO.")])
    with chat_server(script) as url:
        monkeypatch.setenv("REDLINE_LLM_URL", url)
        code, (doc,), err = extract(str(article), "--reader", "llm")
        assert code == 0 and doc["redlines"] == [] and doc["stances"] == []
        assert any("not JSON" in w for w in doc["warnings"]) and "1 malformed answer(s)" in " ".join(err.split())
        extract(str(article), "--reader", "llm")
    assert len(script.requests) == 2


def test_a_rate_limit_is_retried_and_a_timeout_fails_one_document_only(article: Path, llm_env: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    script = Script([Reply(status=429, headers={"Retry-After": "0"}), answer({"redlines": [GROUNDED]})])
    with chat_server(script) as url:
        monkeypatch.setenv("REDLINE_LLM_URL", url)
        code, (doc,), err = extract(str(article), "--reader", "llm")
    assert code == 0 and len(doc["redlines"]) == 1 and "(1 retries)" in " ".join(err.split())
    monkeypatch.setenv("REDLINE_LLM_CACHE", str(llm_env.parent / "empty-cache"))
    monkeypatch.setenv("REDLINE_LLM_TIMEOUT", "0.2")
    monkeypatch.setenv("REDLINE_LLM_RETRIES", "0")
    with chat_server(Script([Reply(content="{}", delay=1.0)])) as url:
        monkeypatch.setenv("REDLINE_LLM_URL", url)
        code, (doc,), err = extract(str(article), "--reader", "llm")
    assert code == 0 and doc["redlines"] == []
    assert any("no answer within 0.2 s" in w for w in doc["warnings"])
    assert "llm reader failed" in err and "moldova-warning" in err


def test_llm_without_an_endpoint_sends_nothing_and_says_what_to_set(article: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDLINE_LLM_URL", raising=False)
    result = runner.invoke(app, ["extract", str(article), "--reader", "llm"])
    assert result.exit_code == 1 and "set REDLINE_LLM_URL" in result.output
    result = runner.invoke(app, ["extract", str(article), "--reader", "gpt"])
    assert result.exit_code == 1 and "unknown reader 'gpt'" in result.output
