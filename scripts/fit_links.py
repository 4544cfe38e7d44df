"""Fit the linking thresholds on the training set: red lines and proposals across articles.

    .venv/bin/python scripts/fit_links.py [--shared ../shared] [--lexical] [--only lines|proposals | --vary NAME]
    .venv/bin/python scripts/fit_links.py --written [--vary NAME] [--grid ...]

Extracts ``../shared/eval/train/texts`` once, then builds a fresh knowledge base
for each candidate threshold and scores the pairs it links against
``scripts/train_links.json`` (hand labels: which coded items of different
training articles are the same red line or proposal), the way
``../shared/eval/score_links.py`` scores the development set. Prints precision,
recall and F1 per threshold; the thresholds in ``redline.store.merge`` are the
best F1 here. Only the training set is read (the development set is for measuring).

``--written`` scores the red-line bars on ``scripts/written_links.json`` instead: red-line statements written by
hand for the linking work (no evaluation or training text), each pair of them decided by
:func:`redline.store.merge.compare_lines` with both texts embedded by the knowledge base's sentence model, as
pairwise precision, recall and F1 against the corpus's own labels (statements of one ``line`` are one red line).
The training set holds only five cross-article red-line clusters; the corpus shows which bars hold beyond them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from redline import service
from redline.config import Settings
from redline.embed import load_embedder
from redline.extract import extract_documents
from redline.service.ingest import _groups_of
from redline.store import blocking, merge

HERE = Path(__file__).resolve().parent


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')).strip().lower()


def _overlaps(a: Iterable[str], b: Iterable[str]) -> bool:
    na, nb = {_norm(x) for x in a}, {_norm(x) for x in b}
    return any(x in y or y in x for x in na for y in nb)


def _as_list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


def pair_scores(assign: list[tuple[str, object, str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1 over statements of different documents."""
    tp = pp = gp = 0
    for (d1, p1, g1), (d2, p2, g2) in itertools.combinations(assign, 2):
        if d1 == d2:
            continue
        tp += p1 == p2 and g1 == g2
        pp += p1 == p2
        gp += g1 == g2
    p = tp / pp if pp else 0.0
    r = tp / gp if gp else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "gold": gp}


def linked_negatives(placed: dict[tuple[str, str], set[object]], gold: dict[str, Any],
                     negatives: list[dict[str, Any]]) -> int:
    """How many reviewed close-but-different proposal pairs (``proposal_negatives``) the knowledge base put in one
    proposal: ``placed`` maps (document, coded proposal) to the proposals its stances were stored under."""
    def where(m: dict[str, Any]) -> set[object]:
        return placed.get((m["doc_id"], gold[m["doc_id"]]["stances"][m["index"]]["proposal"]), set())
    return sum(bool(where(n["members"][0]) & where(n["members"][1])) for n in negatives)


def score(kb: str, gold: dict[str, Any], cid: dict[tuple[str, str, int], str],
          negatives: list[dict[str, Any]] | None = None) -> tuple[dict[str, float], ...]:
    settings = Settings(db=kb)
    red, prop = [], []
    placed: dict[tuple[str, str], set[object]] = {}
    for line in service.lines(settings, limit=0):
        for st in line["statements"]:
            for i, item in enumerate(gold.get(st["doc_id"], {}).get("redlines", [])):
                evs = [e["text"] for e in st["evidence"]]
                if set(_as_list(item["holder"])) & set(line["holder"]) and _overlaps(evs, item["evidence"]):
                    key = (st["doc_id"], "redlines", i)
                    red.append((st["doc_id"], line["id"], cid.get(key, f"{st['doc_id']}/r{i}")))
                    break
    for row in service.stances(settings, limit=0):
        for h in row["history"]:
            for doc in h["doc_ids"]:
                for i, item in enumerate(gold.get(doc, {}).get("stances", [])):
                    if row["actor"] in _as_list(item["actor"]):
                        prop.append((doc, row["proposal_id"], cid.get((doc, "stances", i), f"{doc}/s{i}")))
                        placed.setdefault((doc, item["proposal"]), set()).add(row["proposal_id"])
                        break
    scores = pair_scores(prop)
    scores["negatives"] = linked_negatives(placed, gold, negatives or [])
    return pair_scores(red), scores


def written_signatures(path: Path) -> list[tuple[str, merge.LineSignature]]:
    """The hand-written statements of ``path`` as (line label, signature), trigger and sentence embedded."""
    statements = json.loads(path.read_text(encoding="utf-8"))["statements"]
    embedder = load_embedder()
    if embedder is None:
        sys.exit("the sentence model is not installed: the written corpus is scored by meaning")
    trig = embedder.embed([s["trigger"]["text"] for s in statements])
    sent = embedder.embed([s["sentence"] for s in statements])
    return [(s["line"], merge.LineSignature(
        frozenset(s["holder"]), frozenset(s["trigger"]["actors"]), s["trigger"]["action"],
        frozenset(s["trigger"]["targets"]), s["trigger"]["text"], trig[i], sent[i],
        consequence=s["consequence"]["action"])) for i, s in enumerate(statements)]


