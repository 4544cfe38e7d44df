"""Screenshots of the workbench for the README: `redline serve` on loopback, Debian's Chromium via Playwright.

    .venv/bin/python scripts/screenshots.py --db demo/kb.db --out demo

Writes ``stance-matrix.png`` and ``document-view.png`` (with its first highlight clicked).
The helpers here (a server on a free loopback port, Chromium's launch options) are also
the browser tests' fixtures. Never runs ``playwright install``: the browser is the system's
``chromium`` (``make chromium`` installs it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(db: str, *, token: str = "screenshot-token", timeout: float = 60.0) -> Iterator[str]:
    """``redline serve --db db`` on a free loopback port until the block ends; yields its base URL."""
    redline = Path(sys.executable).with_name("redline")
    port = free_port()
    env = {**os.environ, "REDLINE_TOKEN": token}
    proc = subprocess.Popen([str(redline), "serve", "--db", db, "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                said = proc.stderr.read() if proc.stderr else ""
                raise RuntimeError(f"redline serve exited with {proc.returncode}: {said}")
            try:
                with urllib.request.urlopen(base + "/api/overview", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"redline serve did not answer on {base} within {timeout:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless, with nothing that reaches the network on its own."""
    path = chromium_path()
    if path is None:
        raise RuntimeError("no chromium on PATH: `make chromium` installs Debian's package")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", default="demo/kb.db")
    p.add_argument("--out", type=Path, default=Path("demo"))
    args = p.parse_args(argv)
    if not Path(args.db).exists():
        print(f"{args.db} does not exist; `make demo` builds demo/kb.db", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with served(args.db) as base, sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(base + "/stances")
        page.screenshot(path=str(args.out / "stance-matrix.png"), full_page=True)
        page.goto(base + "/documents")
        link = page.locator("table a").first
        link.click()
        page.wait_for_load_state()
        mark = page.locator("#doc-text mark.hl.k-redline").first
        if mark.count():
            mark.click()
        page.screenshot(path=str(args.out / "document-view.png"), full_page=False)
        browser.close()
    print(f"screenshots written → {args.out}/stance-matrix.png, {args.out}/document-view.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
