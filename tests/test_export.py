"""kg export: each format read back with what reads it (networkx for GEXF and GraphML; the CSV folder
checked against the header rules of neo4j-admin database import; the Cypher script statement by statement)."""
import csv
import json
import re

import networkx as nx
import pytest

import kg
from kg.cli import main
from kg.export import relation_type


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, example_graph):
    path = tmp_path_factory.mktemp("export") / "example.ttl"
    kg.write(example_graph, path)
    return path


def drawn(G):
    """The nodes and relations an export should hold: all but text spans."""
    nodes = {n for n, d in G.nodes(data=True) if d["type"] != "TextSpan"}
    edges = sorted((u, v, k) for u, v, k in G.edges(keys=True) if u in nodes and v in nodes)
    return nodes, edges


@pytest.mark.parametrize("suffix, read", [(".gexf", nx.read_gexf), (".graphml", nx.read_graphml)])
def test_gexf_and_graphml_read_back_with_labels_classes_and_unique_edge_ids(tmp_path, graph_file, example_graph,
                                                                             suffix, read):
    out = tmp_path / f"g{suffix}"
    assert main(["export", str(graph_file), "-o", str(out)]) == 0
    H = read(out)
    nodes, edges = drawn(example_graph)
    assert set(H.nodes) == nodes
    assert H.nodes["https://example.org/kg/person/gregory-hale"]["label"] == "Gregory Hale"
    assert H.nodes["https://example.org/kg/person/gregory-hale"]["class"] == "Person"
    assert sorted((u, v, d["label"]) for u, v, d in H.edges(data=True)) == edges
    if H.is_multigraph():  # (networkx reads a graph without parallel edges as a DiGraph)
        ids = [d.get("id", k) for *_, k, d in H.edges(keys=True, data=True)]
    else:
        ids = [d["id"] for *_, d in H.edges(data=True)]
    assert len(set(ids)) == len(edges)
    assert not any(d["class"] == "TextSpan" for _, d in H.nodes(data=True))


def test_text_spans_only_when_asked(tmp_path, graph_file, example_graph):
    out = tmp_path / "g.graphml"
    assert main(["export", str(graph_file), "-o", str(out), "--spans"]) == 0
    spans = [n for n, d in nx.read_graphml(out).nodes(data=True) if d["class"] == "TextSpan"]
    assert len(spans) == sum(1 for _, d in example_graph.nodes(data=True) if d["type"] == "TextSpan") > 0


def test_neo4j_folder_follows_the_import_header_format(tmp_path, graph_file, example_graph):
    out = tmp_path / "neo"
    assert main(["export", str(graph_file), "-o", str(out), "--format", "neo4j"]) == 0
    ids, relationships = set(), []
    types = {"string", "long", "double", "string[]", "long[]", "double[]", "boolean"}
    for path in sorted(out.glob("nodes_*.csv")):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        header = rows[0]
        assert header.count("iri:ID") == 1 and ":LABEL" in header, path.name
        for column in header:  # name:type, :ID, :LABEL (neo4j-admin's header rules)
            name, _, kind = column.partition(":")
            assert kind in types | {"ID", "LABEL", ""} and (name or kind in ("LABEL",)), column
        for row in rows[1:]:
            assert len(row) == len(header)
            record = dict(zip(header, row))
            assert "Resource" in record[":LABEL"].split(";")
            ids.add(record["iri:ID"])
            if record.get("age:long"):
                int(record["age:long"])
    for path in sorted(out.glob("relationships_*.csv")):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        assert rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
        for row in rows[1:]:
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*", row[2]) and f"relationships_{row[2]}.csv" == path.name
            relationships.append((row[0], row[1], row[2]))
    nodes, edges = drawn(example_graph)
    assert ids == nodes
    assert sorted(relationships) == sorted((u, v, relation_type(k)) for u, v, k in edges)
    script = (out / "import.sh").read_text()
    assert "neo4j-admin database import full" in script and "--nodes=nodes_Person.csv" in script


def _cypher_literal(text: str):
    """Our Cypher literals as Python values: map keys are bare identifiers, the rest is JSON."""
    return json.loads(re.sub(r'([{,]\s*)([A-Za-z_]\w*):', r'\1"\2":', text))


def test_cypher_script_creates_every_node_and_relationship(tmp_path, graph_file, example_graph):
    out = tmp_path / "g.cypher"
    assert main(["export", str(graph_file), "-o", str(out)]) == 0
    created, related = {}, []
    for line in out.read_text(encoding="utf-8").splitlines():
        if line.startswith("//") or line.startswith("CREATE INDEX"):
            continue
        node = re.fullmatch(r"UNWIND (\[.*\]) AS row CREATE \(n:Resource(:\w+)+\) SET n = row;", line)
        rel = re.fullmatch(r"UNWIND (\[.*\]) AS row MATCH \(a:Resource \{iri: row\.from\}\), "
                           r"\(b:Resource \{iri: row\.to\}\) CREATE \(a\)-\[r:(\w+)\]->\(b\) SET r = row\.props;", line)
        assert node or rel, line[:120]
        if node:
            created.update({row["iri"]: row for row in _cypher_literal(node.group(1))})
        else:
            related += [(row["from"], row["to"], rel.group(2)) for row in _cypher_literal(rel.group(1))]
    nodes, edges = drawn(example_graph)
    assert set(created) == nodes
    assert created["https://example.org/kg/person/gregory-hale"]["alternateName"] == ["Hale", "Mr Hale"]
    assert sorted(related) == sorted((u, v, relation_type(k)) for u, v, k in edges)


def test_unknown_export_suffix_is_a_clear_error(tmp_path, graph_file, capsys):
    assert main(["export", str(graph_file), "-o", str(tmp_path / "g.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "g.xlsx" in err and "--format neo4j" in err and "Traceback" not in err
    assert not (tmp_path / "g.xlsx").exists()
