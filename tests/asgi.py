"""Requests to the workbench app in-process, over ``httpx.ASGITransport`` (as datasette's tests do)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

HTML = {"accept": "text/html,application/xhtml+xml"}


def call(app: Any, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request to ``app``; the response read whole."""

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://redline.test") as client:
            return await client.request(method, path, **kwargs)

    return asyncio.run(go())


def get(app: Any, path: str, **kwargs: Any) -> httpx.Response:
    return call(app, "GET", path, **kwargs)
