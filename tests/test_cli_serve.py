"""`redline serve`: the real command on loopback, its generated token, and writes refused without it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import _free_port


def _post(url: str, token: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"authorization": f"Bearer {token}", "content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


@pytest.mark.slow
def test_serve_prints_a_token_and_writes_need_it(web_db: str) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "REDLINE_TOKEN"}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("redline")), "serve", "--db", web_db, "--port",
                             str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        token_line = proc.stderr.readline()
        found = re.search(r"need this token: (\S+)", token_line)
        assert found, token_line
        assert "serving" in proc.stderr.readline()
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/lines?limit=1", timeout=2) as r:
                    assert json.loads(r.read())["total"] == 2
                    break
            except urllib.error.URLError:
                assert time.monotonic() < deadline, "redline serve did not answer"
                time.sleep(0.2)
        assert _post(base + "/api/ingest", "guess", {"text": "x"})[0] == 401
        status, body = _post(base + "/api/ingest", found.group(1), {})
        assert (status, body["error"]) == (400, "give either text or url")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()
