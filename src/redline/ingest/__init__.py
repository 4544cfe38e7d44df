"""Ingestion: files, directories, stdin (and, in ``fetch``, URLs) in; cleaned Documents out.

The only part of redline that touches the network.
"""

from __future__ import annotations

from redline.ingest.clean import clean_text
from redline.ingest.dates import find_published
from redline.ingest.language import is_english
from redline.ingest.readers import read_inputs

__all__ = ["clean_text", "find_published", "is_english", "read_inputs"]
