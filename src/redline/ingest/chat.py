"""An OpenAI-compatible chat-completions client for the optional LLM reader: the network half of it.

Only what the user configured is contacted (``REDLINE_LLM_URL``), and only when
``extract --reader llm|both`` asks. Each request has a timeout; a timeout, a
connection error, a 429 or a 5xx is retried with exponential backoff (a 429's
``Retry-After`` is honoured, up to ``MAX_WAIT`` seconds); any other error fails at
once with what to do next (a 400 is first asked again without JSON mode, which some servers
lack). Answers are cached on disk by (document hash, model,
prompt version), so a re-run sends nothing.

LangExtract was considered first (it prompts, chunks and aligns to offsets),
but it pulls google-genai, google-cloud-storage, pandas and aiohttp, and its
OpenAI provider the openai SDK: too heavy for an optional reader, and its
network calls would live outside ``ingest``. httpx is already a dependency.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from redline.config import LlmSettings
from redline.errors import ReaderError

BACKOFF = 0.5  # seconds before the first retry; doubled each time
MAX_WAIT = 30.0


@dataclass(frozen=True, slots=True)
class Completion:
    """One answer: its text, the tokens it cost (as the server counted them) and how many requests it took."""

    content: str
    prompt_tokens: int
    completion_tokens: int
    attempts: int


def endpoint(url: str) -> str:
    """The chat-completions URL of a base URL (``http://host:11434/v1``) or of the full one."""
    url = url.rstrip("/")
    return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


def _wait(response: httpx.Response | None, attempt: int) -> float:
    if response is not None:
        raw = response.headers.get("retry-after")
        try:
            if raw is not None:
                return min(max(float(raw), 0.0), MAX_WAIT)
        except ValueError:
            pass
    return float(min(BACKOFF * 2**attempt, MAX_WAIT))


def _parse(response: httpx.Response) -> tuple[str, int, int]:
    try:
        body = response.json()
        content = body["choices"][0]["message"]["content"]
        usage = body.get("usage") or {}
        return str(content or ""), int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
    except (ValueError, KeyError, IndexError, TypeError):
        raise ReaderError("the LLM endpoint's answer is not an OpenAI chat completion; "
                          "check that REDLINE_LLM_URL is an OpenAI-compatible /v1 URL") from None


def complete(settings: LlmSettings, messages: Sequence[dict[str, str]], *,
             transport: httpx.BaseTransport | None = None,
             sleep: Callable[[float], None] = time.sleep) -> Completion:
    """Ask the model once (with retries); ReaderError when it cannot answer."""
    headers = {"Authorization": f"Bearer {settings.key}"} if settings.key else {}
    payload: dict[str, Any] = {
        "model": settings.model, "messages": list(messages), "temperature": 0,
        "response_format": {"type": "json_object"},
    }
    url = endpoint(settings.url)
    last, sent, retry = "no attempt made", 0, 0
    with httpx.Client(timeout=settings.timeout, transport=transport, headers=headers) as client:
        while True:
            response: httpx.Response | None = None
            sent += 1
            try:
                response = client.post(url, json=payload)
            except httpx.TimeoutException:
                last = f"no answer within {settings.timeout:g} s (REDLINE_LLM_TIMEOUT)"
            except httpx.TransportError as e:
                last = f"cannot reach {url} ({e.__class__.__name__}); is the server running?"
            else:
                if response.status_code == 200:
                    content, prompt, completion = _parse(response)
                    return Completion(content, prompt, completion, sent)
                if response.status_code == 400 and "response_format" in payload:
                    # Some servers do not know JSON mode: ask again without it (the prompt asks for JSON too).
                    del payload["response_format"]
                    continue
                if response.status_code != 429 and response.status_code < 500:
                    hint = "check REDLINE_LLM_KEY" if response.status_code in (401, 403) else \
                        "check REDLINE_LLM_URL and REDLINE_LLM_MODEL"
                    raise ReaderError(f"the LLM endpoint refused the request (HTTP {response.status_code}); {hint}")
                last = f"HTTP {response.status_code}"
            if retry >= settings.retries:
                break
            sleep(_wait(response, retry))
            retry += 1
    raise ReaderError(f"the LLM endpoint gave no answer after {sent} attempt(s): {last}")


@dataclass(frozen=True)
class AnswerCache:
    """Answers on disk, one JSON file per (document hash, model, prompt version)."""

    directory: Path

    @staticmethod
    def key(doc_hash: str, model: str, prompt_version: str) -> str:
        return hashlib.sha256(f"{doc_hash}\0{model}\0{prompt_version}".encode()).hexdigest()

    def get(self, key: str) -> list[str] | None:
        path = self.directory / f"{key}.json"
        try:
            answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return [str(a) for a in answers] if isinstance(answers, list) else None

    def put(self, key: str, answers: Sequence[str]) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = self.directory / f"{key}.tmp"
            tmp.write_text(json.dumps({"answers": list(answers)}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.directory / f"{key}.json")
        except OSError as e:
            raise ReaderError(f"cannot write the LLM answer cache in {self.directory} ({e.strerror}); "
                              "set REDLINE_LLM_CACHE to a writable directory") from None
