"""redline.service.browse: what the CLI reads back from the knowledge base, and the errors it refuses with."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from redline import service


@pytest.fixture
def settings(story_settings: service.Settings) -> service.Settings:
    return story_settings


def test_lines_filter_by_date_and_every_statement_quotes_its_document(settings: service.Settings) -> None:
    every = service.lines(settings)
    assert len(every) == 2
    assert len(service.lines(settings, since=date(2031, 3, 15))) == 1
    assert service.lines(settings, holder="NOBODY") == []
    for line in every:
        for statement in line["statements"]:
            assert statement["evidence"] and all(e["text"] for e in statement["evidence"])


def test_show_line_carries_its_sources_and_an_unknown_id_is_not_found(settings: service.Settings) -> None:
    line = service.show_line(settings, service.lines(settings)[0]["id"])
    assert line["statements"] and "outlets" in line
    with pytest.raises(service.NotFound):
        service.show_line(settings, 10_000)


def test_export_json_writes_every_kind_and_refuses_an_unknown_format(settings: service.Settings) -> None:
    out = io.StringIO()
    counts = service.export(settings, "json", None, stdout=out)
    assert counts["redline"] >= 2
    assert out.getvalue().strip()
    with pytest.raises(service.ConfigError, match="format"):
        service.export(settings, "xml", None, stdout=io.StringIO())


def test_alerts_refuse_an_unknown_status(settings: service.Settings) -> None:
    assert service.alerts(settings) == []
    with pytest.raises(service.ConfigError, match="crossed or approaching"):
        service.alerts(settings, status="maybe")


@pytest.mark.parametrize("fmt", service.GRAPH_FORMATS)
def test_graph_in_every_format(settings: service.Settings, fmt: str) -> None:
    text = service.graph(settings, fmt)
    assert text.strip()
    if fmt == "json":
        assert isinstance(json.loads(text), dict)


def test_graph_refuses_an_unknown_format(settings: service.Settings) -> None:
    with pytest.raises(service.ConfigError):
        service.graph(settings, "png")


def test_search_finds_stored_wording(settings: service.Settings) -> None:
    assert service.search(settings, "Velmora")
    assert service.search(settings, "zzzunseenword") == []
