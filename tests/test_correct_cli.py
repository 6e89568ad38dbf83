"""Corrections from end to end: kg correct, and kg build (at once, --update, --store), kg viz and kg serve
applying them; the result the same whatever the order of the articles and however they were added."""
import json

import networkx as nx
import pytest

import kg
from kg.cli import main
from kg.corrections import load, read_graph_path

from .conftest import EXAMPLE
from .test_update import SECOND

HALE = "https://example.org/kg/person/gregory-hale"
DECISIONS = [
    ["retype", "Person:Karen Doyle", "Organization", "--why", "a test: she is a firm"],
    ["alias", "Gregory Hale", "Greg", "--why", "friends call him Greg"],
    ["delete-fact", HALE, "age", "52", "--why", "a test: the age is not said"],
]


@pytest.fixture
def news(tmp_path):
    """news.ttl built from the example article, and its corrections file beside it (three decisions)."""
    second = tmp_path / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    graph, file = tmp_path / "news.ttl", tmp_path / "news.corrections.toml"
    assert main(["build", str(EXAMPLE), "-o", str(graph), "-q"]) == 0
    for args in DECISIONS:
        assert main(["correct", "-f", str(file), *args, "--who", "Ann Editor"]) == 0
    return graph, file, second


def names(G):
    return {d.get("name"): d["type"] for _, d in G.nodes(data=True) if d.get("name")}


def test_kg_correct_appends_checked_decisions_with_who_when_and_why(news, capsys):
    graph, file, _ = news
    decisions = load(file)
    assert [d.kind for d in decisions] == ["retype", "alias", "delete-fact"]
    assert {d.who for d in decisions} == {"Ann Editor"} and decisions[1].why == "friends call him Greg"
    assert "Karen Doyle" in file.read_text(encoding="utf-8")
    # the graph itself is not changed by kg correct; kg viz, kg serve and kg build apply the file
    assert names(kg.load(graph))["Karen Doyle"] == "Person"


@pytest.mark.parametrize("args, problem", [
    (["retype", "Person:Nobody Atall", "Place"], "no node is Person:Nobody Atall"),
    (["merge", "Gregory Hale", "Portsmouth"], "cannot merge a Person with a Place"),
    (["alias", "Gregory Hale", "Greg", "--remove"], "conflicts with"),
    (["add-fact", "Gregory Hale", "age", "52"], "conflicts with"),
    (["alias", "Gregory Hale", "Greg"], "already decided at line"),
])
def test_kg_correct_refuses_a_bad_decision_in_one_line_and_writes_nothing(news, capsys, args, problem):
    graph, file, _ = news
    before = file.read_bytes()
    capsys.readouterr()
    assert main(["correct", "-f", str(file), *args, "--why", "test"]) == 1
    err = capsys.readouterr().err
    assert problem in err and err.count("\n") == 1 and "Traceback" not in err
    assert file.read_bytes() == before


def test_kg_correct_list_and_report(news, capsys):
    _, file, _ = news
    capsys.readouterr()
    assert main(["correct", "-f", str(file), "list"]) == 0
    out = capsys.readouterr().out
    assert "retype 'Person:Karen Doyle' Organization  # a test: she is a firm  [applied" in out
    assert main(["correct", "-f", str(file), "report", "--by-rule"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:1].isalpha()}
    assert rows["retype"][:2] == ["1", "1"] and rows["total"][0] == "3"
    assert "age.apposition" in out  # the reader's rule whose reading was rejected


def test_build_applies_the_corrections_file_beside_the_output(news, capsys):
    graph, file, _ = news
    assert main(["build", str(EXAMPLE), "-o", str(graph)]) == 0
    G = kg.load(graph)
    assert names(G)["Karen Doyle"] == "Organization" and "Greg" in G.nodes[HALE]["alternateName"]
    assert "age" not in G.nodes[HALE]
    assert read_graph_path(graph).exists()  # the graph as read, kept for --update
    assert "3 decision(s) of" in capsys.readouterr().err
    # --no-corrections: the graph as the reader made it
    plain = graph.with_name("plain.ttl")
    assert main(["build", str(EXAMPLE), "-o", str(plain), "--corrections", str(file), "--no-corrections", "-q"]) == 0
    assert kg.load(plain).nodes[HALE]["age"] == 52


