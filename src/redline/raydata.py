"""The Ray Data engine: the same readers and the same pipeline, spread over the cores of a cluster.

``redline extract --engine ray`` and ``redline ingest --engine ray`` come here
(through ``service``). Files are read with Ray Data (``read_binary_files`` for a
directory tree of text, HTML, JSON, JSON Lines or WARC; ``read_parquet`` for
Parquet with redline's or news-please's column names), turned into Documents by
redline's own readers inside the cluster, and extracted in a pool of actors
(``map_batches`` with a callable class) that each load the spaCy model once.
The results are FORMAT.md rows: streamed back to the caller in input order
(for JSON Lines and for the knowledge base, written by the same idempotent
writer as a local ingest) or written by the cluster as Parquet shards, one row
per document.

Ray is an optional extra: ``pip install 'redline[ray]'``.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from redline.config import DEFAULT_MODEL
from redline.errors import ConfigError, InputError, UnreadableInput
from redline.models import Document, Extraction

__all__ = ["RayOptions", "RayRow", "extract_with_ray", "ray_available", "shard_row"]

INSTALL_HINT = "Ray is not installed: pip install 'redline[ray]' (ray[data]==2.60.0), or use --engine local"
DOCS_PER_BATCH = 8  # documents per actor call, as in the local pipeline
PARQUET_SUFFIXES = (".parquet", ".pq")
# Reading and cleaning take a fraction of what extraction takes: they claim no CPU of their own, so the
# extraction actors (one CPU each) can take every core without starving the readers.
LIGHT: dict[str, Any] = {"num_cpus": 0}
# Document fields carried between the read and extract stages; "" stands for unknown (Arrow needs one type).
_FIELDS = ("id", "text", "title", "published", "source", "url", "path")


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide to run: ``address`` None starts a local Ray on ``jobs`` CPUs (default: all)."""

    address: str | None = None
    jobs: int | None = None
    model: str = DEFAULT_MODEL
    max_bytes: int = 50_000_000


@dataclass(frozen=True)
class RayRow:
    """One input's outcome: its extraction, or why it was skipped."""

    extraction: Extraction | None
    skipped: InputError | None


def ray_available() -> bool:
    try:
        import ray.data  # noqa: F401
    except ImportError:
        return False
    return True


def _require_ray() -> Any:
    if not ray_available():
        raise ConfigError(INSTALL_HINT)
    import ray
    import ray.data

    return ray


def _doc_row(item: Document | InputError) -> dict[str, Any]:
    if isinstance(item, InputError):
        return {**dict.fromkeys(_FIELDS, ""), "error_source": item.source, "error_reason": item.reason}
    return {
        "id": item.id, "text": item.text, "title": item.title or "", "source": item.source or "",
        "published": item.published.isoformat() if item.published else "", "url": item.url or "",
        "path": item.path or "", "error_source": "", "error_reason": "",
    }


def _document(row: dict[str, Any]) -> Document:
    return Document(
        id=str(row["id"]), text=str(row["text"]), title=row["title"] or None, source=row["source"] or None,
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        url=row["url"] or None, path=row["path"] or None,
    )


def _read_file(row: dict[str, Any], max_bytes: int) -> list[dict[str, Any]]:
    """Every article of one file's bytes, by redline's own readers (a temporary copy for streamed archives)."""
    from redline.ingest.archives import is_archive, read_archive
    from redline.ingest.readers import read_bytes

    path, data = str(row["path"]), bytes(row["bytes"])
    if is_archive(path, len(data), max_bytes):
        with tempfile.TemporaryDirectory(prefix="redline-ray-") as tmp:
            copy = os.path.join(tmp, os.path.basename(path))
            with open(copy, "wb") as f:
                f.write(data)
            seen: set[str] = set()
            items = [i if isinstance(i, Document) else UnreadableInput(i.source.replace(copy, path), i.reason)
                     for i in read_archive(copy, max_bytes, lambda s: _unique(s, seen))]
        return [_doc_row(d if not isinstance(d, Document) else _with_path(d, path)) for d in items]
    return [_doc_row(i) for i in read_bytes(data, name=path, max_bytes=max_bytes)]


def _unique(base: str, seen: set[str]) -> str:
    candidate, n = base, 1
    while candidate in seen:
        n += 1
        candidate = f"{base}-{n}"
    seen.add(candidate)
    return candidate


def _with_path(d: Document, path: str) -> Document:
    from dataclasses import replace

    return replace(d, path=path)


def _read_record(row: dict[str, Any]) -> dict[str, Any]:
    """One Parquet row (redline's or news-please's column names) as a document row."""
    from redline.ingest.readers import from_record

    record = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items() if v is not None}
    name = str(record.get("id") or record.get("url") or "parquet row")
    doc_id = str(record.get("id") or record.get("url") or "")
    if not doc_id:
        from redline.models import content_hash

        doc_id = content_hash(str(record.get("text") or record.get("maintext") or ""))[:16]
    return _doc_row(from_record(record, name=name, doc_id=doc_id, path=None))


