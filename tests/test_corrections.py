"""An editor's decisions (kg.corrections) on a graph made by hand: every kind, what each says in RDF,
conflicts, decisions that match nothing, idempotence, and the corrections file."""
import networkx as nx
import pytest

from kg import rdf
from kg.graph import merge_edge
from kg.corrections import CorrectionsError, Decision, append, apply, decision_of, load, parse_ref

from .corrections_graph import (ARREST, BASE, HOWARD, JANE, LABOUR_1, LABOUR_2, LEEDS, ONE, PARTY, SANDRA, TWO,
                                made_by_hand, span)


def decide(kind, **fields) -> Decision:
    return decision_of({"kind": kind, **fields, "who": "Ann Editor", "when": "2024-05-02T10:00:00Z",
                        "why": f"{kind} because the article says so"})


def applied(*decisions):
    G = made_by_hand()
    report = apply(G, list(decisions), BASE, link=False)
    return G, report


def rejected(G):
    """(subject, key, value) of every statement an editor took back."""
    return {(s, k, v) for _, d in G.nodes(data=True) for s, k, v, *_ in d.get("rejects", ())}


def by_correction(G, node):
    """The attributes of ``node`` that a correction said (evidence rows with the rule 'correction')."""
    return {(a, v) for a, v, _, _, rules in G.nodes[node].get("literalEvidence", ()) if "correction" in rules}


def test_retype_moves_every_node_of_that_name_and_class_to_the_iri_its_class_gives():
    G, report = applied(decide("retype", node="Person:Labour", **{"class": "Organization"}))
    assert report.outcomes[0].status == "applied"
    assert LABOUR_1 not in G and LABOUR_2 not in G
    assert G.nodes[PARTY]["type"] == "Organization" and set(G.nodes[PARTY]["replaces"]) == {LABOUR_1, LABOUR_2}
    # the node it joined keeps its fuller name; the arrest and the mentions now point to it
    assert G.nodes[PARTY]["name"] == "Labour Party"
    assert G.has_edge(ARREST, PARTY, "person") and G.has_edge(ONE, PARTY, "mentions") and G.has_edge(TWO, PARTY, "mentions")
    # an organisation has no spouse: that reading is taken back, with its rule and sentence
    assert (LABOUR_2, "spouse", JANE) in rejected(G) and (LABOUR_1, "type", "Person") in rejected(G)
    assert not G.has_edge(PARTY, JANE, "spouse")
    assert ("type", "Organization") in by_correction(G, PARTY)
    moved = G.edges[ARREST, PARTY, "person"]
    assert "correction" in moved["rules"] and "role.subject" in moved["rules"]


def test_merge_unites_names_facts_and_edges_in_the_fullest_named_node():
    G, report = applied(decide("same-as", nodes=["Sandra Howard", "Mrs Howard"]))
    assert HOWARD not in G and G.nodes[SANDRA]["replaces"] == [HOWARD]
    assert {"Howard", "Mrs Howard"} <= set(G.nodes[SANDRA]["alternateName"])
    assert G.nodes[SANDRA]["honorificPrefix"] == ["Mrs"]
    # "Howard spouse Sandra Howard" would make her her own spouse: taken back
    assert (HOWARD, "spouse", SANDRA) in rejected(G) and not G.has_edge(SANDRA, SANDRA, "spouse")
    assert set(G.edges[ONE, SANDRA, "mentions"]["evidence"]) >= {f"{ONE}#char=0,13", f"{ONE}#char=23,33"}


def test_a_merge_of_a_person_with_a_place_is_refused_and_changes_nothing():
    G, report = applied(decide("same-as", nodes=["Jane Roe", "Leeds"]))
    assert report.outcomes[0].status == "invalid" and "Person with a Place" in report.outcomes[0].message
    assert nx.utils.graphs_equal(G, made_by_hand())


