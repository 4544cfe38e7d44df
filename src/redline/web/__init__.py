"""The analyst's workbench: a FastAPI app with a JSON API under ``/api/`` and server-rendered pages.

It reaches the library only through :mod:`redline.service` (checked by import-linter):
each endpoint and page parses its input, calls one service function and renders what it returns.
"""

from redline.web.app import create_app, serve

__all__ = ["create_app", "serve"]
