"""The development monitoring chains end to end: a red-line article, a later event article, `alerts --json`.

Each chain (../shared/eval/dev/chains.jsonl) is ingested into a fresh knowledge
base in order, as JSONL records with the publication dates of meta.jsonl; when
that date is missing, the first day of the year and month its id ends with
(``scripts/chains.py`` runs the same procedure on any split).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from redline.cli import app

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


def _chains() -> list[dict[str, Any]]:
    path = DEV / "chains.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def published(doc_id: str, meta: dict[str, Any]) -> str:
    if meta.get("published"):
        return str(meta["published"])
    year, month = (int(x) for x in re.findall(r"(\d{4})-(\d{2})$", doc_id)[0])
    return date(year, month, 1).isoformat()


def ingest_jsonl(tmp_path: Path, doc_id: str, db: str, meta: dict[str, dict[str, Any]]) -> None:
    text = (DEV / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
    item = {"id": doc_id, "text": text, "published": published(doc_id, meta.get(doc_id, {}))}
    path = tmp_path / f"{doc_id}.jsonl"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", db])
    assert result.exit_code == 0, result.output


# Chains that do not pass yet: (event doc#redline index) -> why, in one line. Each still runs, as a strict
# xfail: it fails the suite the day it passes, so the entry must then be removed.
HELD_OUT = "held out: c2- documents are not read, so the miss is scored but not diagnosed"
KNOWN_MISSES: dict[str, str] = {
    "c2-trump-sanctions-turkey-steel-tariffs-2019-10#0": HELD_OUT,
    "c2-us-uk-france-strike-syria-douma-2018-04#0": HELD_OUT,
}


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/dev is not beside the repository")
@pytest.mark.parametrize("chain", _chains(), ids=lambda c: c["event_doc"])
def test_chain(chain: dict[str, Any], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    miss = KNOWN_MISSES.get(f"{chain['event_doc']}#{chain.get('redline_index', 0)}")
    if miss:
        request.applymarker(pytest.mark.xfail(reason=miss, strict=True))
    meta = {m["doc_id"]: m for m in map(json.loads, (DEV / "meta.jsonl").read_text(encoding="utf-8").splitlines())}
    db = str(tmp_path / "kb.db")
    ingest_jsonl(tmp_path, chain["redline_doc"], db, meta)
    ingest_jsonl(tmp_path, chain["event_doc"], db, meta)
    result = CliRunner().invoke(app, ["alerts", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    lines = json.loads(CliRunner().invoke(app, ["lines", "--json", "--db", db]).stdout)
    of_doc = [ln["id"] for ln in lines if any(s["doc_id"] == chain["redline_doc"] for s in ln["statements"])]
    assert of_doc, f"no red line extracted from {chain['redline_doc']}"
    line_id = sorted(of_doc)[chain.get("redline_index", 0)] if len(of_doc) > chain.get("redline_index", 0) \
        else of_doc[0]
    crossed = [a for a in json.loads(result.stdout) if a["redline"]["id"] == line_id and a["status"] == "crossed"]
    if chain["crossed"]:
        assert crossed, f"no crossed alert for line #{line_id}"
    else:
        assert not crossed, f"unexpected crossed alert: {crossed[0]['event']}"


# Chains of our own, in the classes of issue 9 the development chains cover thinly: the same procedure, from
# text, with nothing read from ../shared.
OWN_CHAINS = {
    "a visitor the gazetteer does not know, named with their party only earlier in the article": (
        "China warns Canada over planned Taiwan trip\n\nBEIJING — China warned on Monday that it would take"
        " resolute countermeasures if Canadian House Speaker Jane Holloway visits Taiwan.\n\n\"If the Canadian"
        " side insists on the visit, China will respond firmly,\" a foreign ministry spokesman told reporters.",
        "Canadian speaker lands in Taipei\n\nTAIPEI — Canadian House Speaker Jane Holloway began a two-day trip"
        " to Asia on Tuesday.\n\nHolloway visited Taiwan on Wednesday despite China's objections, meeting the"
        " island's president.",
    ),
}


@pytest.mark.parametrize("texts", OWN_CHAINS.values(), ids=list(OWN_CHAINS))
def test_own_chain_is_crossed(texts: tuple[str, str], tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    for doc_id, text, day in zip(("warning", "event"), texts, ("2031-01-12", "2031-02-05"), strict=True):
        path = tmp_path / f"{doc_id}.jsonl"
        path.write_text(json.dumps({"id": doc_id, "text": text, "published": day}) + "\n", encoding="utf-8")
        assert CliRunner().invoke(app, ["ingest", str(path), "--db", db]).exit_code == 0
    alerts = json.loads(CliRunner().invoke(app, ["alerts", "--json", "--db", db]).stdout)
    assert [a["status"] for a in alerts if a["event"]["action"] == "OTHER"] == ["crossed"], alerts
