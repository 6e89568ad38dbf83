"""NetworkX <-> RDF: every format round-trips, output is stable and parses elsewhere."""
import os
import subprocess
import sys

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import XSD, Literal, URIRef

import kg
from kg import rdf
from kg.vocab import KGO, SDO

from .conftest import EXAMPLE, ROOT

FORMATS = sorted(rdf.FORMATS)
SUFFIX = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "jsonld": ".jsonld", "graphml": ".graphml"}
OX = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
      "jsonld": ox.RdfFormat.JSON_LD}


def same_graph(G, H):
    """Isomorphic with equal node and edge data, and the same node keys (IRIs)."""
    return (nx.is_isomorphic(G, H, node_match=lambda a, b: a == b, edge_match=lambda a, b: a == b)
            and nx.utils.graphs_equal(G, H))


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_gives_the_same_networkx_graph(example_graph, tmp_path, fmt):
    path = tmp_path / f"g{SUFFIX[fmt]}"
    kg.write(example_graph, path)
    assert same_graph(example_graph, kg.load(path))


@pytest.mark.parametrize("fmt", sorted(OX))
def test_output_parses_in_pyoxigraph(example_graph, tmp_path, fmt):
    path = tmp_path / f"g{SUFFIX[fmt]}"
    kg.write(example_graph, path)
    store = ox.Store()
    store.bulk_load(path=str(path), format=OX[fmt])
    assert len(store) == len(kg.to_rdf(example_graph))


def test_round_trip_keeps_literal_evidence_and_edge_provenance(tmp_path):
    from kg.graph import merge_edge, merge_node
    G = nx.MultiDiGraph()
    art = "https://example.org/kg/article/abc"
    span = art + "#char=0,10"
    merge_node(G, art, type="NewsArticle", identifier=["x.txt"], datePublished="2024-03")
    merge_node(G, span, type="TextSpan", startOffset=0, endOffset=10, text="Jo Bloggs,")
    merge_edge(G, span, art, "isPartOf")
    merge_node(G, "https://example.org/kg/person/jo", type="Person", name="Jo Bloggs", age=41, jobTitle=["baker"],
               literalEvidence=[["age", 41, 0.9, [span], ["age.apposition"]], ["jobTitle", "baker", 0.75, [span], ["job.before-name"]]])
    merge_node(G, "https://example.org/kg/event/e1", type="Attack", startDate="2024-03-09")
    merge_edge(G, "https://example.org/kg/event/e1", "https://example.org/kg/person/jo", "target", 0.666, [span])
    for fmt in FORMATS:
        path = tmp_path / f"g{SUFFIX[fmt]}"
        kg.write(G, path)
        assert same_graph(G, kg.load(path)), fmt


@pytest.mark.parametrize("value, datatype", [("2017-03-22", XSD.date), ("2018-10", XSD.gYearMonth), ("2018", XSD.gYear)])
def test_dates_are_typed_as_precisely_as_given(value, datatype):
    G = nx.MultiDiGraph()
    G.add_node("https://example.org/kg/event/e", type="Die", startDate=value)
    g = kg.to_rdf(G)
    assert (URIRef("https://example.org/kg/event/e"), SDO.startDate, Literal(value, datatype=datatype)) in g
    assert set(g.objects(URIRef("https://example.org/kg/event/e"), None)) >= {KGO.Die, SDO.Event}


def test_unknown_format_is_a_clear_error(tmp_path):
    with pytest.raises(rdf.FormatError, match="cannot tell the format"):
        kg.write(nx.MultiDiGraph(), tmp_path / "g.xyz")
    with pytest.raises(rdf.FormatError, match="choose one of"):
        rdf.format_for("g.ttl", "rdfxml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_byte_identical_across_runs(tmp_path, fmt):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}{SUFFIX[fmt]}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(EXAMPLE), "-o", str(out), "-q"],
                       check=True, env=env, cwd=ROOT)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_atomic_write_keeps_the_old_file_when_serialising_fails(tmp_path, monkeypatch):
    path = tmp_path / "g.ttl"
    path.write_text("old", encoding="utf-8")

    def boom(*a, **k):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(rdf, "serialize", boom)
    with pytest.raises(RuntimeError):
        kg.write(nx.MultiDiGraph(), path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_merging_is_independent_of_the_order_of_articles():
    from kg.graph import merge_node
    a, b = nx.MultiDiGraph(), nx.MultiDiGraph()
    p = "https://example.org/kg/person/jane-roe"
    first = dict(type="Person", name="Jane Roe", age=52, jobTitle=["nurse"],
                 literalEvidence=[["age", 52, 0.9, ["https://example.org/kg/article/x#char=0,9"], ["age.apposition"]]])
    second = dict(type="Person", name="Jane Roe", age=53, alternateName=["Roe"], jobTitle=["matron"],
                  literalEvidence=[["age", 53, 0.9, ["https://example.org/kg/article/y#char=0,9"], ["age.apposition"]]])
    merge_node(a, p, **first)
    merge_node(a, p, **second)
    merge_node(b, p, **second)
    merge_node(b, p, **first)
    assert a.nodes[p] == b.nodes[p]
    assert a.nodes[p]["age"] == 53 and len(a.nodes[p]["literalEvidence"]) == 2


def test_the_vocabulary_needs_no_rdflib_and_matches_its_namespaces():
    from kg import vocab
    assert {prefix: str(ns) for prefix, ns in vocab.PREFIXES.items()} == vocab.NAMESPACES
    assert vocab.kgo("age") == str(KGO.age) and vocab.sdo("name") == str(SDO.name)
    assert vocab.type_of(set(vocab.classes_of("Attack"))) == vocab.type_of({SDO.Event, KGO.Attack}) == "Attack"
    with pytest.raises(AttributeError):
        vocab.kgo("atacker")  # a closed namespace
    with pytest.raises(AttributeError):
        KGO.atacker


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nt"])
def test_writing_turtle_trig_or_n_triples_does_not_import_rdflib(tmp_path, suffix):
    code = ("import sys; from kg.cli import main; "
            f"assert main(['build', {str(EXAMPLE)!r}, '-o', {str(tmp_path / ('g' + suffix))!r}, '-q']) == 0; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rdflib'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
