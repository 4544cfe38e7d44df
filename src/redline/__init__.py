"""redline: reads geopolitical news and keeps track of red lines, stances and events."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
