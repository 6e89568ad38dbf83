"""200 articles of the BBC corpus (../shared/corpora, skipped when absent) and 50 decisions: the corrected
graph equals the graph as read corrected by hand (plain NetworkX edits), and applying again changes nothing."""
import copy
import json

import networkx as nx
import pytest

from kg import iris, rdf
from kg.corrections import apply, decision_of

from .conftest import SHARED

CORPUS = SHARED / "corpora" / "bbc-news-2005.jsonl"
ORG_ONLY = {"founder", "parentOrganization", "subOrganization"}
PERSON_ONLY = {"nationality", "spouse", "parent", "children", "sibling", "memberOf", "worksFor", "homeLocation",
               "birthPlace", "deathPlace"}


@pytest.fixture(scope="module")
def read():
    """The graph as read from the first 200 articles (built once: about half a minute)."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpora is not here")
    import kg
    from kg.records import Document
    with CORPUS.open(encoding="utf-8") as f:
        docs = [Document(text=o["text"], id=o["id"], title=o.get("title"))
                for o in map(json.loads, (next(f) for _ in range(200)))]
    return kg.build(docs)


def decide(kind, **fields):
    return decision_of({"kind": kind, **fields, "who": "Ann Editor", "when": "2024-05-02", "why": "test"})


def entities(G, cls):
    return sorted(n for n, d in G.nodes(data=True) if d["type"] == cls)


def fifty(G):
    """50 decisions on nodes no other decision touches: (decisions, what each means, for the hand edits)."""
    used, decisions, plan = set(), [], []

    def free(*nodes):
        return not used & set(nodes) and all(n in G for n in nodes)

    def take(decision, meaning, *nodes):
        used.update(nodes)
        decisions.append(decision)
        plan.append(meaning)
    # 10 one-word "people" that are organisations: with no fact only people have
    for n in entities(G, "Person"):
        d = G.nodes[n]
        target = iris.entity_iri(iris.DEFAULT_BASE, "Organization", d["name"], "")
        if (len(d["name"].split()) == 1 and free(n) and target not in G and target not in used
                and not {"age", "jobTitle", "honorificPrefix", "honorificSuffix"} & set(d)
                and not {k for *_, k in G.out_edges(n, keys=True)} & PERSON_ONLY
                and not {k for *_, k in G.in_edges(n, keys=True)} - {"mentions"} - {"agent", "entity", "org"}):
            take(decide("retype", node=n, **{"class": "Organization"}), ("retype", n, target), n, target)
        if len(decisions) == 10:
            break
    # 10 surnames in an article that are the person named in full in it
    for n in entities(G, "Person"):
        name = G.nodes[n]["name"]
        if len(name.split()) != 1 or not free(n):
            continue
        article = n.rsplit("--", 1)[-1]
        full = [m for m in entities(G, "Person") if m != n and G.nodes[m]["name"].split()[-1] == name and free(m)
                and any(u.rsplit("/", 1)[-1].startswith(article) for u, _, k in G.in_edges(m, keys=True) if k == "mentions")
                and not G.has_edge(n, m) and not G.has_edge(m, n)]
        if len(full) == 1:
            take(decide("same-as", nodes=[full[0], n]), ("merge", full[0], n), n, full[0])
        if len(decisions) == 20:
            break
    events = [e for e in sorted(G) if G.nodes[e]["type"] not in ("Person", "Organization", "Place", "NewsArticle",
                                                                  "TextSpan")]
    for e in [e for e in events if free(e)][:5]:
        take(decide("delete", node=e), ("delete", e), e)
    for e in [e for e in events if free(e)][:5]:
        take(decide("factuality", node=e, factuality="Negated"), ("factuality", e), e)
    facts = sorted((u, v, k) for u, v, k in G.edges(keys=True) if k not in ("mentions", "isPartOf"))
    for u, v, k in facts:
        if free(u, v):
            take(decide("delete-fact", node=u, property=k, value=v), ("delete-fact", u, k, v), u, v)
        if len(decisions) == 40:
            break
    for n in [n for n in entities(G, "Person") if free(n)][:5]:
        take(decide("add-fact", node=n, property="jobTitle", value="columnist"), ("add-fact", n), n)
    for n in [n for n in entities(G, "Organization") if free(n)][:5]:
        take(decide("alias", node=n, name=G.nodes[n]["name"] + " plc"), ("alias", n), n)
    assert len(decisions) == 50
    return decisions, plan


def by_hand(G, plan):
    """The decisions done by hand with NetworkX."""
    for step in plan:
        kind, n = step[0], step[1]
        if kind == "retype":
            G.nodes[n]["type"] = "Organization"
            nx.relabel_nodes(G, {n: step[2]}, copy=False)
        elif kind == "merge":
            keep, gone = n, step[2]
            mine, theirs = G.nodes[keep], dict(G.nodes[gone])
            for u, v, k in list(G.out_edges(gone, keys=True)) + list(G.in_edges(gone, keys=True)):
                u, v = (keep if u == gone else u), (keep if v == gone else v)
                if u != v:
                    G.add_edge(u, v, key=k)
            G.remove_node(gone)
            for attr in ("alternateName", "jobTitle"):
                values = set(mine.get(attr, ())) | set(theirs.get(attr, ()))
                values |= {theirs["name"]} if attr == "alternateName" else set()
                if values:
                    mine[attr] = sorted(values)
            if "age" in theirs and "age" not in mine:
                mine["age"] = theirs["age"]
        elif kind == "delete":
            G.remove_node(n)
        elif kind == "factuality":
            G.nodes[n]["factuality"] = "Negated"
        elif kind == "delete-fact":
            G.remove_edge(n, step[3], step[2])
        elif kind == "add-fact":
            G.nodes[n]["jobTitle"] = sorted(set(G.nodes[n].get("jobTitle", ())) | {"columnist"})
        elif kind == "alias":
            G.nodes[n]["alternateName"] = sorted(set(G.nodes[n].get("alternateName", ())) | {G.nodes[n]["name"] + " plc"})
    return G


def what(G):
    """What a graph says, without provenance: nodes with class, names and facts; relations."""
    keep = ("type", "name", "alternateName", "age", "jobTitle", "startDate", "factuality")
    nodes = {n: tuple((k, json.dumps(d[k])) for k in keep if k in d)
             for n, d in G.nodes(data=True) if d["type"] not in ("TextSpan", "Correction")}
    return nodes, {(u, v, k) for u, v, k in G.edges(keys=True) if k != "isPartOf"}


@pytest.mark.shared
def test_fifty_decisions_on_two_hundred_articles_equal_correcting_by_hand(read):
    decisions, plan = fifty(read)
    corrected = copy.deepcopy(read)
    report = apply(corrected, decisions, link=False)
    assert [o.status for o in report.outcomes] == ["applied"] * 50, report.lines()
    expected = by_hand(copy.deepcopy(read), plan)
    got_nodes, got_edges = what(corrected)
    want_nodes, want_edges = what(expected)
    assert got_edges == want_edges
    assert got_nodes == want_nodes
    # every change says which decision made it; applying again changes nothing
    corrections = {n for n, d in corrected.nodes(data=True) if d["type"] == "Correction"}
    assert len(corrections) == 50
    again = copy.deepcopy(corrected)
    assert {o.status for o in apply(again, decisions, link=False).outcomes} == {"in effect"}
    assert nx.utils.graphs_equal(again, corrected)
    assert nx.utils.graphs_equal(rdf.from_rdf(rdf.to_rdf(corrected)), corrected)
