"""The app's edges (redline.web.app): security headers, the one error handler, the write token, static files."""

from __future__ import annotations

from typing import Any

import pytest

from asgi import HTML, call, get
from redline.web.app import CSP


def test_every_response_carries_the_security_headers(web_app: Any) -> None:
    for path in ("/", "/api/lines", "/api/lines/999", "/static/app.js"):
        response = get(web_app, path)
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP.split("script-src")[1].split(";")[0]


def test_errors_are_json_under_api_and_html_elsewhere(web_app: Any) -> None:
    response = get(web_app, "/api/lines/999")
    assert response.status_code == 404 and response.json() == {
        "error": "no red line #999; `redline lines` lists them", "status": 404}
    response = get(web_app, "/api/nothing")
    assert response.status_code == 404 and "nothing at /api/nothing" in response.json()["error"]
    response = get(web_app, "/lines/999", headers=HTML)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "no red line #999" in response.text
    response = get(web_app, "/api/lines?since=yesterday")
    assert response.status_code == 422 and response.json()["error"].startswith("since:")
    assert call(web_app, "DELETE", "/api/lines").status_code == 405


def test_an_unexpected_error_shows_no_stack_trace(web_app: Any) -> None:
    def boom() -> None:
        raise ZeroDivisionError("secret detail")

    web_app.add_api_route("/api/boom", boom)
    web_app.add_api_route("/boom", boom)
    response = get(web_app, "/api/boom")
    assert response.status_code == 500
    assert response.json() == {"error": "internal error; the server log has the details", "status": 500}
    page = get(web_app, "/boom", headers=HTML)
    assert page.status_code == 500 and "Traceback" not in page.text and "secret detail" not in page.text


@pytest.mark.parametrize("headers", [{}, {"authorization": "Bearer wrong"}, {"authorization": "test-token"},
                                     {"authorization": "Basic test-token"}])
def test_writes_need_the_bearer_token(web_app: Any, headers: dict[str, str]) -> None:
    response = call(web_app, "POST", "/api/ingest", json={"text": "Anything."}, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert "Bearer <token>" in response.json()["error"]


def test_plotly_and_swagger_come_from_their_packages(web_app: Any) -> None:
    plotly = get(web_app, "/static/plotly/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000
    assert get(web_app, "/static/swagger/swagger-ui-bundle.js").status_code == 200
    docs = get(web_app, "/docs", headers=HTML).text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert "<script>" not in docs  # no inline script: the CSP would refuse it


def test_settle_loads_what_requests_read_and_freezes_it(monkeypatch: Any) -> None:
    import gc

    from redline import service
    from redline.web.app import settle

    warmed: list[object] = []
    monkeypatch.setattr(service, "warm_up", warmed.append)
    settings = service.Settings()
    before = gc.get_freeze_count()
    try:
        settle(settings)
        assert warmed == [settings] and gc.get_freeze_count() > before
    finally:
        gc.unfreeze()  # this test process is no server
