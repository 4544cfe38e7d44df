"""A stand-in for an OpenAI-compatible chat-completions server on loopback, answering from a script we write.

Each request takes the next scripted reply (the last one repeats): an answer (200 with a chat completion
whose message content is the given text), a bare status (429, 500, 401 ...) with headers, a pause longer
than the client's timeout, or a body that is not JSON. Every request body is recorded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from localserver import serve


@dataclass
class Reply:
    status: int = 200
    content: str | None = None  # the message content of a 200 answer
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: str | None = None  # a body sent as it is (not a chat completion)
    usage: tuple[int, int] = (120, 30)


def answer(content: str | dict[str, Any], **kw: Any) -> Reply:
    return Reply(content=content if isinstance(content, str) else json.dumps(content), **kw)


@dataclass
class Script:
    replies: list[Reply]
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    def next(self) -> Reply:
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]


@contextmanager
def chat_server(script: Script) -> Iterator[str]:
    """Serve ``script`` on a free loopback port; yields the base URL (``.../v1``)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            script.requests.append(json.loads(body))
            script.headers.append(dict(self.headers))
            reply = script.next()
            if reply.delay:
                time.sleep(reply.delay)
            if reply.raw is not None:
                payload = reply.raw.encode()
            elif reply.status == 200:
                payload = json.dumps({
                    "id": "chatcmpl-test", "object": "chat.completion", "model": script.requests[-1]["model"],
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": reply.content},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": reply.usage[0], "completion_tokens": reply.usage[1],
                              "total_tokens": sum(reply.usage)},
                }).encode()
            else:
                payload = json.dumps({"error": {"message": "scripted error"}}).encode()
            try:
                self.send_response(reply.status)
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting: that was the point
                pass

        def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
            pass

    with serve(Handler) as url:
        yield f"{url}/v1"
