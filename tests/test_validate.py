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
