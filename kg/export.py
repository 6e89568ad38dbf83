"""``kg export``: a graph for the tools people use: Gephi (GEXF), yEd and Cytoscape (GraphML), Neo4j.

Every format gets the same view of the graph (``view``): one node an entity, event or article, with a
``label`` (its name, headline or id), its ``class`` and its ``iri``, and its facts as plain values
(lists joined with "; "); one edge a relation, with a unique id, its name as ``label`` and the
confidence it was read with. Text spans (the sentences facts were read from) are left out unless
asked for. ``kg build -o graph.graphml`` stays the lossless GraphML that ``kg.load`` reads back.

Neo4j gets either a Cypher script (``.cypher``: ``cypher-shell -f graph.cypher``) or, with
``--format neo4j``, a folder of CSV files in the header format of ``neo4j-admin database import``:
``nodes_CLASS.csv`` with ``iri:ID``, ``:LABEL`` and typed properties (``age:long``,
``alternateName:string[]`` split on ";"), and ``relationships_TYPE.csv`` with ``:START_ID``,
``:END_ID``, ``:TYPE`` (the relation in Neo4j's UPPER_SNAKE_CASE) and ``confidence:double``.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import networkx as nx

from . import rdf
from .vocab import EVENT_CLASSES, LITERALS

FORMATS = {".gexf": "gexf", ".graphml": "graphml", ".cypher": "cypher", ".cql": "cypher"}
_LIST_SEPARATOR = ";"  # neo4j-admin's default array delimiter, also used to join lists elsewhere
_FACTS = [a for a in LITERALS if a not in ("name",)] + ["sameAs", "latitude", "longitude", "addressCountry"]
_BATCH = 500  # rows a Cypher UNWIND statement


def format_of(output: str | Path, fmt: str | None = None) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower()
    if suffix not in FORMATS:
        raise rdf.FormatError(f"cannot tell the export format of {str(output)!r}: use .gexf, .graphml or "
                              f".cypher, or --format neo4j for a folder of CSV files")
    return FORMATS[suffix]


def label_of(G: nx.MultiDiGraph, node: str) -> str:
    d = G.nodes[node]
    return (d.get("name") or d.get("headline") or next(iter(d.get("identifier", ())), None)
            or d.get("text") or node.rsplit("/", 1)[-1])


def view(G: nx.MultiDiGraph, spans: bool = False) -> nx.MultiDiGraph:
    """The graph people see: plain attributes, a label and class per node, a unique id per edge."""
    H = nx.MultiDiGraph()
    keep = [n for n in sorted(G) if spans or G.nodes[n]["type"] != "TextSpan"]
    for n in keep:
        d = G.nodes[n]
        attrs = {"label": label_of(G, n), "class": d["type"], "iri": n}
        if d["type"] in EVENT_CLASSES:
            attrs["kind"] = "Event"
        for attr in ["name", *_FACTS]:
            value = d.get(attr)
            if value is not None and value != []:
                attrs[attr] = _LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else value
        H.add_node(n, **attrs)
    edges = sorted((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in H and v in H)
    for i, (u, v, k, d) in enumerate(edges, start=1):
        attrs = {"label": k}
        if "confidence" in d:
            attrs["confidence"] = float(d["confidence"])
        H.add_edge(u, v, key=f"e{i}", **attrs)
    return H


def export(G: nx.MultiDiGraph, output: str | Path, fmt: str, spans: bool = False) -> None:
    """Write ``G`` to ``output`` in ``fmt`` (gexf, graphml, cypher or neo4j), atomically: a reader sees
    the old output or the whole new one."""
    H = view(G, spans)
    output = Path(output)
    if fmt == "neo4j":
        _write_folder(output, neo4j_csv(H))
        return
    if fmt == "gexf":
        # networkx numbers GEXF edges itself; the edge key (our unique id) goes in as "id"
        for u, v, k, d in H.edges(keys=True, data=True):
            d["id"] = k
        data = "\n".join(nx.generate_gexf(H)).encode("utf-8")
    elif fmt == "graphml":
        data = "\n".join(nx.generate_graphml(H)).encode("utf-8")  # a multigraph's edge id is its key
    elif fmt == "cypher":
        data = cypher(H).encode("utf-8")
    else:
        raise rdf.FormatError(f"unknown export format {fmt!r}; choose gexf, graphml, cypher or neo4j")
    rdf.atomic_write(output, data + b"\n")


# --- Neo4j ------------------------------------------------------------------------------------------

def relation_type(name: str) -> str:
    """A relation as a Neo4j relationship type: memberOf -> MEMBER_OF."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


def _labels(data: dict) -> list[str]:
    return ["Resource", data["class"]] + (["Event"] if data.get("kind") == "Event" else [])


