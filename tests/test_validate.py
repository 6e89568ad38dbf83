"""SHACL validation: what kg build writes conforms; what breaks the contract does not."""
import pytest
from rdflib import RDF, Graph, Literal, URIRef

import kg
from kg.cli import main
from kg.validate import validate
from kg.vocab import KGO, SDO

P = URIRef("https://example.org/kg/person/jo-bloggs")
E = URIRef("https://example.org/kg/event/e1")


def person_graph():
    g = Graph()
    g.add((P, RDF.type, SDO.Person))
    g.add((P, SDO.name, Literal("Jo Bloggs")))
    return g


def test_built_graph_conforms(example_graph):
    conforms, report = validate(kg.to_rdf(example_graph))
    assert conforms, report


def test_a_venue_with_staff_is_a_body_and_the_graph_conforms(tmp_path):
    # "Kelby Opera" ends in a venue word (a place); its chief conductor makes it a body he is a member of
    (tmp_path / "a.txt").write_text("Tom Reed, the chief conductor of the Kelby Opera, died on Monday. "
                                    "Ann Hale, director of the Hale Arts Centre, said he was loved.", encoding="utf-8")
    G = kg.build([tmp_path / "a.txt"])
    members = {(G.nodes[s]["name"], G.nodes[o]["name"], G.nodes[o]["type"])
               for s, o, k in G.edges(keys=True) if k == "memberOf"}
    assert ("Tom Reed", "Kelby Opera", "Organization") in members
    conforms, report = validate(kg.to_rdf(G))
    assert conforms, report


def test_facts_keep_to_the_classes_of_their_property():
    from kg.read.inference import fits_contract
    from kg.records import Fact, Span
    types = {"e0": "Person", "e1": "Place", "e2": "Organization"}

    def fact(s, p, o, literal=False):
        return Fact(s, p, o, literal, 0.6, Span(0, 1), "test")
    assert fits_contract(fact("e0", "memberOf", "e2"), types)
    assert not fits_contract(fact("e0", "memberOf", "e1"), types)  # a person is no member of a place
    assert not fits_contract(fact("e1", "jobTitle", "mayor", True), types)
    assert fits_contract(fact("v0", "location", "e1"), types)  # an event's place: checked where it is made


def test_minimal_person_conforms():
    assert validate(person_graph())[0]


@pytest.mark.parametrize("breakage, words", [
    (lambda g: g.add((P, RDF.type, SDO.Place)), "Not"),
    (lambda g: g.remove((P, SDO.name, None)), "name"),
    (lambda g: g.add((P, SDO.name, Literal("Joanne Bloggs"))), "name"),
    (lambda g: g.add((P, KGO.age, Literal("forty"))), "age"),
    (lambda g: g.add((P, KGO.age, Literal(-3))), "age"),
    (lambda g: (g.add((E, RDF.type, SDO.Event)), g.add((E, RDF.type, KGO.Die)),
                g.add((E, KGO.attacker, P))), "attacker"),
    (lambda g: (g.add((E, RDF.type, SDO.Event)), g.add((E, RDF.type, KGO.Die)),
                g.add((E, SDO.startDate, Literal("last week")))), "startDate"),
    (lambda g: (g.add((E, RDF.type, SDO.Event))), "type"),
])
def test_broken_graphs_do_not_conform(breakage, words):
    g = person_graph()
    breakage(g)
    conforms, report = validate(g)
    assert not conforms
    assert words in report


def test_validate_command_exit_codes(tmp_path, capsys):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    person_graph().serialize(good, format="turtle")
    g = person_graph()
    g.add((P, RDF.type, SDO.Organization))
    g.serialize(bad, format="turtle")
    assert main(["validate", str(good)]) == 0
    assert "conforms" in capsys.readouterr().out
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "does not conform" in out and "jo-bloggs" in out


def test_validate_unreadable_file_is_an_error(tmp_path, capsys):
    f = tmp_path / "broken.ttl"
    f.write_text("<a> <b> .", encoding="utf-8")
    assert main(["validate", str(f)]) == 1
    assert "broken.ttl" in capsys.readouterr().err


def sparql_violations(g):
    """(focus node, component) pairs found by the shapes compiled to SPARQL, on the graph in Oxigraph."""
    import pyoxigraph as ox

    from kg.sparql import OxigraphEngine
    from kg.validate import violations
    store = ox.Store()
    store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return {(v.focus, v.component) for v in violations(OxigraphEngine(store))}


def pyshacl_violations(g):
    from pyshacl import validate as shacl_validate
    from rdflib import SH
    _, report, _ = shacl_validate(g, shacl_graph=kg.validate.shapes(), inference="none", advanced=True)
    return {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceConstraintComponent)).split("#")[1])
            for r in report.subjects(SH.resultSeverity, None)}


BREAKAGES = [
    lambda g: g.add((P, RDF.type, SDO.Place)),
    lambda g: g.remove((P, SDO.name, None)),
    lambda g: g.add((P, SDO.name, Literal("Joanne Bloggs"))),
    lambda g: g.add((P, KGO.age, Literal("forty"))),
    lambda g: g.add((P, KGO.age, Literal(-3))),
    lambda g: g.add((P, KGO.age, Literal(200))),
    lambda g: (g.add((E, RDF.type, SDO.Event)), g.add((E, RDF.type, KGO.Die)), g.add((E, KGO.attacker, P))),
    lambda g: (g.add((E, RDF.type, SDO.Event)), g.add((E, RDF.type, KGO.Die)),
               g.add((E, SDO.startDate, Literal("last week")))),
    lambda g: g.add((E, RDF.type, SDO.Event)),
    lambda g: (g.add((E, RDF.type, SDO.Event)), g.add((E, RDF.type, KGO.Die)), g.add((E, RDF.type, KGO.Attack))),
    lambda g: g.add((P, URIRef("http://www.w3.org/2002/07/owl#sameAs"), URIRef("https://example.org/not-geonames"))),
    lambda g: (g.add((URIRef("https://example.org/kg/article/a#char=9,3"), RDF.type, KGO.TextSpan)),
               g.add((URIRef("https://example.org/kg/article/a#char=9,3"), KGO.startOffset, Literal(9))),
               g.add((URIRef("https://example.org/kg/article/a#char=9,3"), KGO.endOffset, Literal(3)))),
    lambda g: g.add((P, SDO.memberOf, E)),
]


@pytest.mark.parametrize("breakage", range(len(BREAKAGES)))
def test_shapes_as_sparql_find_what_pyshacl_finds(breakage):
    g = person_graph()
    BREAKAGES[breakage](g)
    found = sparql_violations(g)
    assert found, "every breakage breaks a shape"
    assert found == pyshacl_violations(g)


def test_shapes_as_sparql_accept_a_built_graph(example_graph):
    assert sparql_violations(kg.to_rdf(example_graph)) == set()


def test_every_shape_is_compiled_and_an_unknown_constraint_is_refused():
    from rdflib import SH, BNode

    from kg.validate import ShapeError, checks, compile_shapes, shapes
    assert {c.shape for c in checks()} == {s.n3(shapes().namespace_manager) for s in shapes().subjects(RDF.type, SH.NodeShape)}
    g = Graph()
    shape, prop = URIRef("https://example.org/shapes#S"), BNode()
    g.add((shape, RDF.type, SH.NodeShape))
    g.add((shape, SH.targetClass, SDO.Person))
    g.add((shape, SH.property, prop))
    g.add((prop, SH.path, SDO.name))
    g.add((prop, SH.uniqueLang, Literal(True)))
    with pytest.raises(ShapeError, match="uniqueLang"):
        compile_shapes(g)
