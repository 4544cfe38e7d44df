"""The red-line graph and its writers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from redline.escalation.graph import red_line_graph, to_dot, to_graphml, to_json

LINES = [
    {
        "id": "1",
        "holder": ["RUS"],
        "trigger": {
            "actors": ["WEST"],
            "action": "DEPLOY",
            "targets": ["UKR"],
            "text": 'troops "on the ground" & <more>',
        },
        "consequence": {"action": "ATTACK", "targets": ["NATO"], "text": "war"},
    },
    {
        "id": "2",
        "holder": ["CHN"],
        "trigger": {"actors": [], "action": "ANNEX", "targets": ["TWN"], "text": "x"},
        "consequence": {"action": "ATTACK", "targets": [], "text": "force"},
    },
]


def test_nodes_and_edges() -> None:
    g = red_line_graph(LINES)
    assert set(g.nodes) == {"RUS", "WEST", "NATO", "CHN", "ANY"}
    assert [(e.source, e.target, e.action, e.kind) for e in g.edges] == [
        ("WEST", "RUS", "DEPLOY", "trigger"),
        ("RUS", "NATO", "ATTACK", "consequence"),
        ("ANY", "CHN", "ANNEX", "trigger"),
        ("CHN", "ANY", "ATTACK", "consequence"),
    ]


def test_dot_escapes_quotes() -> None:
    dot = to_dot(red_line_graph(LINES))
    assert dot.startswith("digraph redlines {") and dot.rstrip().endswith("}")
    assert '\\"on the ground\\"' in dot and '"WEST" -> "RUS"' in dot


def test_graphml_is_valid_xml_with_everything_escaped() -> None:
    root = ET.fromstring(to_graphml(red_line_graph(LINES)).split("\n", 1)[1])
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edges = root.findall("g:graph/g:edge", ns)
    assert len(edges) == 4 and len(root.findall("g:graph/g:node", ns)) == 5
    texts = [
        d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data") if d.get("key") == "text"
    ]
    assert 'troops "on the ground" & <more>' in texts


def test_json_round_trips() -> None:
    data = json.loads(to_json(red_line_graph(LINES)))
    assert [n["id"] for n in data["nodes"]][:2] == ["RUS", "WEST"]
    assert data["edges"][0] == {
        "source": "WEST",
        "target": "RUS",
        "action": "DEPLOY",
        "kind": "trigger",
        "line_id": "1",
        "text": 'troops "on the ground" & <more>',
    }