def test_split_by_name_makes_a_node_of_the_mentions_of_that_name():
    G = made_by_hand()
    # the reader took the club for another name of Jane Roe
    merge_edge(G, TWO, JANE, "mentions", 0.9, [span(G, TWO, "Leeds United")], ["mention.name"])
    G.nodes[JANE]["alternateName"] = ["Leeds United"]
    report = apply(G, [decide("not-same-as", node=JANE, names=["Leeds United"]),
                       decide("retype", node="Person:Leeds United", **{"class": "Organization"})], BASE, link=False)
    assert [o.status for o in report.outcomes] == ["applied", "applied"]
    club = BASE + "organization/leeds-united"
    assert G.nodes[club]["name"] == "Leeds United" and G.has_edge(TWO, club, "mentions")
    assert "alternateName" not in G.nodes[JANE]
    assert f"{TWO}#char=65,77" not in G.edges[TWO, JANE, "mentions"]["evidence"]
    # read from a sentence that names both: it stays with Jane Roe
    assert G.has_edge(JANE, LEEDS, "homeLocation") and not G.has_edge(club, LEEDS, "homeLocation")
    report = apply(made_by_hand(), [decide("not-same-as", node="Jane Roe", names=["Jane Roe"])], BASE, link=False)
    assert report.outcomes[0].status == "invalid" and "nothing would be left" in report.outcomes[0].message


def test_split_by_article_moves_what_that_article_said():
    G = made_by_hand()
    # Jane Roe of the second article is also read from the first: two namesakes taken for one
    merge_edge(G, ONE, JANE, "mentions", 0.9, [f"{ONE}#char=0,13"], ["mention.name"])
    G.nodes[JANE]["age"] = 62
    G.nodes[JANE]["literalEvidence"].append(["age", 62, 0.9, [f"{ONE}#char=0,52"], ["age.apposition"]])
    report = apply(G, [decide("not-same-as", node=JANE, articles=["one.txt"])], BASE, link=False)
    assert report.outcomes[0].status == "applied"
    (part,) = report.outcomes[0].nodes - {JANE}
    assert part.startswith(JANE + "--") and G.nodes[part]["name"] == "Jane Roe"
    assert G.has_edge(ONE, part, "mentions") and not G.has_edge(ONE, JANE, "mentions")
    assert G.nodes[part]["age"] == 62 and "age" not in G.nodes[JANE]  # the age was read in the first article
    assert G.nodes[JANE]["jobTitle"] == ["surgeon"] and G.has_edge(TWO, JANE, "mentions")


def test_merge_after_a_split_of_the_same_nodes_is_a_conflict():
    G = made_by_hand()
    merge_edge(G, ONE, JANE, "mentions", 0.9, [f"{ONE}#char=0,13"], ["mention.name"])
    split = decide("not-same-as", node=JANE, articles=["one.txt"])
    report = apply(G, [split], BASE, link=False)
    (part,) = report.outcomes[0].nodes - {JANE}
    report = apply(G, [split, decide("same-as", nodes=[JANE, part])], BASE, link=False)
    assert [o.status for o in report.outcomes] == ["in effect", "conflict"]
    assert report.outcomes[1].message.startswith("conflicts with an earlier decision (Ann Editor")


def test_rename_keeps_the_old_name_as_another_and_moves_to_the_iri_of_the_new():
    G, report = applied(decide("rename", node=JANE, name="Jane Anne Roe"))
    new = BASE + "person/jane-anne-roe"
    assert JANE not in G and G.nodes[new]["name"] == "Jane Anne Roe" and "Jane Roe" in G.nodes[new]["alternateName"]
    assert G.nodes[new]["replaces"] == [JANE] and ("name", "Jane Anne Roe") in by_correction(G, new)
    # a later decision that names the node by its old IRI still finds it
    G2, report2 = applied(decide("rename", node=JANE, name="Jane Anne Roe"),
                          decide("add-fact", node=JANE, property="age", value="40"))
    assert report2.outcomes[1].status == "applied" and G2.nodes[new]["age"] == 40