class _Extractor:
    """A Ray actor: loads the pipeline and the model once, then extracts batch after batch."""

    def __init__(self, model: str, pickled: bool) -> None:
        from redline.extract import default_pipeline, load_resources

        self.pipeline, self.resources, self.pickled = default_pipeline(), load_resources(model), pickled

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from redline.export.jsonfmt import document_json

        rows = [dict(zip(batch, values, strict=True)) for values in zip(*batch.values(), strict=True)]
        docs = [_document(r) for r in rows if not r["error_reason"]]
        done = iter(self.pipeline.run(docs, self.resources)) if docs else iter(())
        out: dict[str, list[Any]] = {"doc_id": [], "json": [], "extraction": [], "error_source": [],
                                     "error_reason": []}
        for r in rows:
            x = None if r["error_reason"] else next(done)
            out["doc_id"].append(x.document.id if x else "")
            out["json"].append(json.dumps(document_json(x), ensure_ascii=False) if x else "")
            out["extraction"].append(pickle.dumps(x) if x and self.pickled else b"")
            out["error_source"].append(r["error_source"])
            out["error_reason"].append(r["error_reason"])
        return out


def _files(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """(files for read_binary_files, Parquet files): directories walked as the local readers walk them."""
    from redline.ingest.readers import walk

    files: list[str] = []
    for p in paths:
        if p == "-":
            raise ConfigError("--engine ray reads files and directories, not stdin; save the input to a file")
        files.extend(walk(p) if os.path.isdir(p) else [p])
    missing = [f for f in files if not os.path.isfile(f)]
    if missing:
        raise ConfigError(f"{missing[0]}: no such file; check the path")
    parquet = [f for f in files if f.lower().endswith(PARQUET_SUFFIXES)]
    return [f for f in files if f not in set(parquet)], parquet


def _dataset(paths: Sequence[str], options: RayOptions, pickled: bool) -> Any:
    ray = _require_ray()
    if not ray.is_initialized():
        quiet: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
        if options.address:
            ray.init(address=options.address, **quiet)
        else:
            ray.init(num_cpus=options.jobs, **quiet)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # the same order as a local run
    ctx.enable_progress_bars = False
    files, parquet = _files(paths)
    parts = []
    if files:
        parts.append(ray.data.read_binary_files(files, include_paths=True, **LIGHT)
                     .flat_map(lambda row: _read_file(row, options.max_bytes), **LIGHT))
    if parquet:
        parts.append(ray.data.read_parquet(parquet, **LIGHT).map(_read_record, **LIGHT))
    if not parts:
        raise ConfigError("no input files; give files or directories")
    ds = parts[0] if len(parts) == 1 else parts[0].union(*parts[1:])
    workers = options.jobs or max(1, int(ray.cluster_resources().get("CPU", 1)))
    return ds.map_batches(_Extractor, fn_constructor_args=(options.model, pickled), batch_size=DOCS_PER_BATCH,
                          compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1)


def extract_with_ray(paths: Sequence[str], options: RayOptions) -> Iterator[RayRow]:
    """Extract every article of ``paths`` on Ray, yielding each input's outcome in input order."""
    for row in _dataset(paths, options, pickled=True).iter_rows():
        if row["error_reason"]:
            yield RayRow(None, UnreadableInput(row["error_source"], row["error_reason"]))
        else:
            yield RayRow(pickle.loads(row["extraction"]), None)  # our own actors' output, never outside data


def shard_row(doc_json: dict[str, Any]) -> dict[str, Any]:
    """A FORMAT.md document as one Parquet row: metadata as columns, the lists as JSON text."""
    return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v) for k, v in doc_json.items()}


def _shard_batch(batch: dict[str, Any]) -> dict[str, list[Any]]:
    """The documents of one batch of results as Parquet rows (skipped inputs left out)."""
    rows = [shard_row(json.loads(j)) for j, why in zip(batch["json"], batch["error_reason"], strict=True) if not why]
    keys = list(rows[0]) if rows else []
    return {k: [r[k] for r in rows] for k in keys}


def write_shards(paths: Sequence[str], options: RayOptions, output: str) -> tuple[int, list[InputError]]:
    """Extract on Ray and let the cluster write Parquet shards into ``output``; (documents, skipped inputs).

    The results are materialised once (in Ray's object store, which spills to disk) so that the
    skipped inputs can be reported and the documents written without extracting twice.
    """
    ds = _dataset(paths, options, pickled=False).materialize()
    skipped: list[InputError] = [
        UnreadableInput(r["error_source"], r["error_reason"])
        for r in ds.select_columns(["error_source", "error_reason"]).iter_rows() if r["error_reason"]
    ]
    docs = ds.map_batches(_shard_batch, **LIGHT).materialize()
    count = int(docs.count())
    if count:
        docs.write_parquet(output)
    return count, skipped