def written_scores(sigs: list[tuple[str, merge.LineSignature]]) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of :func:`merge.compare_lines` (the later statement against the earlier)
    over every pair of written statements, and the pairs decided wrongly (as line labels)."""
    groups_of = _groups_of()
    tp = fp = fn = 0
    wrong: list[str] = []
    for (i, (la, a)), (j, (lb, b)) in itertools.combinations(enumerate(sigs), 2):
        linked = merge.compare_lines(b, a, groups_of=groups_of).matched
        same = la == lb
        tp += linked and same
        fp += linked and not same
        fn += same and not linked
        if linked != same:
            wrong.append(f"{'missed' if same else 'false'} {la}#{i}~{lb}#{j}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": tp + fn, "wrong": wrong}


def main_written(a: argparse.Namespace) -> None:
    sigs = written_signatures(HERE / "written_links.json")
    name = a.vary or "LINE_COSINE"
    if not isinstance(getattr(merge, name, None), float):
        sys.exit(f"redline.store.merge has no threshold {name}")
    print(f"{name}  written red lines P/R/F1 (gold pairs)  wrong pairs")
    for t in [float(x) for x in a.grid.split(",")]:
        setattr(merge, name, t)
        if name == "RELATED_COSINE" and a.vary:
            merge.CROSS_CLASS_COSINE = t  # as set in merge: the cross-class bar is the related-class bar
        w = written_scores(sigs)
        wrong = "; ".join(w["wrong"]) if a.wrong else len(w["wrong"])
        print(f"{t:.2f}  {w['p']:.2f}/{w['r']:.2f}/{w['f1']:.2f} ({w['gold']})  {wrong}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--lexical", action="store_true", help="without sentence vectors (the fallback)")
    ap.add_argument("--grid", default="0.50,0.55,0.58,0.60,0.62,0.64,0.66,0.70,0.74",
                    help="cosine thresholds to try, comma-separated")
    ap.add_argument("--only", choices=("lines", "proposals"),
                    help="vary one threshold (LINE_COSINE or PROPOSAL_COSINE), the other as set in merge")
    ap.add_argument("--vary", metavar="NAME",
                    help="vary this threshold of redline.store.merge alone (e.g. PROPOSAL_CONTEXT_COSINE)")
    ap.add_argument("--written", action="store_true",
                    help="score red-line bars on the hand-written corpus scripts/written_links.json (no extraction)")
    ap.add_argument("--wrong", action="store_true", help="with --written: list the pairs decided wrongly")
    a = ap.parse_args()
    if a.written:
        main_written(a)
        return
    root = Path(a.shared) / "eval" / "train"
    if not root.exists():
        sys.exit(f"{root} not found: give --shared")
    gold = {d["doc_id"]: d for d in map(json.loads, (root / "gold.jsonl").read_text(encoding="utf-8").splitlines())}
    labels = json.loads((HERE / "train_links.json").read_text(encoding="utf-8"))
    cid = {}
    for key in ("redline_clusters", "proposal_clusters"):
        for i, c in enumerate(labels[key]):
            for m in c["members"]:
                cid[(m["doc_id"], m["kind"], m["index"])] = f"{key}:{i}"
    base = replace(Settings.from_env(), embeddings=not a.lexical)
    docs = list(service.read([str(p) for p in sorted((root / "texts").glob("*.txt"))], base))
    extractions = list(extract_documents(docs, model=base.spacy_model))
    grid = [float(x) for x in a.grid.split(",")]
    print("threshold  red lines P/R/F1 (gold pairs)  proposals P/R/F1 (gold pairs)  reviewed negatives")
    if a.vary and not isinstance(getattr(merge, a.vary, None), float):
        sys.exit(f"redline.store.merge has no threshold {a.vary}")
    for t in grid:
        if a.vary:
            setattr(merge, a.vary, t)
        elif a.only != "proposals":
            merge.LINE_COSINE = t
        if not a.vary and a.only != "lines":
            merge.PROPOSAL_COSINE = t
        # the block keeps the candidates any proposal bar can match: it must follow a bar varied below it
        blocking.FLOOR = min(merge.PROPOSAL_COSINE, merge.PROPOSAL_AGREED_COSINE, merge.PROPOSAL_CONTEXT_COSINE)
        with tempfile.TemporaryDirectory() as tmp:
            settings = replace(base, db=str(Path(tmp) / "kb.db"))
            store = service.open_store(settings)
            try:
                service.store_extractions(extractions, store, service.IngestSummary())
            finally:
                store.close()
            r, p = score(settings.db, gold, cid, labels.get("proposal_negatives", []))
        print(f"{t:.2f}       {r['p']:.2f}/{r['r']:.2f}/{r['f1']:.2f} ({r['gold']})"
              f"         {p['p']:.2f}/{p['r']:.2f}/{p['f1']:.2f} ({p['gold']})"
              f"  reviewed negatives linked {p['negatives']:.0f}/{len(labels.get('proposal_negatives', []))}")
        if a.lexical:
            break


if __name__ == "__main__":
    main()
