"""The dashboard's pages: each calls one service function and renders a template; each links its JSON twin."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from redline import service
from redline.web.api import Code, Limit, Offset, Settings, Since, Store, Text, Until
from redline.web.highlight import segments
from redline.web.matrix import matrix_rows

router = APIRouter(include_in_schema=False)
POSITIONS = ("support", "conditional", "open", "oppose")


def _render(request: Request, template: str, twin: str, **context: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template(template).render(
        twin=twin, page=template.removesuffix(".html"), groups=service.ACTOR_GROUPS, request_path=request.url.path,
        **context)
    return HTMLResponse(html)


def _pager(filters: dict[str, Any], limit: int, offset: int) -> dict[str, str]:
    """The links of a list page's next and previous windows, its filters kept."""
    return {"more": _query(**filters, limit=limit, offset=offset + limit),
            "back": _query(**filters, limit=limit, offset=max(0, offset - limit))}


def _query(**params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", []) and not (k == "offset" and v == 0)}
    return ("?" + urlencode(kept, doseq=True)) if kept else ""


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: Store) -> HTMLResponse:
    return _render(request, "overview.html", "/api/overview", data=service.overview(store))


@router.get("/lines", response_class=HTMLResponse)
def lines(request: Request, store: Store, settings: Settings, holder: Code = None, party: Code = None,
          action: Annotated[str | None, Query(max_length=16)] = None, since: Since = None, until: Until = None,
          text: Text = None, limit: Limit = 20, offset: Offset = 0) -> HTMLResponse:
    filters: dict[str, Any] = {"holder": holder, "party": party, "action": action, "since": since, "until": until,
                               "text": text}
    data = service.lines_page(store, settings, holder=holder, party=party, action=action, since=since, until=until,
                              text=text, limit=limit, offset=offset)
    return _render(request, "lines.html", "/api/lines" + _query(**filters, limit=limit, offset=offset), data=data,
                   filters=filters, **_pager(filters, limit, offset))


@router.get("/lines/{line_id}", response_class=HTMLResponse)
def line(request: Request, store: Store, settings: Settings,
         line_id: Annotated[int, Path(ge=1, le=2**62)]) -> HTMLResponse:
    return _render(request, "line.html", f"/api/lines/{line_id}", line=service.line_page(store, settings, line_id))


@router.get("/stances", response_class=HTMLResponse)
def stances(request: Request, store: Store, proposal: Text = None,
            group: Annotated[str | None, Query(max_length=40)] = None) -> HTMLResponse:
    data = service.stance_matrix(store, proposal=proposal, group=group)
    return _render(request, "stances.html", "/api/stances/matrix" + _query(proposal=proposal, group=group),
                   data=data, rows=matrix_rows(data), positions=POSITIONS)


@router.get("/stances/{proposal_id}/{actor}", response_class=HTMLResponse)
def cell(request: Request, store: Store, proposal_id: Annotated[int, Path(ge=1, le=2**62)],
         actor: Annotated[str, Path(max_length=40)]) -> HTMLResponse:
    return _render(request, "cell.html", f"/api/stances/{proposal_id}/{actor}",
                   cell=service.stance_cell(store, proposal_id, actor))


@router.get("/proposals", response_class=HTMLResponse)
def proposals(request: Request, store: Store, text: Text = None, limit: Limit = 20,
              offset: Offset = 0) -> HTMLResponse:
    data = service.proposals_page(store, text=text, limit=limit, offset=offset)
    return _render(request, "proposals.html", "/api/proposals" + _query(text=text, limit=limit, offset=offset),
                   data=data, text=text, positions=POSITIONS, **_pager({"text": text}, limit, offset))


@router.get("/alerts", response_class=HTMLResponse)
def alerts(request: Request, store: Store, status: Annotated[str | None, Query(max_length=16)] = None,
           since: Since = None, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    data = service.alerts_page(store, status=status or None, since=since, limit=limit, offset=offset)
    return _render(request, "alerts.html", "/api/alerts" + _query(status=status, since=since, limit=limit,
                                                                  offset=offset), data=data, status=status,
                   **_pager({"status": status, "since": since}, limit, offset))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, store: Store, actor: Code = None,
           action: Annotated[str | None, Query(max_length=16)] = None, since: Since = None, until: Until = None,
           limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    filters: dict[str, Any] = {"actor": actor, "action": action, "since": since, "until": until}
    data = service.events_page(store, actor=actor, action=action, since=since, until=until, limit=limit,
                               offset=offset)
    return _render(request, "events.html", "/api/events" + _query(**filters, limit=limit, offset=offset),
                   data=data, filters=filters, **_pager(filters, limit, offset))


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, store: Store, text: Text = None, since: Since = None, until: Until = None,
              limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    data = service.documents_page(store, text=text, since=since, until=until, limit=limit, offset=offset)
    return _render(request, "documents.html", "/api/documents" + _query(text=text, since=since, until=until,
                                                                        limit=limit, offset=offset),
                   data=data, text=text, **_pager({"text": text, "since": since, "until": until}, limit, offset))


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document(request: Request, store: Store, doc_id: str) -> HTMLResponse:
    from urllib.parse import quote

    doc = service.document_view(store, doc_id)
    return _render(request, "document.html", "/api/documents/" + quote(doc_id, safe=""), doc=doc,
                   segments=segments(doc["text"], doc["spans"]), kinds=service.SPAN_KINDS)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: Store, q: Annotated[str, Query(max_length=500)] = "",
           limit: Annotated[int, Query(ge=1, le=200)] = 20,
           offset: Annotated[int, Query(ge=0, le=10_000)] = 0) -> HTMLResponse:
    data = service.search_page(store, q, limit=limit, offset=offset) if q.strip() else None
    return _render(request, "search.html", "/api/search" + _query(q=q or "red line", limit=limit, offset=offset),
                   data=data, q=q)


@router.get("/escalation", response_class=HTMLResponse)
def escalation(request: Request, store: Store, settings: Settings,
               text: Annotated[str | None, Query(max_length=300)] = None, actor: Code = None,
               action: Annotated[str | None, Query(max_length=16)] = None,
               target: Annotated[str | None, Query(max_length=200)] = None,
               depth: Annotated[int, Query(ge=1, le=6)] = 3) -> HTMLResponse:
    targets = tuple(t.strip() for t in (target or "").replace(",", " ").split() if t.strip())
    asked = bool((text and text.strip()) or actor or action or targets)
    nodes, error = None, None
    if asked:
        try:
            nodes = service.whatif_cascade(store, settings, text or None, actor=actor or None, action=action or None,
                                           targets=targets, depth=depth)
        except service.RedlineError as e:  # shown beside the form, which keeps what was typed
            error = str(e)
    twin = "/api/whatif" + _query(text=text, actor=actor, action=action, target=list(targets), depth=depth) \
        if asked else "/api/graph"
    page = _render(request, "escalation.html", twin, nodes=nodes, asked=asked, error=error,
                   form={"text": text or "", "actor": actor or "", "action": action or "",
                         "target": " ".join(targets), "depth": depth})
    if error:
        page.status_code = 400
    return page


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI over /openapi.json, served from the swagger-ui-bundle package (no CDN, no inline script)."""
    return _render(request, "docs.html", "/openapi.json")

