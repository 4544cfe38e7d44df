"""The JSON API under ``/api/``: each endpoint parses its query, calls one service function, returns its JSON.

Field names are those of the CLI's ``--json`` (README); lists come as pages
``{"total", "limit", "offset", "items"}``. The schema is at ``/openapi.json``, browsable at ``/docs``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from redline import service
from redline.web.app import check_token

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many items first.")]
Since = Annotated[date | None, Query(description="On or after this date (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="On or before this date (YYYY-MM-DD).")]
Code = Annotated[str | None, Query(max_length=40, description="An actor code (RUS, NATO).")]
Text = Annotated[str | None, Query(max_length=500)]


def _json(data: Any) -> JSONResponse:
    """The service's JSON-ready answer, serialised as it is (not re-encoded: large pages stay fast)."""
    return JSONResponse(data)


def _store(request: Request) -> Any:
    return request.app.state.store


def _settings(request: Request) -> service.Settings:
    settings: service.Settings = request.app.state.settings
    return settings


Store = Annotated[Any, Depends(_store)]
Settings = Annotated[service.Settings, Depends(_settings)]


@router.get("/overview", summary="Counts, the newest alerts, the most restated lines, the newest week")
def overview(store: Store) -> JSONResponse:
    return _json(service.overview(store))


@router.get("/lines", summary="Consolidated red lines, newest first (fields of `redline lines --json`)")
def lines(store: Store, settings: Settings, holder: Code = None,
          party: Annotated[str | None, Query(max_length=40, description="A trigger actor or target code.")] = None,
          action: Annotated[str | None, Query(max_length=16, description="The trigger's action class.")] = None,
          since: Since = None, until: Until = None,
          text: Annotated[str | None, Query(max_length=500, description="In the trigger or consequence.")] = None,
          limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    return _json(service.lines_page(store, settings, holder=holder, party=party, action=action, since=since,
                                    until=until, text=text, limit=limit, offset=offset))


@router.get("/lines/{line_id}", summary="One red line with its statements and evidence (`redline show --json`)")
def line(store: Store, settings: Settings, line_id: Annotated[int, Path(ge=1, le=2**62)]) -> JSONResponse:
    return _json(service.line_page(store, settings, line_id))


@router.get("/stances", summary="The actor × proposal matrix with history (fields of `redline stances --json`)")
def stances(store: Store, settings: Settings, proposal: Text = None, actor: Code = None,
            group: Annotated[str | None, Query(max_length=40, description="Members of NATO, EU, G7 ...")] = None,
            limit: Limit = 200, offset: Offset = 0) -> JSONResponse:
    return _json(service.stances_page(store, settings, proposal=proposal, actor=actor, group=group, limit=limit,
                                      offset=offset))


@router.get("/stances/matrix", summary="Every cell of the matrix, with its axes (the heatmap's data)")
def matrix(store: Store, proposal: Text = None,
           group: Annotated[str | None, Query(max_length=40)] = None) -> JSONResponse:
    return _json(service.stance_matrix(store, proposal=proposal, group=group))


@router.get("/stances/{proposal_id}/{actor}", summary="One cell: an actor's stance on a proposal, with evidence")
def cell(store: Store, proposal_id: Annotated[int, Path(ge=1, le=2**62)],
         actor: Annotated[str, Path(max_length=40)]) -> JSONResponse:
    return _json(service.stance_cell(store, proposal_id, actor))


@router.get("/proposals", summary="Proposals, most recently debated first")
def proposals(store: Store, text: Text = None, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return _json(service.proposals_page(store, text=text, limit=limit, offset=offset))


@router.get("/alerts", summary="Alerts, newest event first (fields of `redline alerts --json`)")
def alerts(store: Store, status: Annotated[str | None, Query(description="crossed or approaching")] = None,
           since: Since = None, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return _json(service.alerts_page(store, status=status, since=since, limit=limit, offset=offset))


@router.get("/events", summary="Stored events, newest first, with the alerts they raised")
def events(store: Store, actor: Code = None, action: Annotated[str | None, Query(max_length=16)] = None,
           status: Annotated[str | None, Query(max_length=16)] = None, since: Since = None, until: Until = None,
           limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return _json(service.events_page(store, actor=actor, action=action, status=status, since=since, until=until,
                                     limit=limit, offset=offset))


@router.get("/documents", summary="Stored documents, newest first")
def documents(store: Store, text: Text = None, source: Text = None, since: Since = None, until: Until = None,
              limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return _json(service.documents_page(store, text=text, source=source, since=since, until=until, limit=limit,
                                        offset=offset))


@router.get("/documents/{doc_id:path}", summary="One document: its text and every extracted span")
def document(store: Store, doc_id: str) -> JSONResponse:
    return _json(service.document_view(store, doc_id))


@router.get("/search", summary="Full-text search over articles and statements (`redline search --json`)")
def search(store: Store, q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find.")],
           limit: Annotated[int, Query(ge=1, le=200)] = 20,
           offset: Annotated[int, Query(ge=0, le=10_000)] = 0) -> JSONResponse:
    return _json(service.search_page(store, q, limit=limit, offset=offset))


@router.get("/whatif", summary="The red lines an action would cross, and the cascade (`redline whatif --json`)")
def whatif(store: Store, settings: Settings,
           text: Annotated[str | None, Query(max_length=300, description="'France deploys troops to Ukraine'")] = None,
           actor: Code = None, action: Annotated[str | None, Query(max_length=16)] = None,
           target: Annotated[list[str] | None, Query(max_length=40)] = None,
           depth: Annotated[int, Query(ge=1, le=6)] = 3) -> JSONResponse:
    return _json(service.whatif_cascade(store, settings, text, actor=actor, action=action, targets=tuple(target or ()),
                                        depth=depth))


@router.get("/graph", summary="The red-line graph: actors as nodes, lines as edges (`redline graph -f json`)")
def graph(store: Store) -> JSONResponse:
    return _json(service.graph_data(store))


class IngestRequest(BaseModel):
    """An article as text, or a URL to fetch (an article or a feed)."""

    text: str | None = Field(None, min_length=1, max_length=10_000_000)
    url: str | None = Field(None, max_length=2000)
    id: str | None = Field(None, max_length=300)
    title: str | None = Field(None, max_length=1000)
    published: date | None = None
    source: str | None = Field(None, max_length=300)


@router.post("/ingest", summary="Extract and store an article (text or URL); needs the bearer token",
             dependencies=[Depends(check_token)])
def ingest(request: Request, settings: Settings, body: IngestRequest) -> JSONResponse:
    if body.text is not None and body.url is None:
        return _json(service.ingest_text(settings, body.text, doc_id=body.id, title=body.title, url=None,
                                         published=body.published, source=body.source))
    if body.url is not None and body.text is None:
        return _json(service.ingest_url(settings, body.url, allow_private=request.app.state.allow_private))
    raise service.ConfigError("give either text or url")
