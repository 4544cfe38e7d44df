"""The use cases: the one place where ingestion, extraction and storage meet.

The CLI and the web app call these functions and render what they return; no logic
lives in those adapters. By concern: :mod:`.extract` (reading and extracting, local or
on Ray), :mod:`.ingest` (the knowledge base filled in batches, feeds watched),
:mod:`.browse` (what the CLI reads back), :mod:`.whatif` and :mod:`.web` (the
workbench's pages). Adapters import this package, never its modules.
"""

from __future__ import annotations

from redline import __version__
from redline.config import Settings
from redline.errors import ConfigError, FetchError, InputError, NotFound, RedlineError
from redline.export.jsonfmt import document_json
from redline.service.browse import (
    ALERT_STATUSES,
    EXPORT_FORMATS,
    GRAPH_FORMATS,
    alerts,
    export,
    graph,
    lines,
    proposals,
    search,
    show_line,
    stances,
)
from redline.service.extract import (
    ENGINES,
    ExtractRun,
    default_jobs,
    extract,
    extract_shards,
    extract_with_reader,
    info,
    read,
)
from redline.service.ingest import IngestSummary, WatchRun, ingest, open_store, store_extractions, watch
from redline.service.web import *  # noqa: F403
from redline.service.web import __all__ as _web_names
from redline.service.whatif import whatif
from redline.trust import READERS, ReaderRun

__all__ = [
    "__version__",
    "ALERT_STATUSES",
    "ENGINES",
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "READERS",
    "ConfigError",
    "ExtractRun",
    "FetchError",
    "IngestSummary",
    "InputError",
    "NotFound",
    "ReaderRun",
    "RedlineError",
    "Settings",
    "WatchRun",
    "alerts",
    "default_jobs",
    "document_json",
    "export",
    "extract",
    "extract_shards",
    "extract_with_reader",
    "graph",
    "info",
    "ingest",
    "lines",
    "open_store",
    "proposals",
    "read",
    "search",
    "show_line",
    "stances",
    "store_extractions",
    "watch",
    "whatif",
    *_web_names,
]