def test_alias_added_and_removed():
    G, report = applied(decide("alias", node="Sandra Howard", name="Sandy"),
                        decide("alias", node="Mrs Howard", name="Mrs Howard", remove=True))
    assert "Sandy" in G.nodes[SANDRA]["alternateName"] and "alternateName" not in G.nodes[HOWARD]
    assert (HOWARD, "alternateName", "Mrs Howard") in rejected(G)
    G, report = applied(decide("alias", node="Howard", name="Howard", remove=True))
    assert report.outcomes[0].status == "invalid" and "rename it instead" in report.outcomes[0].message


def test_delete_takes_the_node_and_its_facts_back_but_keeps_them_queryable_as_rejected():
    G, report = applied(decide("delete", node=ARREST))
    assert ARREST not in G
    assert {(ARREST, "type", "ArrestJail"), (ARREST, "person", LABOUR_1), (ONE, "mentions", ARREST)} <= rejected(G)
    correction = decide("delete", node=ARREST).iri(BASE)
    rdf_graph = rdf.to_rdf(G, BASE)
    rows = rdf_graph.query("""SELECT ?p ?rule WHERE { ?st prov:wasInvalidatedBy ?c ;
                               rdf:predicate ?p ; kgo:rule ?rule . ?c kgo:editor "Ann Editor" }""",
                           initNs={"kgo": "https://w3id.org/kg-builder/ontology#", "prov": "http://www.w3.org/ns/prov#"})
    assert {(str(p).replace("#", "/").rsplit("/", 1)[-1], str(r)) for p, r in rows} >= {("person", "role.subject"),
                                                                      ("mentions", "event.verb:jail")}
    assert G.nodes[correction]["decision"] == "delete"
    # a later decision about the deleted node is a conflict, not a node that is merely gone
    G, report = applied(decide("delete", node=ARREST), decide("factuality", node=ARREST, factuality="Negated"))
    assert report.outcomes[1].status == "conflict" and "deleted" in report.outcomes[1].message


def test_delete_fact_and_add_fact():
    G, report = applied(decide("delete-fact", node=JANE, property="homeLocation", value="Place:Leeds"),
                        decide("delete-fact", node="Sandra Howard", property="age", value="62"),
                        decide("add-fact", node="Sandra Howard", property="jobTitle", value="author",
                               source="https://news.example/sandra"),
                        decide("add-fact", node="Jane Roe", property="memberOf", value="Labour Party"))
    assert [o.status for o in report.outcomes] == ["applied"] * 4
    assert not G.has_edge(JANE, LEEDS, "homeLocation") and (JANE, "homeLocation", LEEDS) in rejected(G)
    assert "age" not in G.nodes[SANDRA] and (SANDRA, "age", 62) in rejected(G)
    assert G.nodes[SANDRA]["jobTitle"] == ["author"] and ("jobTitle", "author") in by_correction(G, SANDRA)
    edge = G.edges[JANE, PARTY, "memberOf"]
    assert edge["rules"] == ["correction"] and edge["confidence"] == 1.0
    assert G.nodes[decide("add-fact", node="Sandra Howard", property="jobTitle", value="author",
                          source="https://news.example/sandra").iri(BASE)]["source"] == "https://news.example/sandra"


@pytest.mark.parametrize("fields, problem", [
    ({"node": "Jane Roe", "property": "founder", "value": "Sandra Howard"}, "said of an Organization"),
    ({"node": "Jane Roe", "property": "spouse", "value": "Leeds"}, "must be a Person"),
    ({"node": "Jane Roe", "property": "age", "value": "forty"}, "whole number"),
    ({"node": ARREST, "property": "attacker", "value": "Jane Roe"}, "not a role of a ArrestJail"),
])
def test_a_fact_that_cannot_be_is_refused(fields, problem):
    G, report = applied(decide("add-fact", **fields))
    assert report.outcomes[0].status == "invalid" and problem in report.outcomes[0].message


