"""Places linked to GeoNames and ISO 3166: unambiguous names, names the context settles, names left alone."""
import networkx as nx
import pytest

import kg
from kg.graph import merge_edge, merge_node
from kg.link import link_places
from kg.records import Document
from kg.sparql import open_engine
from kg.validate import validate

GEONAMES = "https://sws.geonames.org/{}/"


def places(*names, article="a1", within=None):
    """A graph of one article mentioning places; ``within`` = {place: container}."""
    G = nx.MultiDiGraph()
    merge_node(G, article, type="NewsArticle")
    for name in names:
        merge_node(G, name, type="Place", name=name)
        merge_edge(G, article, name, "mentions")
    for place, container in (within or {}).items():
        merge_edge(G, place, container, "containedInPlace")
    return G


def test_countries_carry_iso_codes_and_their_geonames_iri():
    G = places("Romania", "UK", "America")
    assert link_places(G) == 3
    assert G.nodes["Romania"]["isoCode"] == "RO" and G.nodes["Romania"]["isoAlpha3"] == "ROU"
    assert G.nodes["Romania"]["sameAs"] == GEONAMES.format(798549)
    assert G.nodes["UK"]["isoCode"] == "GB" and G.nodes["America"]["isoCode"] == "US"
    assert "latitude" not in G.nodes["Romania"]  # the gazetteer gives no point for a country


def test_a_city_with_one_namesake_of_note_gets_coordinates():
    G = places("Leeds")
    link_places(G)
    leeds = G.nodes["Leeds"]
    assert leeds["sameAs"] == GEONAMES.format(2644688) and leeds["addressCountry"] == "GB"
    assert leeds["latitude"] == pytest.approx(53.8, abs=0.1) and leeds["longitude"] == pytest.approx(-1.55, abs=0.1)


def test_regions_get_their_iso_3166_2_code():
    G = places("Texas", "Scotland", "Wales")
    link_places(G)
    assert G.nodes["Texas"]["isoCode"] == "US-TX" and G.nodes["Texas"]["sameAs"] == GEONAMES.format(4736286)
    assert G.nodes["Scotland"]["isoCode"] == "GB-SCT" and G.nodes["Wales"]["isoCode"] == "GB-WLS"


def test_an_ambiguous_name_follows_the_place_the_text_puts_it_in():
    G = places("Perth", "Scotland", within={"Perth": "Scotland"})
    link_places(G)
    assert G.nodes["Perth"]["addressCountry"] == "GB"
    G = places("Paris", "Texas", within={"Paris": "Texas"})
    link_places(G)
    assert G.nodes["Paris"]["addressCountry"] == "US" and G.nodes["Paris"]["longitude"] < -90


def test_else_the_countries_the_same_article_names():
    G = places("Portsmouth", "New Hampshire")
    link_places(G)
    assert G.nodes["Portsmouth"]["addressCountry"] == "US" and G.nodes["Portsmouth"]["longitude"] > -71.5
    G = places("Portsmouth", "England")
    link_places(G)
    assert G.nodes["Portsmouth"]["sameAs"] == GEONAMES.format(2639996)


def test_else_only_a_dominant_namesake_and_otherwise_nothing():
    G = places("Paris", "Portsmouth", "Harbour Street")
    assert link_places(G) == 1
    assert G.nodes["Paris"]["addressCountry"] == "FR"  # 2.1 million people; the next Paris 25,000
    assert "sameAs" not in G.nodes["Portsmouth"]  # 208,000 in England, 96,000 in Virginia: no telling
    assert "sameAs" not in G.nodes["Harbour Street"]


def test_links_are_recomputed_as_the_graph_grows():
    G = places("Portsmouth")
    link_places(G)
    assert "sameAs" not in G.nodes["Portsmouth"]
    merge_node(G, "a2", type="NewsArticle")
    for name in ("Portsmouth", "Hampshire", "England"):
        merge_node(G, name, type="Place", name=name)
        merge_edge(G, "a2", name, "mentions")
    link_places(G)
    assert G.nodes["Portsmouth"]["addressCountry"] == "GB"


LINKED = Document("Nurse returns\n\nRomanian nurse Ana Pop, 31, flew from Bucharest to Perth, Scotland, on "
                  "Monday. She had worked in Paris for a year.\n", id="linked", date="2024-02-01")
OTHER = Document("Ferry delayed\n\nA ferry from Portsmouth to France was delayed on Tuesday, leaving 300 "
                 "passengers stranded in England.\n", id="other", date="2024-02-02")


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".jsonld", ".graphml"])
def test_links_are_written_validated_and_read_back(tmp_path, suffix):
    G = kg.build([LINKED, OTHER])
    by_name = {d["name"]: d for _, d in G.nodes(data=True) if d["type"] == "Place"}
    assert by_name["Romania"]["isoCode"] == "RO"  # from the demonym
    assert by_name["Bucharest"]["addressCountry"] == "RO"
    assert by_name["Perth"]["addressCountry"] == "GB"
    assert by_name["Portsmouth"]["addressCountry"] == "GB"  # the article names England
    path = tmp_path / f"g{suffix}"
    kg.write(G, path)
    assert nx.utils.graphs_equal(G, kg.load(path))
    conforms, report = validate(kg.to_rdf(G))
    assert conforms, report


def test_linking_does_not_depend_on_the_order_of_articles():
    a, b = kg.build([LINKED, OTHER]), kg.build([OTHER, LINKED])
    assert {n: d.get("sameAs") for n, d in a.nodes(data=True)} == {n: d.get("sameAs") for n, d in b.nodes(data=True)}


def test_links_answer_sparql(tmp_path):
    G = kg.build([LINKED])
    path = tmp_path / "g.ttl"
    kg.write(G, path)
    answer = open_engine(path, "oxigraph").answer("""
        SELECT ?name ?country WHERE { ?p a schema:Place ; schema:name ?name ; owl:sameAs ?g ;
                                      schema:geo [ schema:latitude ?lat ; schema:addressCountry ?country ] }
        ORDER BY ?name""")
    assert [(str(n), str(c)) for n, c in answer.rows] == [("Bucharest", "RO"), ("Paris", "FR"), ("Perth", "GB")]


def test_a_place_the_text_puts_elsewhere_is_not_the_node_of_its_name_alone():
    texas = Document("Storm hits town\n\nA storm damaged homes in Paris, Texas, on Monday, the mayor said.\n", id="tx")
    france = Document("Strike\n\nTrains were cancelled in Paris on Monday as workers went on strike.\n", id="fr")
    for G in (kg.build([texas, france]), kg.build([france, texas])):
        paris = {n: d for n, d in G.nodes(data=True) if d.get("name") == "Paris"}
        assert len(paris) == 2
        by_article = {G.nodes[u]["identifier"][0]: d["addressCountry"] for n, d in paris.items()
                      for u, _, k in G.in_edges(n, keys=True) if k == "mentions"}
        assert by_article == {"tx": "US", "fr": "FR"}
        assert "https://example.org/kg/place/paris" in paris  # the name alone keeps the plain IRI