def _property_types(H: nx.MultiDiGraph) -> dict[str, str]:
    """Each node property's neo4j-admin type: long, double, string or string[] (a list in kg-builder)."""
    types = {}
    for attr in ["name", *_FACTS]:
        if attr in LITERALS and LITERALS[attr].many:
            types[attr] = "string[]"
        elif attr in ("age", "startOffset", "endOffset"):
            types[attr] = "long"
        elif attr in ("latitude", "longitude"):
            types[attr] = "double"
        else:
            types[attr] = "string"
    return types


def neo4j_csv(H: nx.MultiDiGraph) -> dict[str, str]:
    """The files of a ``neo4j-admin database import`` folder, by name: one node file a class and one
    relationship file a type, each with its own header row."""
    types, files = _property_types(H), {}
    by_class: dict[str, list] = {}
    for n, d in H.nodes(data=True):
        by_class.setdefault(d["class"], []).append((n, d))
    for cls, members in sorted(by_class.items()):
        present = [a for a in types if any(a in d for _, d in members)]
        header = ["iri:ID", ":LABEL", "label", "class"] + [f"{a}:{types[a]}" for a in present]
        rows = [[n, _LIST_SEPARATOR.join(_labels(d)), d["label"], d["class"]] + [_csv_value(d.get(a)) for a in present]
                for n, d in members]
        files[f"nodes_{cls}.csv"] = _csv([header, *rows])
    by_type: dict[str, list] = {}
    for u, v, k, d in H.edges(keys=True, data=True):
        by_type.setdefault(relation_type(d["label"]), []).append((u, v, k, d))
    for rel, members in sorted(by_type.items()):
        rows = [[u, v, rel, k, _csv_value(d.get("confidence"))] for u, v, k, d in members]
        files[f"relationships_{rel}.csv"] = _csv([[":START_ID", ":END_ID", ":TYPE", "id", "confidence:double"], *rows])
    files["import.sh"] = _import_script(sorted(files))
    return files


def _import_script(names: list[str]) -> str:
    nodes = " ".join(f"--nodes={n}" for n in names if n.startswith("nodes_"))
    relationships = " ".join(f"--relationships={n}" for n in names if n.startswith("relationships_"))
    return ("#!/bin/sh\n# Import this folder into a new, empty Neo4j database (Neo4j 5; the database must not exist).\n"
            'cd "$(dirname "$0")" && neo4j-admin database import full "${1:-neo4j}" '
            f"--array-delimiter=';' {nodes} {relationships}\n")


def _csv_value(value) -> str:
    return "" if value is None else str(value)


def _csv(rows: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _write_folder(folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` into ``folder`` whole: built beside it and renamed into place."""
    if folder.exists() and not folder.is_dir():
        raise rdf.FormatError(f"{folder}: --format neo4j writes a folder, and this is a file")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        if folder.exists():
            old = tmp.with_name(tmp.name + "-old")
            folder.rename(old)
            tmp.rename(folder)
            shutil.rmtree(old)
        else:
            tmp.rename(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cypher(H: nx.MultiDiGraph) -> str:
    """A Cypher script that creates the graph in Neo4j (``cypher-shell -f``) or another openCypher
    database: every node is a :Resource with its class as a second label, found again by ``iri``."""
    lines = ["// kg-builder export: nodes are :Resource plus their class; relationships carry a confidence.",
             "CREATE INDEX FOR (n:Resource) ON (n.iri);"]
    by_labels: dict[tuple, list] = {}
    for n, d in H.nodes(data=True):
        props = {k: v for k, v in d.items() if k not in ("kind",)}
        for attr, kind in _property_types(H).items():
            if kind == "string[]" and attr in props:
                props[attr] = str(props[attr]).split(_LIST_SEPARATOR)
        by_labels.setdefault(tuple(_labels(d)), []).append(props)
    for labels, rows in sorted(by_labels.items()):
        for i in range(0, len(rows), _BATCH):
            lines.append(f"UNWIND {_cypher_value(rows[i:i + _BATCH])} AS row "
                         f"CREATE (n:{':'.join(labels)}) SET n = row;")
    by_type: dict[str, list] = {}
    for u, v, k, d in H.edges(keys=True, data=True):
        by_type.setdefault(relation_type(d["label"]), []).append(
            {"from": u, "to": v, "props": {"id": k, **({"confidence": d["confidence"]} if "confidence" in d else {})}})
    for rel, rows in sorted(by_type.items()):
        for i in range(0, len(rows), _BATCH):
            lines.append(f"UNWIND {_cypher_value(rows[i:i + _BATCH])} AS row "
                         f"MATCH (a:Resource {{iri: row.from}}), (b:Resource {{iri: row.to}}) "
                         f"CREATE (a)-[r:{rel}]->(b) SET r = row.props;")
    return "\n".join(lines)


def _cypher_value(value) -> str:
    """A Cypher literal: JSON's strings and numbers are Cypher's too; map keys are plain identifiers."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_cypher_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_cypher_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else "`" + name.replace("`", "``") + "`"
