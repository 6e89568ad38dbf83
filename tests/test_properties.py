"""Property-based tests: whatever the text, the build does not crash and its output is sound.

The texts mix news-shaped sentences with names full of what breaks serialisers and pages
(quotes, backslashes, angle brackets, Turtle and SPARQL syntax, right-to-left and zero-width
characters, newlines, very long names) and arbitrary Unicode. ``KG_EXAMPLES=500 pytest tests/test_properties.py`` runs more examples.
"""
import os
import re

import networkx as nx
import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

import kg
from kg import rdf
from kg.validate import validate

HOSTILE = ["O'Neil", "Zoë", "Ab\u200bcd", "\u202eLive", 'Q"uote', "Back\\slash", "X>Y", "<script>alert(1)</script>",
           "@prefix x: <y> .", "} ; DROP ALL ; {", "New\nline", "\ttab", "A" * 300, "Ñandú", "Σωκράτης", "李雷",
           "?name", "$x", "#comment", "<https://evil.example/>", "\\u0022"]
WORDS = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(codec="utf-8"), min_size=1, max_size=12))
TITLES = st.sampled_from(["Mr", "Mrs", "Pc", "Det Insp", "Dr", "", "Lord"])


@st.composite
def articles(draw):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        first, last, org, place = (draw(WORDS) for _ in range(4))
        template = draw(st.sampled_from([
            "{t} {f} {l}, {a}, was arrested by {o} Police in {p}.",
            "{f} {l}, chairman of {o} Bank, resigned on Monday.",
            "{o} Council said {t} {l} had died in {p} at {a}.",
            "His widow {f} said {t} {l} was stabbed by {l}son in {p}.",
            "{f}",
        ]))
        parts.append(template.format(t=draw(TITLES), f=first, l=last, o=org, p=place, a=draw(st.integers(0, 130))))
    if draw(st.booleans()):
        parts.append(draw(st.text(max_size=80)))
    return draw(st.sampled_from(["", "Headline {}\n\n"])).format(draw(WORDS)) + " ".join(parts)


IRI = re.compile(r"^https://example\.org/kg/[a-z0-9/#=,.-]+$")


@settings(max_examples=int(os.environ.get("KG_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles(), date=st.one_of(st.none(), st.sampled_from(["2004-12-16", "2005", "1999-02"])))
def test_any_text_gives_a_sound_graph(tmp_path_factory, text, date):
    G = kg.build([kg.Document(text=text, date=date)])
    folder = tmp_path_factory.mktemp("prop")
    ttl = folder / "g.ttl"
    kg.write(G, ttl)
    # two independent parsers read the same triples
    g = Graph().parse(ttl)
    store = ox.Store()
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(g)
    # every IRI stays inside its term, whatever the names were
    for node in G.nodes:
        assert IRI.match(node), node
    # the shapes hold and the graph round-trips
    conforms, report = validate(g)
    assert conforms, report
    for suffix in (".ttl", ".graphml", ".jsonld"):
        path = folder / f"r{suffix}"
        kg.write(G, path)
        assert nx.utils.graphs_equal(G, rdf.load(path))
