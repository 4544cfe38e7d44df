"""Events and alerts in the knowledge base (redline.store.events), through the service, on both backends.

The story is ours: Ostravia (OST) warns NATO against sending troops to Velmora
(VEL); France, a NATO member, then sends some. Group membership comes from
the real actor registry (FRA ∈ NATO).
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from builders import document, event, redline
from redline import service
from redline.errors import ConfigError
from redline.models import Extraction
from redline.store import Store
from redline.store.alerts import alerts, event_evidence_mismatches, event_rows

WARNING = [
    "Ostravia warned that any deployment of NATO troops to Velmora would be met with missile strikes.",
    "The foreign ministry repeated the warning in a note to allied embassies.",
]
RESTATED = [
    "Ostravia again said that NATO troops sent to Velmora would face missile strikes.",
]
DEPLOYMENTS = [
    "France sent an infantry battalion to Velmora on Tuesday.",
    "Norway is weighing whether to send engineers to Velmora.",
    "Spain ruled out sending soldiers to Velmora.",
]
EARLIER = ["Italy sent a mountain brigade to Velmora for an exercise."]


def warning(doc_id: str = "warning", sentences: list[str] = WARNING, day: date = date(2031, 3, 2)) -> Extraction:
    d = document(doc_id, sentences, published=day)
    line = redline(d, sentences[0], holder=("OST",), actors=("NATO",), action="DEPLOY", targets=("VEL",),
                   trigger="NATO troops are deployed to Velmora", response="ATTACK", response_targets=("NATO",),
                   consequence="missile strikes", certainty="high")
    return Extraction(d, redlines=(line,))


def deployments(doc_id: str = "deployments", extra: str = "") -> Extraction:
    sentences = [*DEPLOYMENTS, extra] if extra else DEPLOYMENTS
    d = document(doc_id, sentences, published=date(2031, 3, 10))
    return Extraction(d, events=(
        event(d, DEPLOYMENTS[0], actors=("FRA",), action="DEPLOY", targets=("VEL",), status="occurred",
              text="sent an infantry battalion to Velmora", when=date(2031, 3, 9)),
        event(d, DEPLOYMENTS[1], actors=("NOR",), action="DEPLOY", targets=("VEL",), status="considered"),
        event(d, DEPLOYMENTS[2], actors=("ESP",), action="DEPLOY", targets=("VEL",), status="denied"),
    ))


def earlier() -> Extraction:
    d = document("earlier", EARLIER, published=date(2031, 2, 20))
    return Extraction(d, events=(event(d, EARLIER[0], actors=("ITA",), action="DEPLOY", targets=("VEL",)),))


def add(db: str, *extractions: Extraction) -> service.IngestSummary:
    """Store extractions as `ingest` does (near-duplicate signatures, the alert matcher)."""
    store = service.open_store(service.Settings(db=db))
    try:
        return service.store_extractions(extractions, store, service.IngestSummary())
    finally:
        store.close()


def stored_alerts(db: str, **filters: object) -> list[dict[str, object]]:
    return service.alerts(service.Settings(db=db), **filters)  # type: ignore[arg-type]


def by_actor(items: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {"/".join(a["event"]["actors"]): a for a in items}


def test_events_are_stored_with_their_document_and_their_evidence(kb_db: str) -> None:
    add(kb_db, deployments())
    with Store.open(kb_db) as store:
        rows = event_rows(store)
        assert event_evidence_mismatches(store) == []
    assert [(r["actors"], r["status"]) for r in rows] == [(["FRA"], "occurred"), (["NOR"], "considered"),
                                                         (["ESP"], "denied")]
    assert rows[0]["date"] == "2031-03-09"  # its own date
    assert rows[1]["date"] == "2031-03-10"  # undated: its document's
    text = " ".join(DEPLOYMENTS)
    for r in rows:
        ev = r["evidence"][0]
        assert text[ev["span"][0] : ev["span"][1]] == ev["text"]


def test_an_event_of_a_member_crosses_its_groups_line(kb_db: str) -> None:
    summary = add(kb_db, warning(), deployments())
    found = by_actor(stored_alerts(kb_db))
    assert len(summary.alerts) == 2
    assert set(found) == {"FRA", "NOR"}  # the denial raises nothing
    crossed = found["FRA"]
    assert crossed["status"] == "crossed"
    assert "actor FRA ∈ NATO (trigger actor)" in crossed["explanation"]
    assert crossed["redline"]["holder"] == ["OST"] and isinstance(crossed["redline"]["id"], int)
    assert crossed["redline"]["evidence"][0] == {"doc_id": "warning", "text": WARNING[0],
                                                 "span": [0, len(WARNING[0])]}
    assert crossed["event"]["doc_id"] == "deployments" and crossed["event"]["evidence"][0]["text"] == DEPLOYMENTS[0]
    assert crossed["date"] == "2031-03-09"
    assert found["NOR"]["status"] == "approaching"
    assert any("only considered" in x for x in found["NOR"]["explanation"])


def test_a_line_stored_after_its_crossing_still_alerts_but_never_for_older_events(kb_db: str) -> None:
    first = add(kb_db, earlier(), deployments())
    assert first.alerts == []
    later = add(kb_db, warning())
    found = by_actor(stored_alerts(kb_db))
    assert len(later.alerts) == 2 and found["FRA"]["status"] == "crossed"
    assert "ITA" not in found  # Italy's deployment came before the line was drawn


def test_a_line_and_its_crossing_in_one_article(kb_db: str) -> None:
    sentences = [*WARNING, DEPLOYMENTS[0]]
    d = document("same-day", sentences, published=date(2031, 3, 2))
    x = warning("same-day", sentences)
    x = Extraction(d, redlines=x.redlines, events=(
        event(d, DEPLOYMENTS[0], actors=("FRA",), action="DEPLOY", targets=("VEL",)),
        # the line's own sentence read as an event: a restatement, never a crossing
        event(d, WARNING[0], actors=("NATO",), action="DEPLOY", targets=("VEL",)),
    ))
    add(kb_db, x)
    found = by_actor(stored_alerts(kb_db))
    assert set(found) == {"FRA"} and found["FRA"]["status"] == "crossed"


def test_re_ingesting_and_restating_raise_no_alert_twice(kb_db: str) -> None:
    add(kb_db, warning(), deployments())
    before = stored_alerts(kb_db)
    again = add(kb_db, deployments(), warning("restated", RESTATED, date(2031, 3, 15)))
    assert again.skipped == [("deployments", "already in the knowledge base")]
    assert again.stored == 1 and again.alerts == []
    after = stored_alerts(kb_db)
    def key(items: list[dict]) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
        return [(a["id"], a["status"], a["created"]) for a in items]

    assert key(after) == key(before)
    assert after[0]["redline"]["evidence"][-1]["doc_id"] == "restated"  # the line itself did change


def test_a_restatement_rematches_older_events_only_when_it_moves_the_line(kb_db: str, monkeypatch: object) -> None:
    import redline.store.events as store_events

    add(kb_db, earlier(), warning())
    assert "ITA" not in by_actor(stored_alerts(kb_db))  # Italy's deployment came before the line was drawn
    asked: list[int] = []
    real = store_events._match

    def counted(matcher: object, items: list, lines: list) -> list:  # type: ignore[type-arg]
        asked.append(len(lines))
        return real(matcher, items, lines)  # type: ignore[arg-type]

    monkeypatch.setattr(store_events, "_match", counted)  # type: ignore[attr-defined]
    same = add(kb_db, warning("restated", RESTATED, date(2031, 3, 15)))
    assert same.alerts == [] and asked == []  # nothing the matcher reads moved: no older event is read again
    first_said = ["In February Ostravia had already warned that NATO troops in Velmora would face missile strikes."]
    drawn_earlier = add(kb_db, warning("first-said", first_said, date(2031, 2, 10)))
    assert asked  # the line now dates from 10 February: Italy's deployment of the 20th comes after it
    assert len(drawn_earlier.alerts) == 1 and "ITA" in by_actor(stored_alerts(kb_db))


def test_a_syndicated_copy_raises_no_second_alert(kb_db: str) -> None:
    add(kb_db, warning(), deployments())
    copy = add(kb_db, deployments("deployments-reprint", extra="Reporting by the Example desk."))
    assert copy.near_duplicates == 1 and copy.alerts == []
    assert len(stored_alerts(kb_db)) == 2


def test_alerts_filter_by_date_and_status(kb_db: str) -> None:
    add(kb_db, warning(), deployments())
    assert [a["status"] for a in stored_alerts(kb_db, status="crossed")] == ["crossed"]
    assert [a["event"]["actors"] for a in stored_alerts(kb_db, since=date(2031, 3, 10))] == [["NOR"]]
    with pytest.raises(ConfigError, match="crossed or approaching"):
        stored_alerts(kb_db, status="broken")


def test_store_without_a_matcher_stores_events_but_raises_nothing(kb_db: str) -> None:
    with Store.open(kb_db) as store:
        store.add(warning())
        result = store.add(deployments())
        assert result.alerts == () and alerts(store) == [] and len(event_rows(store)) == 3


def test_export_writes_events_as_json_and_plover(kb_db: str) -> None:
    add(kb_db, deployments())
    settings = service.Settings(db=kb_db)
    sink = io.StringIO()
    written = service.export(settings, "json", None, stdout=sink)
    assert written["event"] == 3 and len(json.loads(sink.getvalue())["events"]) == 3
    sink = io.StringIO()
    written = service.export(settings, "plover", None, kind="event", stdout=sink)
    records = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert written == {"event": 2}  # the denial did not happen: PLOVER gets no record of it
    assert records[0]["event"] == "MOBILIZE" and records[0]["source"][0]["code"] == "FRA"


# -- what-if from the store: A warns B; B's threatened response crosses C's line ----------------------------

CASCADE = [
    "Ostravia said that if NATO troops entered Velmora it would strike NATO forces.",
    "NATO said any Ostravian strike on an ally would bring a collective military answer against Ostravia.",
    "Ostravia's defence council said a NATO attack on Ostravian soil would be answered with missile "
    "strikes on Brussels.",
]


def cascade_kb(db: str) -> None:
    d = document("cascade", CASCADE, published=date(2031, 4, 1))
    add(db, Extraction(d, redlines=(
        redline(d, CASCADE[0], holder=("OST",), actors=("NATO",), action="DEPLOY", targets=("VEL",),
                trigger="NATO troops enter Velmora", response="ATTACK", response_targets=("NATO",),
                consequence="strike NATO forces", certainty="high"),
        redline(d, CASCADE[1], holder=("NATO",), actors=("OST",), action="ATTACK", targets=("NATO",),
                trigger="an Ostravian strike on an ally", response="ATTACK", response_targets=("OST",),
                consequence="a collective military answer", certainty="medium"),
        redline(d, CASCADE[2], holder=("OST",), actors=("NATO",), action="ATTACK", targets=("OST",),
                trigger="a NATO attack on Ostravian soil", response="ATTACK", response_targets=("BEL",),
                consequence="missile strikes on Brussels", certainty="low"),
    )))


def test_whatif_follows_threatened_responses_from_the_store(kb_db: str) -> None:
    cascade_kb(kb_db)
    settings = service.Settings(db=kb_db)
    deep = service.whatif(settings, actor="fra", action="deploy", targets=["VEL"], depth=3)
    assert len(deep) == 1
    first = deep[0]
    assert first["redline"]["holder"] == ["OST"] and first["score"] == 1.0
    assert first["redline"]["evidence"] == [CASCADE[0]]
    second = first["then"][0]
    assert second["action"] == {"actors": ["OST"], "action": "ATTACK", "targets": ["NATO"]}
    assert second["redline"]["holder"] == ["NATO"] and second["score"] == 0.6
    third = second["then"][0]
    assert third["redline"]["holder"] == ["OST"] and third["redline"]["consequence"]["targets"] == ["BEL"]
    assert third["score"] == pytest.approx(0.18) and third["then"] == []
    shallow = service.whatif(settings, actor="FRA", action="DEPLOY", targets=["VEL"], depth=2)
    assert shallow[0]["then"][0]["then"] == []
    assert service.whatif(settings, actor="FRA", action="SANCTION", targets=["VEL"]) == []


def test_whatif_needs_an_actor_and_a_known_action(kb_db: str) -> None:
    settings = service.Settings(db=kb_db)
    with pytest.raises(ConfigError, match="--actor"):
        service.whatif(settings, action="DEPLOY")
    with pytest.raises(ConfigError, match="unknown action class"):
        service.whatif(settings, actor="FRA", action="INVADE")


def test_the_graph_of_the_store(kb_db: str) -> None:
    cascade_kb(kb_db)
    data = json.loads(service.graph(service.Settings(db=kb_db), "json"))
    edges = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert ("NATO", "OST", "trigger") in edges and ("OST", "BEL", "consequence") in edges
    assert service.graph(service.Settings(db=kb_db), "dot").startswith("digraph")
    with pytest.raises(ConfigError, match="dot, graphml, json"):
        service.graph(service.Settings(db=kb_db), "png")


def _statements(store: Store) -> list[str]:
    from sqlalchemy import event as sa_event

    seen: list[str] = []
    sa_event.listen(store.engine, "before_cursor_execute", lambda _c, _cur, statement, *_a: seen.append(statement))
    return seen


def test_a_documents_events_and_their_evidence_are_two_inserts(kb_db: str) -> None:
    store = service.open_store(service.Settings(db=kb_db))
    try:
        seen = _statements(store)
        service.store_extractions([deployments()], store, service.IngestSummary())
    finally:
        store.close()
    inserts = [s.split("(")[0].split()[-1] for s in seen if s.lstrip().upper().startswith("INSERT")]
    assert inserts.count("events") == 1 and inserts.count("event_evidence") == 1
    with Store.open(kb_db) as store:
        rows = event_rows(store)
    assert [r["actors"] for r in rows] == [["FRA"], ["NOR"], ["ESP"]]  # ids in the document's order
    assert [r["evidence"][0]["text"] for r in rows] == DEPLOYMENTS


def test_alerts_found_together_are_stored_as_one_at_a_time_would_be(kb_db: str) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import select

    from redline.models import Alert, Consequence, Trigger
    from redline.store.events import _upsert
    from redline.store.schema import alerts as alert_table
    from redline.store.schema import events, redlines

    add(kb_db, warning(), deployments())  # FRA crossed, NOR approaching
    with Store.open(kb_db) as store:
        with store.reading() as conn:
            line = conn.scalar(select(redlines.c.id))
            ids = dict(conn.execute(select(events.c.actors, events.c.id)).all())
            before = {r.event_id: (r.id, r.explanation) for r in conn.execute(select(alert_table))}

        def found(status: str, actor: str) -> tuple[Alert, int]:
            ev = event(deployments().document, DEPLOYMENTS[0], actors=(actor,), action="DEPLOY", targets=("VEL",))
            alert = Alert(status, str(line), ("OST",), Trigger(("NATO",), "DEPLOY", ("VEL",), "troops"),
                          Consequence("ATTACK", ("NATO",), "strikes"), ev, (f"{status} {actor}",))
            return alert, ids[actor]

        created = datetime(2031, 4, 1, tzinfo=UTC)
        seen = _statements(store)
        with store.writing() as conn:
            raised = _upsert(conn, [found("approaching", "ESP"), found("crossed", "NOR"), found("crossed", "FRA"),
                                    found("crossed", "ESP"), found("approaching", "ESP")], created)
        # one look-up of the stored alerts, one insert of the new ones, one executemany of the raised ones
        assert [x.split()[0] for x in seen if "alerts" in x] == ["SELECT", "INSERT", "UPDATE"]
        with store.reading() as conn:
            after = {r.event_id: r for r in conn.execute(select(alert_table))}
    nor_id = before[ids["NOR"]][0]
    esp = after[ids["ESP"]]
    # new ESP alert, then NOR raised to crossed; FRA was crossed already; ESP raised in the same call stays one row
    assert raised == (esp.id, nor_id)
    assert esp.status == "crossed" and json.loads(esp.explanation) == ["crossed ESP"]
    assert esp.id > max(i for i, _ in before.values())
    assert after[ids["NOR"]].status == "crossed" and after[ids["NOR"]].id == nor_id
    assert after[ids["FRA"]].explanation == before[ids["FRA"]][1]  # crossed already: left as it was
    assert len(after) == 3


def test_a_batch_reads_each_stored_event_and_line_in_full_once(kb_db: str) -> None:
    # two more documents of deployments in one batch: each matches the stored events against the line again
    add(kb_db, warning(), earlier())
    store = service.open_store(service.Settings(db=kb_db))
    try:
        seen = _statements(store)
        flights = ["Portugal flew a transport squadron to Velmora on Friday.", "Greece kept its frigates in port."]
        later = document("later-deployments", flights, published=date(2031, 3, 14))
        other = Extraction(later, events=(event(later, flights[0], actors=("PRT",), action="DEPLOY",
                                                targets=("VEL",), status="occurred"),))
        more = [deployments("deployments-a"), other]
        summary = service.store_extractions(more, store, service.IngestSummary())  # one transaction
    finally:
        store.close()
    assert summary.stored == 2
    selects = [" ".join(s.split()) for s in seen if s.lstrip().upper().startswith("SELECT")]
    # the rows themselves (with their document's key, the line's every column) once each per transaction;
    # every further look-up reads ids alone
    assert sum(1 for s in selects if "FROM events JOIN documents" in s) == 2  # each document's own events
    assert sum(1 for s in selects if s.startswith("SELECT redlines.id, redlines.holder")) == 1
    assert {'/'.join(a['event']['actors']) for a in stored_alerts(kb_db)} >= {'FRA', 'PRT'}


def test_a_later_batch_reads_no_stored_event_again(kb_db: str) -> None:
    add(kb_db, warning(), deployments())
    store = service.open_store(service.Settings(db=kb_db))
    try:
        service.store_extractions([earlier()], store, service.IngestSummary())  # reads the stored events
        seen = _statements(store)
        flights = ["Portugal flew a transport squadron to Velmora on Friday.", "Greece kept its frigates in port."]
        later = document("later-deployments", flights, published=date(2031, 3, 14))
        restated = warning("warning-again", RESTATED, day=date(2031, 3, 20))
        service.store_extractions([restated, Extraction(later, events=(event(
            later, flights[0], actors=("PRT",), action="DEPLOY", targets=("VEL",), status="occurred"),))],
            store, service.IngestSummary())
    finally:
        store.close()
    rows = [" ".join(s.split()) for s in seen if "FROM events JOIN documents" in " ".join(s.split())]
    assert len(rows) == 1  # the new document's own event; those the earlier batch read are kept