def test_update_and_any_order_give_the_same_corrected_graph(news, tmp_path, capsys):
    graph, file, second = news
    assert main(["correct", "-f", str(file), "add-fact", "Person:Gregory Hale", "jobTitle", "ferry landlord",
                 "--why", "the second article says so"]) == 0
    # one at a time: the example, then the second article
    assert main(["build", str(EXAMPLE), "-o", str(graph), "-q"]) == 0
    assert main(["build", str(second), "--update", str(graph), "-q"]) == 0
    # at once, in either order
    for order, name in (([EXAMPLE, second], "at-once.ttl"), ([second, EXAMPLE], "reversed.ttl")):
        out = tmp_path / name
        assert main(["build", *map(str, order), "-o", str(out), "--corrections", str(file), "-q"]) == 0
        assert nx.utils.graphs_equal(kg.load(out), kg.load(graph)), name
    assert graph.read_bytes() == (tmp_path / "at-once.ttl").read_bytes()
    G = kg.load(graph)
    assert "ferry landlord" in G.nodes[HALE]["jobTitle"] and "age" not in G.nodes[HALE]
    # adding the same articles again changes nothing, corrections and all
    before = graph.read_bytes()
    assert main(["build", str(EXAMPLE), str(second), "--update", str(graph), "-q"]) == 0
    assert graph.read_bytes() == before


def test_a_corrected_graph_without_its_file_is_not_silently_uncorrected(news, capsys):
    graph, file, second = news
    assert main(["build", str(EXAMPLE), "-o", str(graph), "-q"]) == 0
    file.rename(file.with_name("elsewhere.toml"))
    before = graph.read_bytes()
    capsys.readouterr()
    assert main(["build", str(second), "--update", str(graph), "-q"]) == 1
    err = capsys.readouterr().err
    assert "holds 3 editor's decision(s)" in err and "--corrections FILE" in err and err.count("\n") == 1
    assert graph.read_bytes() == before


def test_store_builds_apply_the_corrections_beside_the_store(news, tmp_path):
    graph, file, second = news
    store = tmp_path / "news"  # news.corrections.toml is beside the store news/ as well as news.ttl
    assert main(["build", str(EXAMPLE), "--store", f"oxigraph:{store}", "-q"]) == 0
    assert main(["build", str(second), "--store", f"oxigraph:{store}", "-q"]) == 0
    out = tmp_path / "all.ttl"
    assert main(["build", str(EXAMPLE), str(second), "-o", str(out), "--corrections", str(file), "-q"]) == 0
    from kg.sparql import store_graph
    assert nx.utils.graphs_equal(store_graph(f"oxigraph:{store}"), kg.load(out))


def test_viz_draws_the_corrected_graph_and_offers_decisions_as_commands(news, tmp_path):
    graph, file, _ = news
    page = tmp_path / "news.html"
    assert main(["viz", str(graph), "-o", str(page)]) == 0  # graph.ttl as read; the file beside applies
    from kg.viz import page_data
    text = page.read_text(encoding="utf-8")
    data = json.loads(text.split("const DATA = ", 1)[1].split(";\n", 1)[0].replace("\\u003c", "<")
                      .replace("\\u003e", ">").replace("\\u0026", "&"))
    by_name = {n["label"]: n for n in data["nodes"]}
    assert by_name["Karen Doyle"]["cls"] == "Organization" and "Greg" in by_name["Gregory Hale"]["names"]
    assert data["corrections"] == str(file)
    assert "function corrections(" in text and page_data.__doc__


def test_serve_serves_the_corrected_graph(news):
    from kg.corrections import to_serve
    graph, file, _ = news
    served, folder, report = to_serve(graph, None, print)
    try:
        assert served != str(graph) and [o.status for o in report.outcomes] == ["applied"] * 3
        assert names(kg.load(served))["Karen Doyle"] == "Organization"
    finally:
        import shutil
        shutil.rmtree(folder)


def test_gold_cases_from_the_decisions(news, tmp_path):
    graph, file, _ = news
    assert main(["correct", "-f", str(file), "add-fact", "Helen Marsh", "memberOf", "Portsmouth City Council",
                 "--article", EXAMPLE.name, "--why", "she speaks for the council"]) == 0
    out = tmp_path / "cases"
    assert main(["correct", "-f", str(file), "gold", str(EXAMPLE), "-o", str(out)]) == 0
    gold = json.loads((out / "harbour-street-fire.gold.json").read_text(encoding="utf-8"))
    assert (out / "harbour-street-fire.txt").read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")
    required = {e["id"]: e for e in gold["entities"] if not e.get("optional")}
    assert required["karen_doyle"]["type"] == "Organization" and "Greg" in required["gregory_hale"]["names"]
    # the age the editor took back is not in the gold: a reader that reads it again is wrong
    assert not [f for f in gold["facts"] if f["s"] == "gregory_hale" and f["p"] == "age"]
    # the fact the editor added, saying the article states it, is required
    assert {"s": "helen_marsh", "p": "memberOf", "o": "portsmouth_city_council"} in gold["facts"]
    assert not [f for f in gold["facts"] if f["s"] == "tomasz_nowak" and not f.get("optional")]
