"""The JSON shape of an alert; the alert is one the matcher raises on data we wrote."""

from __future__ import annotations

from redline.monitor.alert_json import alert_to_dict
from redline.monitor.match import match_event
from test_match import REG, event, line


def test_alert_json_shape() -> None:
    alert = match_event(event(), line(statements=("Moscow warned.",)), REG)
    assert alert is not None
    out = alert_to_dict(alert)
    assert set(out) == {"status", "redline", "event", "explanation"}
    assert out["redline"]["id"] == "L1" and out["redline"]["holder"] == ["RUS"]
    assert out["event"]["doc_id"] == "news-1" and out["event"]["actors"] == ["FRA"]
    assert out["event"]["evidence"] == ["France deployed instructors to Ukraine."]
    assert out["redline"]["evidence"] == ["Moscow warned."]
