"""Test cases for the reader from an editor's decisions: each article a decision concerns, as gold.

An article's case is its text (``X.txt``) and gold facts (``X.gold.json``, the format of
``../shared/eval``) taken from the corrected graph. What the editor decided is required: the entities a
decision concerns (so a reading the editor rejected, if the reader makes it again, counts as a false
positive) and the facts an editor added; every other entity and fact of the article is optional, neither
rewarded nor held against the reader, as no one has checked it. A fact an editor added is required in
the article the decision names (``add-fact ... --article``): the reader missed it there. Events an editor marked as not having
happened are left out, as the gold leaves them out. ``kg eval --gold DIR`` scores the reader on them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from . import iris
from .corrections import Report, base_of
from .rdf import atomic_write
from .sources import read_inputs
from .vocab import ARTICLE, EVENT_CLASSES, LITERALS, ROLES

ENTITY = ("Person", "Organization", "Place")
LITERAL_FACTS = ("age", "jobTitle")
RELATION_FACTS = ("nationality", "spouse", "parent", "children", "sibling", "memberOf", "worksFor", "homeLocation",
                  "birthPlace", "deathPlace", "containedInPlace", "founder", "parentOrganization")
NOT_CLAIMS = ("Negated", "Planned", "Possible")


def concerned(G: nx.MultiDiGraph, report: Report) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(article -> the nodes in it that the decisions concern, article -> the add-fact decisions that say
    the article's text states the fact they add)."""
    found: dict[str, set[str]] = {}
    said: dict[str, set[str]] = {}
    base = base_of(G)
    by_id = {i: n for n, d in G.nodes(data=True) if d["type"] == ARTICLE for i in d.get("identifier", ())}
    for outcome in report.outcomes:
        if outcome.status not in ("applied", "in effect"):
            continue
        article = outcome.decision.fields.get("article")
        article = by_id.get(article, article)
        if outcome.decision.kind == "add-fact" and article in G:
            said.setdefault(article, set()).add(outcome.decision.iri(base))
            found.setdefault(article, set()).update(n for n in outcome.nodes if n in G)
        for node in outcome.nodes:
            if node not in G:
                continue
            nodes = {node} | ({v for _, v, k in G.out_edges(node, keys=True) if k in ROLES}
                              if G.nodes[node]["type"] in EVENT_CLASSES else set())
            for article in (u for u, _, k in G.in_edges(node, keys=True) if k == "mentions"):
                found.setdefault(article, set()).update(nodes)
        rejected = G.nodes[outcome.decision.iri(base)].get("rejects", ()) if outcome.decision.iri(base) in G else ()
        for subject, key, value, _, spans, _ in rejected:  # what was taken back: who it was said of
            for span in spans:
                article = span.split("#", 1)[0]
                found.setdefault(article, set()).update(n for n in (subject, value) if isinstance(n, str) and n in G)
    return found, said


def case(G: nx.MultiDiGraph, article: str, required: set[str], said: set[str], text_name: str) -> dict:
    """The gold of one article: its entities and facts in the corrected graph; those ``said`` (the
    add-fact decisions for this article) made are required."""
    ids: dict[str, str] = {}
    entities, facts = [], []
    mentioned = sorted(v for _, v, k in G.out_edges(article, keys=True) if k == "mentions")
    events = [n for n in mentioned if G.nodes[n]["type"] in EVENT_CLASSES
              and G.nodes[n].get("factuality") not in NOT_CLAIMS]
    for n in mentioned:
        d = G.nodes[n]
        if d["type"] in ENTITY:
            ids[n] = re.sub(r"[^a-z0-9]+", "_", n.rsplit("/", 1)[-1].lower()).strip("_") or iris.digest(n, 8)
            entities.append({"id": ids[n], "type": d["type"], "names": [d["name"], *d.get("alternateName", ())],
                             **({} if n in required else {"optional": True})})

    def here(evidence) -> bool:
        return any(e.split("#", 1)[0] == article for e in evidence)

    def vouched(evidence) -> bool:
        return bool(said & set(evidence))
    for n in ids:
        for attr, value, _, spans, _ in G.nodes[n].get("literalEvidence", ()):
            if attr in LITERAL_FACTS and (here(spans) or vouched(spans)) and value in _values(G.nodes[n], attr):
                facts.append(_fact(ids[n], attr, value, vouched(spans)))
        for _, v, k, data in G.out_edges(n, keys=True, data=True):
            evidence = data.get("evidence", ())
            if k in RELATION_FACTS and v in ids and (here(evidence) or vouched(evidence)):
                facts.append(_fact(ids[n], k, ids[v], vouched(evidence)))
    for e in events:
        d = G.nodes[e]
        for _, v, k, data in G.out_edges(e, keys=True, data=True):
            evidence = data.get("evidence", ())
            if (k in ROLES or k == "location") and v in ids and (here(evidence) or vouched(evidence)):
                facts.append(_fact(f"@{d['type']}", "location" if k == "location" else k, ids[v], vouched(evidence)))
        if d.get("startDate"):
            facts.append(_fact(f"@{d['type']}", "date", d["startDate"], False))
    return {"text": text_name, "entities": entities, "facts": sorted(facts, key=json.dumps)}


def _values(data: dict, attr: str) -> list:
    value = data.get(attr)
    return value if LITERALS[attr].many else [value]


def _fact(s: str, p: str, o, required: bool) -> dict:
    return {"s": s, "p": p, "o": o, **({} if required else {"optional": True})}


def write_cases(G: nx.MultiDiGraph, report: Report, inputs, folder: Path) -> int:
    """Write a case for each article of ``inputs`` that a decision concerns; returns how many."""
    base = base_of(G)
    wanted, said = concerned(G, report)
    written = 0
    for document in read_inputs(inputs):
        article = iris.article_iri(base, document.text)
        if article not in wanted or article not in G or G.nodes[article]["type"] != ARTICLE:
            continue
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(document.id or article.rsplit("/", 1)[-1]).stem)
        atomic_write(folder / f"{stem}.txt", document.text.encode("utf-8"))
        gold = case(G, article, wanted[article], said.get(article, set()), f"{stem}.txt")
        atomic_write(folder / f"{stem}.gold.json", (json.dumps(gold, indent=1, ensure_ascii=False) + "\n").encode())
        written += 1
    return written
