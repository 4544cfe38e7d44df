"""extract_documents: one process or a pool of workers, the same extractions, streaming in bounded memory."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator

import pytest

from redline.export.jsonfmt import document_json
from redline.extract import BATCHES_AHEAD, default_jobs, extract_documents, extract_finished
from redline.models import Document, Extraction

# Written for these tests.
TEXTS = [
    "Ostravia warned on Monday that sending troops to Velmora would be met with force, its foreign minister said.",
    "France said it opposes the plan to send ground troops to Ukraine.",
    "Nothing happened at the harvest festival in the valley this year, the mayor said.",
    "Russia's foreign ministry said any strike on its territory would bring a response.",
    "The talks ended without agreement, diplomats said on Friday.",
    "Germany said it supports the proposal for a ceasefire in Gaza, a spokesman told reporters.",
]


def _docs(n: int) -> list[Document]:
    return [Document(id=f"doc-{i}", text=TEXTS[i % len(TEXTS)] + f" Item {i}.") for i in range(n)]


def test_default_jobs_is_the_number_of_usable_cores() -> None:
    import os

    assert default_jobs() == len(os.sched_getaffinity(0))


@pytest.mark.slow
def test_a_pool_of_workers_gives_the_same_extractions_in_order_and_streams() -> None:
    docs = _docs(12)
    pulled: list[int] = []

    def stream() -> Iterator[Document]:
        for i, d in enumerate(docs):
            pulled.append(i)
            yield d

    one = [document_json(x) for x in extract_documents(iter(docs), jobs=1)]
    results = extract_documents(stream(), jobs=2, batch=1)
    first = next(results)
    assert multiprocessing.active_children(), "no worker processes while the pool runs"
    # The first result came back before the whole input was read: only a bounded window is ahead.
    assert len(pulled) <= 2 * BATCHES_AHEAD + 1 < len(docs)
    two = [document_json(first)] + [document_json(x) for x in results]
    assert two == one
    assert [d["doc_id"] for d in two] == [d.id for d in docs]


def test_an_input_smaller_than_one_batch_per_worker_runs_in_this_process() -> None:
    results = extract_documents(iter(_docs(3)), jobs=2, batch=8)
    first = next(results)
    assert multiprocessing.active_children() == []
    assert [x.document.id for x in [first, *results]] == ["doc-0", "doc-1", "doc-2"]


def _group_of(xs: list[Extraction]) -> list[tuple[str, ...]]:
    """Each extraction's whole finish group, by document id (module level: the workers unpickle it)."""
    ids = tuple(x.document.id for x in xs)
    return [ids] * len(xs)


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_finish_runs_on_groups_of_finish_batch_documents_whatever_the_jobs(jobs: int) -> None:
    docs = _docs(14)
    got = list(extract_finished(iter(docs), _group_of, jobs=jobs, batch=2, finish_batch=6))
    assert [x.document.id for x, _ in got] == [d.id for d in docs]
    groups = list(dict.fromkeys(g for _, g in got))
    assert [len(g) for g in groups] == [6, 6, 2]  # extracted two at a time, finished six at a time
    assert [document_json(x) for x, _ in got] == [document_json(x) for x in extract_documents(iter(docs), jobs=1)]


def test_the_collector_runs_rarer_while_extracting_and_as_before_afterwards() -> None:
    import gc

    from redline.extract import GC_THRESHOLD

    before = gc.get_threshold()
    seen = []
    docs = [Document(id=f"g{i}", text="The envoy said on Sunday that talks would resume in Geneva.") for i in range(2)]
    for _ in extract_documents(docs, jobs=1):
        seen.append(gc.get_threshold())
    assert seen == [(GC_THRESHOLD, *before[1:])] * 2
    assert gc.get_threshold() == before
