"""The red-line graph: actors as nodes, red lines as edges, and its writers.

Each red line gives an edge from every trigger party to the holder, labelled
with the trigger's action, and one from the holder to every consequence
target (the trigger parties when the consequence names none), labelled with
the consequence's action. A trigger that names no party starts from ``ANY``.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    action: str
    kind: str  # "trigger" (party → holder) or "consequence" (holder → target)
    line_id: str
    text: str


@dataclass(frozen=True)
class RedLineGraph:
    nodes: tuple[str, ...]
    edges: tuple[GraphEdge, ...]


def _action(value: object) -> str:
    if isinstance(value, str):
        return value
    return "/".join(str(v) for v in value) if isinstance(value, list | tuple) else ""


def red_line_graph(lines: Iterable[Mapping[str, Any]]) -> RedLineGraph:
    """The graph of a set of consolidated red-line dicts."""
    nodes: dict[str, None] = {}
    edges: list[GraphEdge] = []
    for line in lines:
        trig = line.get("trigger") or {}
        cons = line.get("consequence") or {}
        line_id = str(line.get("id"))
        parties = list(trig.get("actors") or ()) or ["ANY"]
        for holder in line.get("holder") or ():
            nodes.setdefault(holder)
            for p in parties:
                nodes.setdefault(p)
                edges.append(
                    GraphEdge(
                        p,
                        holder,
                        _action(trig.get("action")),
                        "trigger",
                        line_id,
                        str(trig.get("text") or ""),
                    )
                )
            for t in list(cons.get("targets") or ()) or parties:
                nodes.setdefault(t)
                edges.append(
                    GraphEdge(
                        holder,
                        t,
                        _action(cons.get("action")),
                        "consequence",
                        line_id,
                        str(cons.get("text") or ""),
                    )
                )
    return RedLineGraph(tuple(nodes), tuple(edges))


def _dot_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: RedLineGraph) -> str:
    """Graphviz DOT: trigger edges solid, consequence edges dashed."""
    out = ["digraph redlines {", "  rankdir=LR;"]
    out += [f"  {_dot_str(n)};" for n in graph.nodes]
    for e in graph.edges:
        style = "solid" if e.kind == "trigger" else "dashed"
        out.append(
            f"  {_dot_str(e.source)} -> {_dot_str(e.target)} "
            f"[label={_dot_str(e.action)}, style={style}, tooltip={_dot_str(e.text)}, "
            f"id={_dot_str(e.kind + ':' + e.line_id)}];"
        )
    out.append("}")
    return "\n".join(out) + "\n"


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def to_graphml(graph: RedLineGraph) -> str:
    """GraphML, built with an XML writer so every value is escaped."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for key in ("action", "kind", "line_id", "text"):
        ET.SubElement(
            root,
            f"{{{GRAPHML_NS}}}key",
            id=key,
            attrib={"for": "edge", "attr.name": key, "attr.type": "string"},
        )
    g = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", id="redlines", edgedefault="directed")
    for n in graph.nodes:
        ET.SubElement(g, f"{{{GRAPHML_NS}}}node", id=n)
    for i, e in enumerate(graph.edges):
        el = ET.SubElement(g, f"{{{GRAPHML_NS}}}edge", id=f"e{i}", source=e.source, target=e.target)
        for key in ("action", "kind", "line_id", "text"):
            ET.SubElement(el, f"{{{GRAPHML_NS}}}data", key=key).text = getattr(e, key)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_json(graph: RedLineGraph) -> str:
    """{"nodes": [{"id"}], "edges": [{source, target, action, kind, line_id, text}]}."""
    data = {"nodes": [{"id": n} for n in graph.nodes], "edges": [asdict(e) for e in graph.edges]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
