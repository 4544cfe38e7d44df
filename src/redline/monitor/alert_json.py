"""The JSON shape of an alert (issue 5): status, the red line, the event, the explanation."""

from __future__ import annotations

from typing import Any

from redline.models import Alert


def alert_to_dict(alert: Alert) -> dict[str, Any]:
    """The JSON shape of an alert (issue 5): status, redline, event, explanation."""
    e = alert.event
    return {
        "status": alert.status,
        "redline": {
            "id": alert.line_id,
            "holder": list(alert.holder),
            "trigger": {
                "actors": list(alert.trigger.actors),
                "action": alert.trigger.action,
                "targets": list(alert.trigger.targets),
                "text": alert.trigger.text,
            },
            "consequence": {
                "action": alert.consequence.action,
                "targets": list(alert.consequence.targets),
                "text": alert.consequence.text,
            },
            "evidence": list(alert.line_evidence),
        },
        "event": {
            "doc_id": alert.doc_id,
            "actors": list(e.actors),
            "action": e.action,
            "targets": list(e.targets),
            "status": e.status,
            "date": e.date.isoformat() if e.date else None,
            "text": e.text,
            "evidence": [ev.text for ev in e.evidence],
        },
        "explanation": list(alert.explanation),
    }
