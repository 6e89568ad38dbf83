"""One graph across articles: people and events seen in several articles, namesakes kept apart."""
import json

import networkx as nx

import kg
from kg.cli import main
from kg.records import Document

from .conftest import EXAMPLE

PERSON = "https://example.org/kg/person/"

STRIKER = Document("Town win derby\n\nStriker Daniel Price, 24, scored twice as Kelby Town beat Ashford Rovers 3-1 "
                   "on Saturday.\n", id="striker", date="2024-05-02")
SURGEON = Document("Surgeon honoured\n\nDaniel Price, 61, a surgeon at Kelby General Hospital, was given an award "
                   "on Monday.\n", id="surgeon", date="2024-06-10")
A_YEAR_ON = Document("Price stays\n\nDaniel Price, 25, has signed a new contract with Kelby Town, the club said on "
                     "Tuesday.\n", id="a-year-on", date="2025-05-03")
ARREST = Document("Landlord held\n\nHampshire Constabulary arrested landlord Gregory Hale in Southsea on 14 April "
                  "2024, a month after the fire. He was arrested again on 2 June 2024.\n", id="arrest",
                  date="2024-06-05")


def mentioned_by(G, node):
    return {G.nodes[u]["identifier"][0] for u, _, k in G.in_edges(node, keys=True) if k == "mentions"}


def test_namesakes_with_conflicting_ages_stay_two_and_a_year_later_is_the_same_man():
    G = kg.build([STRIKER, SURGEON, A_YEAR_ON])
    assert mentioned_by(G, PERSON + "daniel-price") == {"striker", "a-year-on"}  # 24 in 2024, 25 in 2025
    assert mentioned_by(G, PERSON + "daniel-price--2") == {"surgeon"}
    assert G.nodes[PERSON + "daniel-price--2"]["age"] == 61
    assert PERSON + "daniel-price--3" not in G


def test_profiles_agree_on_birth_year_sex_and_field_of_work():
    from kg.across import Profile
    assert Profile([(24, 2024)]).agrees(Profile([(25, 2025)]))
    assert not Profile([(24, 2024)]).agrees(Profile([(24, 2030)]))
    assert Profile([(40, None)]).agrees(Profile([(44, 2020)]))  # no date: the articles may be years apart
    assert not Profile([(40, None)]).agrees(Profile([(61, 2020)]))
    assert not Profile(titles=["Mrs"]).agrees(Profile(titles=["Mr"]))
    assert Profile(titles=["Dr"]).agrees(Profile(titles=["Mr"]))
    assert not Profile(jobs=["striker"]).agrees(Profile(jobs=["consultant surgeon"]))
    assert Profile(jobs=["prime minister"]).agrees(Profile(jobs=["Labour leader", "MP"]))
    assert Profile(jobs=["chief executive"]).agrees(Profile(jobs=["striker"]))  # no field known for one side


def test_events_of_one_class_date_and_participant_merge_across_articles():
    G = kg.build([EXAMPLE, ARREST])
    hale = PERSON + "gregory-hale"
    arrests = {u: G.nodes[u]["startDate"] for u, _, k in G.in_edges(hale, keys=True)
               if k == "person" and G.nodes[u]["type"] == "ArrestJail"}
    assert sorted(arrests.values()) == ["2024-04-14", "2024-06-02"]
    april = next(u for u, d in arrests.items() if d == "2024-04-14")
    assert mentioned_by(G, april) == {"harbour-street-fire.txt", "arrest"}
    june = next(u for u, d in arrests.items() if d == "2024-06-02")
    assert mentioned_by(G, june) == {"arrest"}
    # each article's reading keeps its own evidence: the agent comes from the second article's sentence
    agent = G.edges[april, "https://example.org/kg/organization/hampshire-constabulary", "agent"]
    assert {e.split("#")[0] for e in agent["evidence"]} == {kg.rdf.iris.article_iri(kg.rdf.iris.DEFAULT_BASE, t)
                                                             for t in (EXAMPLE.read_text(), ARREST.text)}


