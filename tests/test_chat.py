"""The LLM reader's client against a stand-in OpenAI-compatible server on loopback (tests/chatserver.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatserver import Reply, Script, answer, chat_server
from redline.config import LlmSettings
from redline.errors import ReaderError
from redline.ingest.chat import AnswerCache, complete, endpoint

MESSAGES = [{"role": "user", "content": "Article:\nA sentence."}]


def settings(url: str, **kw: object) -> LlmSettings:
    return LlmSettings(url=url, model="stand-in", **kw)  # type: ignore[arg-type]


def test_an_answer_with_its_tokens_and_the_key_as_a_bearer_token() -> None:
    script = Script([answer({"redlines": [], "stances": []}, usage=(200, 12))])
    with chat_server(script) as url:
        got = complete(settings(url, key="sk-test"), MESSAGES)
    assert (got.content, got.prompt_tokens, got.completion_tokens, got.attempts) == (
        '{"redlines": [], "stances": []}', 200, 12, 1)
    assert script.requests[0]["model"] == "stand-in" and script.requests[0]["temperature"] == 0
    assert script.requests[0]["messages"] == MESSAGES
    assert script.headers[0]["Authorization"] == "Bearer sk-test"
    assert "sk-test" not in repr(settings(url, key="sk-test"))


def test_a_rate_limit_is_retried_after_the_wait_it_asks_for() -> None:
    waits: list[float] = []
    script = Script([Reply(status=429, headers={"Retry-After": "2"}), Reply(status=503), answer("{}")])
    with chat_server(script) as url:
        got = complete(settings(url, retries=3), MESSAGES, sleep=waits.append)
    assert got.attempts == 3 and len(script.requests) == 3
    assert waits == [2.0, 1.0]  # Retry-After, then the backoff of the second attempt (0.5 × 2)


def test_a_timeout_is_retried_then_fails_with_what_to_set() -> None:
    script = Script([Reply(content="{}", delay=1.0)])
    with chat_server(script) as url, pytest.raises(ReaderError, match=r"no answer within 0\.2 s") as e:
        complete(settings(url, timeout=0.2, retries=1), MESSAGES, sleep=lambda s: None)
    assert "REDLINE_LLM_TIMEOUT" in str(e.value) and "after 2 attempt(s)" in str(e.value)


def test_a_refusal_is_not_retried() -> None:
    script = Script([Reply(status=401)])
    with chat_server(script) as url, pytest.raises(ReaderError, match=r"HTTP 401.*REDLINE_LLM_KEY"):
        complete(settings(url, retries=3), MESSAGES, sleep=lambda s: None)
    assert len(script.requests) == 1


def test_a_server_without_json_mode_is_asked_again_without_it() -> None:
    script = Script([Reply(status=400), answer("{}")])
    with chat_server(script) as url:
        got = complete(settings(url, retries=0), MESSAGES)
    assert got.content == "{}" and len(script.requests) == 2
    assert "response_format" in script.requests[0] and "response_format" not in script.requests[1]


def test_a_body_that_is_not_a_chat_completion_fails_clearly() -> None:
    with chat_server(Script([Reply(raw="<html>proxy error</html>")])) as url, \
            pytest.raises(ReaderError, match="not an OpenAI chat completion"):
        complete(settings(url), MESSAGES)


def test_nothing_listening_says_to_start_the_server(tmp_path: Path) -> None:
    with chat_server(Script([answer("{}")])) as url:
        pass  # the server is stopped: its port is closed
    with pytest.raises(ReaderError, match="is the server running"):
        complete(settings(url, retries=0), MESSAGES)


def test_the_endpoint_of_a_base_url() -> None:
    assert endpoint("http://localhost:11434/v1/") == "http://localhost:11434/v1/chat/completions"
    assert endpoint("https://x.example/v1/chat/completions") == "https://x.example/v1/chat/completions"


def test_the_cache_is_keyed_by_document_model_and_prompt_version(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / "cache")
    key = AnswerCache.key("hash1", "m", "1")
    assert cache.get(key) is None
    cache.put(key, ["{}", '{"redlines": []}'])
    assert cache.get(key) == ["{}", '{"redlines": []}']
    assert len({key, AnswerCache.key("hash2", "m", "1"), AnswerCache.key("hash1", "m2", "1"),
                AnswerCache.key("hash1", "m", "2")}) == 4
