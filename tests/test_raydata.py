"""The Ray Data engine gives what one process gives, document for document (a local Ray on 2 CPUs)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from redline import service
from redline.raydata import INSTALL_HINT, RayOptions, ray_available, shard_row

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SETTINGS = service.Settings()

# Written for these tests: a news-please record, a page and a line that is not an article.
RECORD = {
    "title": "Ostravia warns Velmora", "date_publish": "2031-02-03 09:00:00", "url": "https://news.example/ost",
    "source_domain": "news.example",
    "maintext": "Ostravia warned on Monday that sending troops to Velmora would be met with force, its foreign "
                "minister said. France said it opposes the plan to send ground troops to Ukraine.",
}
PAGE = ("<html><head><title>Talks stall</title></head><body><article><h1>Talks stall</h1><p>Russia's foreign "
        "ministry said any strike on its territory would bring a response, a spokesman told reporters on "
        "Friday.</p></article></body></html>")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ray_available(), reason=f"{INSTALL_HINT} (make test installs it when it can)"),
]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ray-corpus")
    for p in SAMPLES.glob("*.txt"):
        shutil.copy(p, root / p.name)
    (root / "more").mkdir()
    (root / "more" / "dump.jsonl").write_text(json.dumps(RECORD) + "\n{not json\n", encoding="utf-8")
    (root / "more" / "page.html").write_text(PAGE, encoding="utf-8")
    return root


def _local(corpus: Path) -> tuple[list[dict[str, object]], list[str]]:
    run = service.ExtractRun()
    docs = [service.document_json(x) for x in service.extract([str(corpus)], SETTINGS, jobs=1, run=run)]
    return docs, [e.source for e in run.skipped]


def test_ray_extract_equals_one_process_document_for_document(local_ray: None, corpus: Path) -> None:
    expected, expected_skips = _local(corpus)
    run = service.ExtractRun()
    got = [service.document_json(x) for x in service.extract([str(corpus)], SETTINGS, jobs=2, run=run,
                                                             engine="ray")]
    assert len(expected) == 4 and expected_skips == [f"{corpus}/more/dump.jsonl:2"]
    assert got == expected  # same documents, same order, same red lines, stances, events, actors
    assert [e.source for e in run.skipped] == expected_skips


def test_ray_writes_one_parquet_row_per_document(local_ray: None, corpus: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    expected, _ = _local(corpus)
    count, skipped = service.extract_shards([str(corpus)], SETTINGS, str(tmp_path / "shards"), jobs=2)
    rows = pq.read_table(tmp_path / "shards").to_pylist()
    assert count == len(rows) == len(expected) and len(skipped) == 1
    by_id = {r["doc_id"]: r for r in rows}
    for doc in expected:
        row = by_id[doc["doc_id"]]
        assert {k: row[k] for k in shard_row(doc)} == shard_row(doc)
        assert json.loads(row["redlines"]) == doc["redlines"]


def test_ray_ingest_stores_what_a_local_ingest_stores(local_ray: None, corpus: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    local = service.ingest([str(corpus)], replace(SETTINGS, db=str(tmp_path / "local.db")), jobs=1)
    ray_db = replace(SETTINGS, db=str(tmp_path / "ray.db"))
    first = service.ingest([str(corpus)], ray_db, jobs=2, engine="ray")
    again = service.ingest([str(corpus)], ray_db, jobs=2, engine="ray")
    assert (first.stored, first.new_lines, first.new_stances) == (local.stored, local.new_lines, local.new_stances)
    assert again.stored == 0  # idempotent: the same writer skips what is stored
    assert service.lines(ray_db) == service.lines(replace(SETTINGS, db=str(tmp_path / "local.db")))


def test_ray_options_default_to_a_local_ray() -> None:
    assert RayOptions().address is None and RayOptions().jobs is None