def test_update_with_namesakes_and_shared_events_equals_a_full_rebuild(tmp_path):
    paths = []
    for doc in (STRIKER, SURGEON, ARREST, A_YEAR_ON):
        path = tmp_path / f"{doc.id}.jsonl"
        path.write_text(json.dumps({"id": doc.id, "text": doc.text, "date": doc.date}) + "\n")
        paths.append(str(path))
    graph, full = tmp_path / "graph.ttl", tmp_path / "full.ttl"
    assert main(["build", str(EXAMPLE), *paths[:2], "-o", str(graph), "-q"]) == 0
    assert main(["build", *paths[2:], "--update", str(graph), "-q"]) == 0
    assert main(["build", str(EXAMPLE), *paths, "-o", str(full), "-q"]) == 0
    assert graph.read_bytes() == full.read_bytes()
    G = kg.load(graph)
    assert nx.utils.graphs_equal(G, kg.load(full))
    assert mentioned_by(G, PERSON + "daniel-price") == {"striker", "a-year-on"}


def test_a_store_grows_like_a_file_and_ends_equal_to_a_full_build(tmp_path):
    import pyoxigraph as ox
    from kg import sparql
    paths = []
    for doc in (STRIKER, SURGEON, A_YEAR_ON):
        path = tmp_path / f"{doc.id}.jsonl"
        path.write_text(json.dumps({"id": doc.id, "text": doc.text, "date": doc.date}) + "\n")
        paths.append(str(path))
    store = f"oxigraph:{tmp_path / 'store'}"
    assert main(["build", paths[0], "--store", store, "-q"]) == 0
    assert main(["build", *paths[1:], "--store", store, "-q"]) == 0
    full = kg.build(paths)
    assert nx.utils.graphs_equal(sparql.store_graph(store), full)
    # re-adding changes nothing, and triples that kg-builder did not write stay
    foreign = ox.Store(str(tmp_path / "store"))
    other = ox.NamedNode("https://example.org/other")
    foreign.add(ox.Quad(other, ox.NamedNode("https://example.org/p"), ox.Literal("kept")))
    foreign.add(ox.Quad(other, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        ox.NamedNode("https://example.org/Thing")))
    foreign.add(ox.Quad(other, ox.NamedNode("https://schema.org/mentions"),
                        ox.NamedNode(PERSON + "daniel-price")))
    size = len(foreign)
    del foreign
    assert main(["build", paths[1], "--store", store, "-q"]) == 0
    engine = sparql.open_engine(store)
    assert engine.answer("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].toPython() == size
    names = engine.answer("SELECT ?p WHERE { ?p <https://schema.org/name> \"Daniel Price\" }").rows
    assert len(names) == 2  # the striker and the surgeon


def test_a_country_is_one_node_whatever_each_article_calls_it():
    G = kg.build([Document("Exports rise\n\nExports from the UK rose in March, Harbour Lines said.\n", id="uk"),
                  Document("Ferry sold\n\nA ferry built in Britain was sold to a Greek firm on Monday.\n", id="britain")])
    node = "https://example.org/kg/place/united-kingdom"
    assert mentioned_by(G, node) == {"uk", "britain"}
    assert {G.nodes[node]["name"], *G.nodes[node].get("alternateName", [])} == {"UK", "Britain"}
    assert G.nodes[node]["isoCode"] == "GB" and G.nodes[node]["isoAlpha3"] == "GBR"


def test_kg_query_names_the_articles_that_support_a_fact(tmp_path, capsys):
    from .test_update import SECOND
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    graph = tmp_path / "g.trig"
    assert main(["build", str(EXAMPLE), str(second), "-o", str(graph), "-q"]) == 0
    capsys.readouterr()
    assert main(["query", str(graph), "--name", "supports", "--bind", "name=Mr Hale", "--bind", "value=52",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert {r["headline"]["value"] for r in rows} == {"Landlord charged over Harbour Street fire", "Ferry firm fined"}
    assert all("52" in r["sentence"]["value"] for r in rows)
    assert main(["query", str(graph), "--name", "supports", "--bind", "name=Mary Voss",
                 "--bind", "value=Harbour Lines", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert {r["predicate"]["value"] for r in rows} & {"https://schema.org/memberOf", "https://schema.org/worksFor"}
    assert {r["headline"]["value"] for r in rows} == {"Ferry firm fined"}


def test_an_age_read_through_a_description_does_not_split_a_person():
    signs = Document("Price signs\n\nDaniel Price has signed a new deal with Kelby Town. The 35-year-old said he was "
                     "delighted.\n", id="signs", date="2024-07-01")
    G = kg.build([STRIKER, signs])
    ages = [r for r in G.nodes[PERSON + "daniel-price"]["literalEvidence"] if r[0] == "age"]
    assert sorted(r[1] for r in ages) == [24, 35]  # both readings kept, with their sentences
    assert mentioned_by(G, PERSON + "daniel-price") == {"striker", "signs"}