def test_factuality_of_an_event():
    G, report = applied(decide("factuality", node=ARREST, factuality="Negated"))
    assert G.nodes[ARREST]["factuality"] == "Negated" and ("factuality", "Negated") in by_correction(G, ARREST)
    G, report = applied(decide("factuality", node="Jane Roe", factuality="Negated"))
    assert report.outcomes[0].status == "invalid"


@pytest.mark.parametrize("first, second", [
    (decide("add-fact", node="Jane Roe", property="age", value="40"),
     decide("delete-fact", node="Jane Roe", property="age", value="40")),
    (decide("retype", node="Leeds", **{"class": "Organization"}), decide("retype", node="Leeds", **{"class": "Person"})),
    (decide("alias", node="Jane Roe", name="JR"), decide("alias", node="Jane Roe", name="JR", remove=True)),
    (decide("factuality", node=ARREST, factuality="Negated"), decide("factuality", node=ARREST, factuality="Planned")),
])
def test_a_decision_that_contradicts_an_earlier_one_is_a_conflict_and_is_not_applied(first, second):
    G, report = applied(first, second)
    assert [o.status for o in report.outcomes] == ["applied", "conflict"]
    assert report.outcomes[1].message.startswith("conflicts with an earlier decision")
    alone, _ = applied(first)
    assert nx.utils.graphs_equal(G, alone)


def test_a_decision_that_matches_nothing_is_reported():
    G, report = applied(decide("retype", node="Person:Nobody", **{"class": "Place"}),
                        decide("same-as", nodes=[BASE + "person/gone", "Jane Roe"]))
    assert [o.status for o in report.outcomes] == ["no match", "no match"]
    assert all("no node is" in line for line in report.lines())


EVERY_KIND = [
    decide("retype", node="Person:Labour", **{"class": "Organization"}),
    decide("same-as", nodes=["Sandra Howard", "Mrs Howard"]),
    decide("rename", node="Leeds", name="Leeds, West Yorkshire"),
    decide("alias", node="Jane Roe", name="Dr Roe"),
    decide("delete-fact", node="Jane Roe", property="homeLocation", value="Leeds, West Yorkshire"),
    decide("add-fact", node="Sandra Howard", property="jobTitle", value="author"),
    decide("factuality", node=ARREST, factuality="Negated"),
    decide("delete", node="Jane Roe"),
]


def test_applying_the_decisions_twice_changes_nothing():
    G, report = applied(*EVERY_KIND)
    assert [o.status for o in report.outcomes] == ["applied"] * len(EVERY_KIND)
    again = G.copy()
    report = apply(again, EVERY_KIND, BASE, link=False)
    assert {o.status for o in report.outcomes} == {"in effect"} and not report.lines()
    assert nx.utils.graphs_equal(G, again)
    assert rdf.serialize(G, "nt", BASE) == rdf.serialize(again, "nt", BASE)


@pytest.mark.parametrize("fmt", sorted(rdf.FORMATS))
def test_a_corrected_graph_round_trips_through_every_format(tmp_path, fmt):
    G, _ = applied(*EVERY_KIND)
    path = tmp_path / f"g.{rdf.FORMATS[fmt][0][0].lstrip('.')}"
    rdf.write(G, path, fmt, BASE)
    assert nx.utils.graphs_equal(rdf.load(path), G)


