"""The stance matrix's table body, written directly: thousands of cells render in a few milliseconds.

Every text is escaped here (``html.escape``); the result is marked safe for the template.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from markupsafe import Markup


def matrix_rows(data: dict[str, Any]) -> Markup:
    """One ``<tr>`` per proposal, one ``<td>`` per actor: a stated cell links to its history and evidence."""
    grid = {(c["proposal_id"], c["actor"]): c for c in data["cells"]}
    actors = [(a, escape(a), quote(a, safe="")) for a in data["actors"]]
    out: list[str] = []
    for p in data["proposals"]:
        pid, text = p["id"], escape(p["text"])
        out.append(f'<tr><th scope="row" title="{text}">{text}</th>')
        for actor, shown, in_url in actors:
            c = grid.get((pid, actor))
            if c is None:
                out.append('<td class="empty"></td>')
                continue
            position = escape(c["position"])
            shifted = " shifted" if c["shift"] else ""
            label = escape(c["shift"] or c["position"])
            out.append(f'<td class="cell pos {position}{shifted}" data-actor="{shown}" data-proposal="{pid}">'
                       f'<a href="/stances/{pid}/{in_url}" title="{shown}: {label}, {c["last_seen"]}">'
                       f'{position[:3]}{"⇄" if shifted else ""}</a></td>')
        out.append("</tr>\n")
    return Markup("".join(out))
