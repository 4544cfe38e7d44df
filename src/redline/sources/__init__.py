"""Where each claim comes from and how far to trust it: outlets, their Admiralty letters, corroboration.

Pure logic over a packaged data file (``data/outlets.yaml``) and the user's
overrides (``REDLINE_SOURCES``); no network, no SQL.
"""

from redline.sources.corroborate import Report, corroborate, credibility, keep, parse_grades
from redline.sources.identify import Identified, identify
from redline.sources.outlets import GRADES, KINDS, Outlet, SourceList, load_sources

__all__ = [
    "GRADES",
    "KINDS",
    "Identified",
    "Outlet",
    "Report",
    "SourceList",
    "corroborate",
    "credibility",
    "identify",
    "keep",
    "load_sources",
    "parse_grades",
]
