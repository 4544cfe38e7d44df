"""The stance matrix's rows (redline.web.matrix): one cell per actor and proposal, everything escaped."""

from __future__ import annotations

import re

from redline.web.matrix import matrix_rows


def cell(actor: str, proposal_id: int, position: str, shift: str | None = None) -> dict[str, object]:
    return {"actor": actor, "proposal_id": proposal_id, "position": position, "shift": shift,
            "last_seen": "2031-03-02"}


def test_one_row_per_proposal_one_cell_per_actor() -> None:
    data = {"actors": ["FRA", "OST"], "proposals": [{"id": 1, "text": "send troops"}, {"id": 2, "text": "talks"}],
            "cells": [cell("FRA", 1, "oppose", "open → oppose"), cell("OST", 1, "oppose"), cell("OST", 2, "open")]}
    html = str(matrix_rows(data))
    assert html.count("<tr>") == 2 and html.count("<td") == 4
    stated = re.findall(r'data-actor="(\w+)" data-proposal="(\d+)"', html)
    assert stated == [("FRA", "1"), ("OST", "1"), ("OST", "2")]
    assert html.count('class="empty"') == 1 and html.count(" shifted") == 1
    assert 'href="/stances/1/FRA"' in html and "FRA: open → oppose" in html


def test_texts_are_escaped() -> None:
    data = {"actors": ['X"><script>'], "proposals": [{"id": 3, "text": "<img src=x onerror=alert(1)>"}],
            "cells": [cell('X"><script>', 3, "support")]}
    html = str(matrix_rows(data))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "/stances/3/X%22%3E%3Cscript%3E" in html
