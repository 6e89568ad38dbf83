"""Incremental builds: adding articles to a graph equals building them all at once; re-adding changes nothing."""
import json

import networkx as nx

import kg
from kg.cli import main

from .conftest import EXAMPLE

SECOND = ("Ferry firm fined\n\nGregory Hale, 52, was fined by Portsmouth Magistrates' Court on Monday. "
          "Harbour Lines chief executive Mary Voss said the firm would appeal.\n")


def test_update_equals_a_full_rebuild_and_re_adding_changes_nothing(tmp_path):
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    graph = tmp_path / "graph.ttl"
    assert main(["build", str(EXAMPLE), "-o", str(graph), "-q"]) == 0
    assert main(["build", str(second), "--update", str(graph), "-q"]) == 0
    full = tmp_path / "full.ttl"
    assert main(["build", str(EXAMPLE), str(second), "-o", str(full), "-q"]) == 0
    assert nx.utils.graphs_equal(kg.load(graph), kg.load(full))
    assert graph.read_bytes() == full.read_bytes()
    before = graph.read_bytes()
    assert main(["build", str(EXAMPLE), str(second), "--update", str(graph), "-q"]) == 0
    assert graph.read_bytes() == before
    copy = tmp_path / "copy-of-the-first.txt"  # the same text under another name: its id joins the article
    copy.write_bytes(EXAMPLE.read_bytes())
    assert main(["build", str(copy), str(second), "--update", str(graph), "-q"]) == 0
    G, H = kg.load(graph), kg.load(full)
    [article] = [n for n, d in G.nodes(data=True) if EXAMPLE.name in d.get("identifier", ())]
    assert G.nodes[article]["identifier"] == sorted([EXAMPLE.name, copy.name])
    G.nodes[article]["identifier"] = [EXAMPLE.name]
    assert nx.utils.graphs_equal(G, H)


def test_a_repeated_text_is_read_once_reported_and_keeps_every_id(tmp_path, capsys):
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": i, "text": SECOND}) for i in ("b-2", "a-1", "c-3")) + "\n",
                     encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(jsonl), "-o", str(out)]) == 0
    assert "2 document(s) repeat the text of another" in capsys.readouterr().err
    [article] = [d for _, d in kg.load(out).nodes(data=True) if d["type"] == "NewsArticle"]
    assert article["identifier"] == ["a-1", "b-2", "c-3"]
    assert main(["validate", str(out)]) == 0


def test_one_person_across_two_articles_gathers_the_facts_of_both(tmp_path):
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    G = kg.build([EXAMPLE, second])
    hale = G.nodes["https://example.org/kg/person/gregory-hale"]
    assert hale["age"] == 52
    roles = {k for _, _, k in G.in_edges("https://example.org/kg/person/gregory-hale", keys=True)}
    assert {"person", "defendant", "entity"} <= roles  # arrested and tried (first article), fined (second)
    articles = {u for u, _, k in G.in_edges("https://example.org/kg/person/gregory-hale", keys=True)
                if k == "mentions"}
    assert len(articles) == 2


def test_update_of_a_missing_graph_creates_it(tmp_path):
    graph = tmp_path / "new.ttl"
    assert main(["build", str(EXAMPLE), "--update", str(graph), "-q"]) == 0
    assert "Gregory Hale" in {d.get("name") for _, d in kg.load(graph).nodes(data=True)}


def test_trig_puts_each_articles_facts_in_its_own_named_graph(tmp_path):
    import pyoxigraph as ox
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    G = kg.build([EXAMPLE, second])
    path = tmp_path / "g.trig"
    kg.write(G, path)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    articles = sorted(n for n, d in G.nodes(data=True) if d["type"] == "NewsArticle")
    graphs = sorted(g.value for g in store.named_graphs())
    assert graphs == articles

    def where(query):
        return sorted(str(r["g"].value) for r in store.query(query))
    # Mary Voss's job is read in the second article only; Gregory Hale's age in both
    voss = where('SELECT ?g WHERE { GRAPH ?g { <https://example.org/kg/person/mary-voss> '
                 '<https://schema.org/jobTitle> "chief executive" } }')
    hale = where("SELECT DISTINCT ?g WHERE { GRAPH ?g { <https://example.org/kg/person/gregory-hale> "
                 "<https://w3id.org/kg-builder/ontology#age> 52 } }")
    second_article = kg.rdf.iris.article_iri(kg.rdf.iris.DEFAULT_BASE, second.read_text(encoding="utf-8"))
    assert voss == [second_article] and hale == articles
    # names are shared: in the default graph
    assert list(store.quads_for_pattern(ox.NamedNode("https://example.org/kg/person/gregory-hale"),
                                        ox.NamedNode("https://schema.org/name"), None, ox.DefaultGraph()))
    assert nx.utils.graphs_equal(G, kg.load(path))
