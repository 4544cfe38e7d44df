"""The workbench's test knowledge base: the builders' story, a deployment that crosses its line, and an
article whose text carries HTML and script payloads (which every page must show as text and never run).

Texts are written for these tests.
"""

from __future__ import annotations

from datetime import date

from builders import document, event, redline, stance, story
from redline import service
from redline.models import Extraction

DEPLOYED = [
    "France sent an infantry company to Velmora on Thursday, officials said.",
    "Norway is considering whether to send engineers to Velmora.",
]
PAYLOAD = [
    'Ostrava Times reported <script>window.__pwned = "script";</script> on Friday.',
    'Latvia said it backs sending instructors to Velmora <img src=x onerror="window.__pwned = \'img\'">.',
    "The statement ended there.",
]
UNDATED = [
    "Dalmar warned that any blockade of its ports would be met with force.",
    "Switzerland opposes a naval blockade of Dalmar.",
    "Patrol boats were seen off the Dalmar coast.",
]
PAYLOAD_URL = "javascript:window.__pwned = 'url'"
PAYLOAD_TITLE = "<b onmouseover=\"window.__pwned = 'title'\">Payload</b> test"


def deployments() -> Extraction:
    d = document("deployments", DEPLOYED, published=date(2031, 3, 22), title="France sends troops",
                 source="Example Wire")
    return Extraction(d, events=(
        event(d, DEPLOYED[0], actors=("FRA",), action="DEPLOY", targets=("VEL",), status="occurred",
              text="sent an infantry company to Velmora", when=date(2031, 3, 21)),
        event(d, DEPLOYED[1], actors=("NOR",), action="DEPLOY", targets=("VEL",), status="considered"),
    ))


def payload() -> Extraction:
    d = document("payload", PAYLOAD, published=date(2031, 3, 23), title=PAYLOAD_TITLE, source="<i>Outlet</i>",
                 url=PAYLOAD_URL)
    return Extraction(d, stances=(
        stance(d, PAYLOAD[1], actor="LVA", proposal="send instructors to Velmora", position="support",
               action="DEPLOY", targets=("VEL",)),
    ))


def undated() -> Extraction:
    """An article without any date: its line, stance and event are undated (unknown stays unknown)."""
    d = document("undated", UNDATED, title="No date given", source="Example Wire")
    return Extraction(
        d,
        redlines=(redline(d, UNDATED[0], holder=("DAL",), action="COERCE", targets=("DAL",),
                          trigger="any blockade of its ports", consequence="met with force"),),
        stances=(stance(d, UNDATED[1], actor="CHE", proposal="a naval blockade of Dalmar", position="oppose",
                        action="COERCE", targets=("DAL",)),),
        events=(event(d, UNDATED[2], actors=("CHE",), action="DEPLOY", targets=("DAL",), status="occurred"),),
    )


def workbench() -> list[Extraction]:
    return [*story(), deployments(), payload()]


def build(db: str, extractions: list[Extraction] | None = None) -> str:
    """Store :func:`workbench` (or ``extractions``) in the knowledge base ``db`` through the service
    (alerts raised as on ingest)."""
    store = service.open_store(service.Settings(db=db))
    try:
        service.store_extractions(workbench() if extractions is None else extractions, store,
                                  service.IngestSummary())
    finally:
        store.close()
    return db