def test_a_corrected_graph_conforms_and_sparql_separates_editors_from_the_reader():
    from kg.validate import validate
    G, _ = applied(*EVERY_KIND)
    g = rdf.to_rdf(G, BASE)
    conforms, report = validate(g)
    assert conforms, report
    ns = {"kgo": "https://w3id.org/kg-builder/ontology#", "prov": "http://www.w3.org/ns/prov#",
          "schema": "https://schema.org/"}
    editors = {str(o) for (o,) in g.query("""SELECT ?o WHERE { ?st rdf:subject ?s ; rdf:predicate schema:jobTitle ;
        rdf:object ?o ; kgo:rule "correction" ; prov:wasDerivedFrom ?c . ?c a kgo:Correction ;
        kgo:reason ?why ; kgo:decidedAt ?when }""", initNs=ns)}
    assert editors == {"author"}
    reader = {str(o) for (o,) in g.query("""SELECT ?o WHERE { ?st rdf:predicate schema:jobTitle ; rdf:object ?o .
        FILTER NOT EXISTS { ?st kgo:rule "correction" } FILTER NOT EXISTS { ?st prov:wasInvalidatedBy ?c } }""",
                                        initNs=ns)}
    assert "author" not in reader


# --- the file --------------------------------------------------------------------------------------

def test_appended_decisions_read_back_the_same(tmp_path):
    path = tmp_path / "news.corrections.toml"
    odd = decide("alias", node='Person:Zoë "Z" O\'Neil', name="Zoë O'Neil \\ \"Z\"")
    for d in (EVERY_KIND[0], odd, EVERY_KIND[1]):
        append(path, d)
    back = load(path)
    assert [(d.kind, d.fields, d.who, d.when, d.why) for d in back] == \
        [(d.kind, d.fields, d.who, d.when, d.why) for d in (EVERY_KIND[0], odd, EVERY_KIND[1])]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all(lines[d.line - 1] == "[[decision]]" for d in back)


def test_a_hand_written_file_with_toml_dates(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[[decision]]\nkind = "delete"\nnode = "Jane Roe"\nwho = "Ann"\nwhen = 2024-05-02T11:00:00+01:00\n'
                    'why = "no such person"\n\n[[decision]]\nkind = "delete"\nnode = "Leeds"\nwho = "Ann"\n'
                    'when = 2024-05-03\nwhy = "x"\n', encoding="utf-8")
    first, second = load(path)
    assert (first.when, first.line, second.when, second.line) == ("2024-05-02T10:00:00Z", 1, "2024-05-03", 8)


@pytest.mark.parametrize("text, problem", [
    ('[[decision]]\nkind = "merge"\n', "line 1: unknown kind 'merge'"),
    ('\n[[decision]]\nkind = "delete"\nnode = "X"\nwho = "a"\nwhen = "2024-01-01"\n', "line 2: delete needs 'why'"),
    ('[[decision]]\nkind = "retype"\nnode = "X"\nclass = "Persn"\nwho = "a"\nwhen = "2024-01-01"\nwhy = "b"\n',
     "line 1: class: 'Persn' is not one of Person, Organization, Place"),
    ('[[decision]]\nkind = "delete"\nnode = "X"\nwho = "a"\nwhen = "yesterday"\nwhy = "b"\n', "line 1: when:"),
    ('[[decision]]\nkind = "delete"\nnode = "X"\ncolour = "red"\nwho = "a"\nwhen = "2024-01-01"\nwhy = "b"\n',
     "line 1: delete has no field 'colour'"),
    ('[[decision]\nkind = 1', "not valid TOML"),
    ('[other]\nx = 1\n', "unknown table 'other'"),
    ('[[decision]]\nkind = "delete"\nnode = "X"\nwho = "a"\nwhen = "2024-01-01"\nwhy = "b"\n' * 2,
     "line 7: the same decision as"),
])
def test_a_bad_file_is_one_line_naming_the_file_and_line(tmp_path, text, problem):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsError) as error:
        load(path)
    assert str(error.value).startswith(str(path)) and problem in str(error.value) and "\n" not in str(error.value)


def test_node_references():
    assert parse_ref("https://example.org/kg/person/x").iri == "https://example.org/kg/person/x"
    assert (parse_ref("Person:Labour").type, parse_ref("Person:Labour").name) == ("Person", "Labour")
    assert (parse_ref("Mission: Impossible").type, parse_ref("Mission: Impossible").name) == (None, "Mission: Impossible")
    with pytest.raises(ValueError):
        parse_ref("two\nlines")
