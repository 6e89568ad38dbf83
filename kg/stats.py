"""``kg stats``: what a graph holds, counted by SPARQL on its store (a file is parsed once, ``kg.store``)."""
from __future__ import annotations

from pathlib import Path

from . import sparql
from .vocab import KGO_IRI, RELATIONS, SDO_IRI

_CLASSES = "SELECT ?class (COUNT(DISTINCT ?node) AS ?n) WHERE { ?node a ?class } GROUP BY ?class"
_RELATIONS = ("SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { "
              + " ".join(f"<{iri}>" for iri in RELATIONS.values()) + " } ?s ?p ?o } } GROUP BY ?p")
_ACROSS = """SELECT ?class (COUNT(?node) AS ?n) WHERE {
  { SELECT ?node WHERE { ?article schema:mentions ?node } GROUP BY ?node HAVING (COUNT(DISTINCT ?article) > 1) }
  ?node a ?class
} GROUP BY ?class"""
_PLACES = """SELECT (COUNT(?place) AS ?places) (SUM(?linked) AS ?links) WHERE {
  { SELECT DISTINCT ?place WHERE { ?place a schema:Place } }
  BIND(IF(EXISTS { ?place owl:sameAs ?any } || EXISTS { ?place kgo:isoCode ?code }, 1, 0) AS ?linked)
}"""
_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
_NAMES = {str(iri): name for name, iri in RELATIONS.items()}


def _type(cls: str) -> str | None:
    """The node type (kg.graph) a class stands for: schema:Person -> Person, kgo:Attack -> Attack;
    None for classes that are not nodes of their own (schema:Event, rdf:Statement, GeoCoordinates)."""
    for ns in (SDO_IRI, KGO_IRI):
        if cls.startswith(ns) and cls[len(ns):] not in ("Event", "GeoCoordinates"):
            return cls[len(ns):]
    return None


def _counts(engine, query: str, key) -> dict[str, int]:
    found = {}
    for term, n in engine.answer(query, own=True).raw:
        name = key(sparql.value(term))
        if name is not None:
            found[name] = int(sparql.value(n))
    return dict(sorted(found.items()))


def count(source: str | Path) -> dict:
    """Counts of the graph at ``source`` (file or store directory), as plain JSON-able data."""
    engine = sparql.open_engine(source)
    places, linked = (int(sparql.value(x)) for x in engine.answer(_PLACES, own=True).raw[0])
    across = _counts(engine, _ACROSS, _type)
    across.pop("NewsArticle", None)
    if next(engine.store.named_graphs(), None) is None:  # one graph: no triple is there twice
        triples = len(engine.store)
    else:
        triples = int(sparql.value(engine.answer(_TRIPLES, own=True).raw[0][0]))
    return {"triples": triples,
            "nodes": _counts(engine, _CLASSES, _type),
            "edges": _counts(engine, _RELATIONS, _NAMES.get),
            "in more than one article": across,
            "places linked to GeoNames or ISO 3166": linked,
            "places": places}


def table(counts: dict, source: str | Path = "") -> str:
    """The counts as a text table for people."""
    nodes, across = counts["nodes"], counts["in more than one article"]
    width = max([len(k) for k in (*nodes, *counts["edges"])] + [12])
    lines = [f"{source}: {counts['triples']:,} triples", "",
             f"{'nodes':{width}s} {'count':>9s} {'in 2+ articles':>15s}"]
    for name, n in sorted(nodes.items(), key=lambda kv: (-kv[1], kv[0])):
        both = across.get(name, 0)
        lines.append(f"{name:{width}s} {n:>9,d} {f'{both:,}' if both else '':>15s}".rstrip())
    lines += ["", f"{'relations':{width}s} {'count':>9s}"]
    for name, n in sorted(counts["edges"].items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{name:{width}s} {n:>9,d}")
    places, linked = counts["places"], counts["places linked to GeoNames or ISO 3166"]
    share = f" ({linked / places:.0%})" if places else ""
    lines += ["", f"places linked to GeoNames or ISO 3166: {linked:,} of {places:,}{share}"]
    return "\n".join(lines)
