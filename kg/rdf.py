"""NetworkX <-> rdflib, in the vocabulary of ONTOLOGY.md, and reading and writing files.

Nodes become subjects typed by ``kg.vocab.classes_of``; node attributes become
literals through ``kg.vocab.LITERALS`` (``name`` also as ``rdfs:label``); edges
become triples through ``kg.vocab.RELATIONS``.

Provenance is standard RDF reification: each edge or literal fact that has
evidence becomes an ``rdf:Statement`` (``rdf:subject``, ``rdf:predicate``,
``rdf:object``) with ``kgo:confidence``, ``kgo:rule`` (the identifiers of the
rules that read it) and ``prov:wasDerivedFrom`` the ``kgo:TextSpan`` nodes it
was read from. A span's IRI is the article's IRI with
an RFC 5147 fragment (``#char=120,245``) and it carries ``kgo:startOffset``,
``kgo:endOffset``, ``schema:text`` and ``schema:isPartOf`` the article. So
"where did this come from?" is one SPARQL join away.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from . import iris
from .errors import KgError
from .formats import FORMATS, FormatError, format_for  # noqa: F401 (part of this module's API)
from .vocab import (FACTUALITY, GEO, LITERALS, NAMESPACES, PROV_IRI, RDF_IRI, RDFS_IRI, RELATIONS, SAME_AS, XSD_BOOLEAN,
                    XSD_DATE, XSD_DATE_TIME, XSD_DECIMAL, XSD_G_YEAR, XSD_G_YEAR_MONTH, XSD_INTEGER, XSD_STRING,
                    classes_of, kgo, sdo, type_of)

if TYPE_CHECKING:  # rdflib is imported where a function needs it: Turtle, TriG and N-Triples are written without
    from rdflib import Graph

OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD}
_BY_IRI = {str(p.iri): name for name, p in LITERALS.items()}
_REL_BY_IRI = {str(iri): name for name, iri in RELATIONS.items()}
_MANY = {name for name, p in LITERALS.items() if p.many}
_INTEGER = {name for name, p in LITERALS.items() if p.datatype == XSD_INTEGER}
_BOOLEAN = {name for name, p in LITERALS.items() if p.datatype == XSD_BOOLEAN}
_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00")
_GEO_IRIS = {attr: p.iri for attr, p in GEO.items()}
_DECIMAL = {attr for attr, p in GEO.items() if p.datatype == XSD_DECIMAL}


# --- NetworkX -> RDF -------------------------------------------------------------------------------
# The mapping is written once, as rows (subject IRI, predicate IRI, object) where the object is an IRI
# (a str) or a literal (lexical form, datatype IRI or None for a plain string); ``to_rdf`` makes an
# rdflib graph of them and ``serialize`` writes them through pyoxigraph, which is much faster (and does not
# wait for rdflib's import, a tenth of a second).

def date_datatype(value: str) -> str:
    """"2017-03-22" -> xsd:date, "2018-10" -> xsd:gYearMonth, "2018" -> xsd:gYear,
    "2024-05-01T09:30:00Z" -> xsd:dateTime (when an editor decided)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", value):
        return XSD_DATE_TIME
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return XSD_DATE
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return XSD_G_YEAR_MONTH
    if re.fullmatch(r"\d{4}", value):
        return XSD_G_YEAR
    raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def _literal(attr: str, value) -> tuple[str, str | None]:
    prop = LITERALS[attr]
    if prop.datatype is None:
        return str(value), date_datatype(str(value))
    if prop.datatype == XSD_INTEGER:
        return str(int(value)), XSD_INTEGER
    if prop.datatype == XSD_BOOLEAN:
        return ("true" if value else "false"), XSD_BOOLEAN
    return str(value), None if prop.datatype == XSD_STRING else prop.datatype


def _confidence(value: float) -> tuple[str, str]:
    return str(Decimal(str(round(value, 3)))), XSD_DECIMAL


_TYPE, _LABEL = RDF_IRI + "type", RDFS_IRI + "label"
_STATEMENT = [RDF_IRI + x for x in ("Statement", "subject", "predicate", "object")]
_CONFIDENCE, _DERIVED, _RULE = kgo("confidence"), PROV_IRI + "wasDerivedFrom", kgo("rule")
_SAME_AS, _GEO, _COORDINATES = SAME_AS, sdo("geo"), sdo("GeoCoordinates")
_FACTUALITY, _REPLACES, _INVALIDATED = kgo("factuality"), kgo("replaces"), PROV_IRI + "wasInvalidatedBy"
_FACTUALITY_BY_IRI = {kgo(value): value for value in FACTUALITY}


def said(key: str, value) -> tuple[str, object]:
    """(predicate IRI, object) of what a node attribute, its class (``type``), its ``factuality`` or an
    edge key says: the shape of the statements that evidence rows and rejected facts stand for."""
    if key == "type":
        return _TYPE, classes_of(value)[-1]  # an event's own class, not schema:Event
    if key == "factuality":
        return _FACTUALITY, kgo(value)
    if key in RELATIONS:
        return RELATIONS[key], value
    return LITERALS[key].iri, _literal(key, value)


def rows(G: nx.MultiDiGraph, base: str = iris.DEFAULT_BASE):
    """The triples of ``G``, in a fixed order: (subject, predicate, object IRI or (lexical, datatype),
    articles), where ``articles`` are the IRIs of the articles the triple was read from (empty for what
    is shared: an entity's class and names)."""
    for node in sorted(G.nodes):
        data = G.nodes[node]
        own = _articles_of_node(G, node, data)
        for cls in classes_of(data["type"]):
            yield node, _TYPE, cls, own
        read = {}
        for attr, value, confidence, spans, rules in data.get("literalEvidence", ()):
            read[(attr, str(value))] = _articles(spans)
        for attr in sorted(data):
            if attr not in LITERALS:
                continue
            values = data[attr] if LITERALS[attr].many else [data[attr]]
            for value in values:
                yield node, LITERALS[attr].iri, _literal(attr, value), read.get((attr, str(value)), own)
            if attr == "name":
                yield node, _LABEL, _literal(attr, data[attr]), own
        for attr, value, confidence, spans, rules in data.get("literalEvidence", ()):
            yield from _statement(base, node, *said(attr, value), confidence, spans, rules)
        for former in data.get("replaces", ()):
            yield node, _REPLACES, former, own
        for subject, key, value, confidence, spans, rules in data.get("rejects", ()):
            # a fact an editor took back (kg.corrections): its triple is gone, its reading stays
            p, o = said(key, value)
            st = f"{base}fact/{iris.digest(json.dumps([subject, p, o, node]))}"
            yield from _statement(base, subject, p, o, confidence, spans, rules, st=st)
            yield st, _INVALIDATED, node, _articles(spans)
        if "sameAs" in data:
            yield node, _SAME_AS, data["sameAs"], own
        if "factuality" in data:
            yield node, _FACTUALITY, kgo(data["factuality"]), own
        if "latitude" in data:
            geo = node + "#geo"
            yield node, _GEO, geo, own
            yield geo, _TYPE, _COORDINATES, own
            for attr, prop in GEO.items():
                if attr in data:
                    value = str(Decimal(str(data[attr]))) if prop.datatype == XSD_DECIMAL else str(data[attr])
                    yield geo, prop.iri, (value, None if prop.datatype == XSD_STRING else prop.datatype), own
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        p = RELATIONS[key]
        evidence = data.get("evidence", ())
        articles = _articles(evidence) or _articles_of_node(G, u, G.nodes[u]) or _articles_of_node(G, v, G.nodes[v])
        yield u, p, v, articles
        if data:
            yield from _statement(base, u, p, v, data.get("confidence"), evidence, data.get("rules", ()), articles)


def _articles(spans) -> tuple[str, ...]:
    """The articles of text spans (a span's IRI is its article's IRI and a #char= fragment); evidence
    that is no span (an editor's decision) has none."""
    return tuple(sorted({span.split("#", 1)[0] for span in spans if "#char=" in span}))


def _articles_of_node(G, node: str, data: dict) -> tuple[str, ...]:
    if data.get("type") == "NewsArticle":
        return (node,)
    if data.get("type") == "TextSpan":
        return (node.split("#", 1)[0],)
    return ()


def _statement(base: str, s: str, p: str, o, confidence, spans, rules=(), articles=None, st=None):
    st = st or f"{base}fact/{iris.digest(json.dumps([s, p, o]))}"
    articles = articles if articles is not None else _articles(spans)
    yield st, _TYPE, _STATEMENT[0], articles
    yield st, _STATEMENT[1], s, articles
    yield st, _STATEMENT[2], p, articles
    yield st, _STATEMENT[3], o, articles
    if confidence is not None:
        yield st, _CONFIDENCE, _confidence(confidence), articles
    for rule in rules:
        yield st, _RULE, (rule, None), articles
    for span in spans:
        yield st, _DERIVED, span, articles


def to_rdf(G: nx.MultiDiGraph, base: str = iris.DEFAULT_BASE) -> Graph:
    """The RDF graph of ``G`` as an rdflib graph."""
    from rdflib import Graph, Literal, URIRef

    from .vocab import PREFIXES

    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for s, p, o, _ in rows(G, base):
        if isinstance(o, str):
            obj = URIRef(o)
        else:
            obj = Literal(o[0], datatype=URIRef(o[1]) if o[1] else None)
        g.add((URIRef(s), URIRef(p), obj))
    return g


def ox_triples(G: nx.MultiDiGraph, base: str = iris.DEFAULT_BASE, by_article: bool = False):
    """The triples of ``G`` as pyoxigraph triples, sorted (so every writer's output is stable); with
    ``by_article``, quads in each article's named graph (shared triples in the default graph)."""

    nodes: dict[str, ox.NamedNode] = {}

    def iri(value: str):
        node = nodes.get(value)
        if node is None:
            node = nodes[value] = ox.NamedNode(value)
        return node
    out = set() if by_article else []
    for s, p, o, articles in rows(G, base):
        obj = iri(o) if isinstance(o, str) else ox.Literal(o[0], datatype=iri(o[1]) if o[1] else None)
        if not by_article:
            out.append(ox.Triple(iri(s), iri(p), obj))
            continue
        for graph in articles or (None,):
            out.add(ox.Quad(iri(s), iri(p), obj, iri(graph) if graph else ox.DefaultGraph()))
    if by_article:  # one block a graph: the default graph first, then each article
        return sorted(out, key=lambda q: (str(q.graph_name), str(q)))
    return sorted(out, key=str)


# --- RDF -> NetworkX -------------------------------------------------------------------------------

def from_rdf(g: Graph, others: bool = False) -> nx.MultiDiGraph:
    """The NetworkX graph of an rdflib graph written by ``to_rdf`` (see ``from_triples``)."""
    from rdflib import Literal, URIRef

    def term(t):
        if isinstance(t, Literal):
            return ox.Literal(str(t), language=t.language) if t.language else \
                ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype or XSD_STRING)))
        return ox.NamedNode(str(t)) if isinstance(t, URIRef) else ox.BlankNode(str(t))
    return from_triples(((term(s), term(p), term(o)) for s, p, o in g), others)


def from_triples(triples, others: bool = False) -> nx.MultiDiGraph:
    """The NetworkX graph of RDF written by ``to_rdf`` (the inverse mapping), from (subject, predicate,
    object) pyoxigraph terms (``Triple`` or ``Quad`` objects will do: the graph name is ignored). A node
    of a class kg-builder does not write is an error, unless ``others`` (a store that holds other data
    too): then it is left out, with what is said of it."""
    # subject -> {(predicate, object is a literal, object's IRI or lexical form)}: plain strings hash
    # fast, and a set keeps one copy of a triple that a TriG file has in several graphs
    said: dict[str, set] = {}
    literal = ox.Literal
    for t in triples:
        o = t[2]
        said.setdefault(t[0].value, set()).add((t[1].value, type(o) is literal, o.value))
    types = {s: {o for p, lit, o in po if p == _TYPE} for s, po in said.items()}
    statements = {s for s, classes in types.items() if _STATEMENT[0] in classes}
    skipped = statements | {s for s, classes in types.items() if _COORDINATES in classes}

    def one(s, predicate):
        return next((o for p, _, o in said.get(s, ()) if p == predicate), None)

    def every(s, predicate):
        return sorted(o for p, _, o in said.get(s, ()) if p == predicate)
    G = nx.MultiDiGraph()
    for s in sorted(s for s, classes in types.items() if classes and s not in skipped):
        try:
            data = {"type": type_of(types[s])}
        except ValueError:
            if others:
                continue
            raise
        same, geo, factuality = one(s, _SAME_AS), one(s, _GEO), one(s, _FACTUALITY)
        if same is not None:
            data["sameAs"] = same
        if factuality in _FACTUALITY_BY_IRI:
            data["factuality"] = _FACTUALITY_BY_IRI[factuality]
        replaces = every(s, _REPLACES)
        if replaces:
            data["replaces"] = replaces
        for attr, iri in _GEO_IRIS.items():
            value = one(geo, iri) if geo is not None else None
            if value is not None:
                data[attr] = float(value) if attr in _DECIMAL else value
        for p, lit, o in said[s]:
            attr = _BY_IRI.get(p)
            if attr is not None and lit:
                if attr in _MANY:
                    data.setdefault(attr, []).append(_python(attr, o))
                else:
                    data[attr] = _python(attr, o)
        for attr in _MANY & data.keys():
            data[attr] = sorted(data[attr])
        G.add_node(s, **data)
    for s, po in said.items():
        if s in statements:
            continue
        for p, lit, o in po:
            key = _REL_BY_IRI.get(p)
            if key is not None and not lit and (not others or (s in G and o in G)):
                G.add_edge(s, o, key=key)
    for st in statements:
        fact = {p: (lit, o) for p, lit, o in said[st] if p in _STATEMENT[1:]}
        if len(fact) < 3:
            continue
        s, p, (lit, o) = fact[_STATEMENT[1]][1], fact[_STATEMENT[2]][1], fact[_STATEMENT[3]]
        rejected_by = one(st, _INVALIDATED)
        on_node = p in (_TYPE, _FACTUALITY) or lit
        if others:  # leave out statements about what was left out
            if rejected_by is not None:
                kept = rejected_by in G
            elif on_node:
                kept = s in G and (not lit or p in _BY_IRI)
            else:
                kept = G.has_edge(s, o, _REL_BY_IRI.get(p))
            if not kept:
                continue
        confidence = one(st, _CONFIDENCE)
        confidence = float(confidence) if confidence is not None else None
        spans, rules = every(st, _DERIVED), every(st, _RULE)
        if rejected_by is not None:  # a fact an editor took back (kg.corrections)
            key, value = _unsaid(p, lit, o)
            G.nodes[rejected_by].setdefault("rejects", []).append([s, key, value, confidence, spans, rules])
        elif on_node:
            attr, value = _unsaid(p, lit, o)
            G.nodes[s].setdefault("literalEvidence", []).append([attr, value, confidence, spans, rules])
        else:
            data = G.edges[s, o, _REL_BY_IRI[p]]
            if confidence is not None:
                data["confidence"] = confidence
            if spans:
                data["evidence"] = spans
            if rules:
                data["rules"] = rules
    for _, data in G.nodes(data=True):
        if "literalEvidence" in data:
            data["literalEvidence"].sort(key=lambda r: (r[0], str(r[1])))
        if "rejects" in data:
            data["rejects"].sort(key=json.dumps)
    return G


def _unsaid(p: str, literal: bool, o: str) -> tuple[str, object]:
    """Inverse of ``said``: the attribute or edge key and the value of a statement's triple."""
    if p == _TYPE:
        return "type", type_of({o})
    if p == _FACTUALITY:
        return "factuality", _FACTUALITY_BY_IRI[o]
    if literal:
        attr = _BY_IRI[p]
        return attr, _python(attr, o)
    return _REL_BY_IRI[p], o


def _python(attr: str, lexical: str):
    if attr in _INTEGER:
        return int(lexical)
    if attr in _BOOLEAN:
        return lexical in ("true", "1")
    if lexical.endswith("+00:00") and _UTC.fullmatch(lexical):  # rdflib writes UTC as +00:00; kg-builder Z
        return lexical[:-6] + "Z"
    return lexical


# --- files -------------------------------------------------------------------------------------------

def serialize(G: nx.MultiDiGraph, fmt: str, base: str = iris.DEFAULT_BASE, extra: Graph | None = None) -> bytes:
    """``G`` in one of ``FORMATS``, as bytes (the same graph gives the same bytes); ``extra`` holds triples
    kg-builder did not write (a user's additions, kept by ``kg build --update``), written in the default
    graph with it (GraphML has no room for them)."""

    if fmt == "graphml":
        return _graphml_bytes(G)
    if fmt == "jsonld":
        context = dict(NAMESPACES)
        g = to_rdf(G, base)
        if extra is not None:
            g += extra
        doc = json.loads(g.serialize(format="json-ld", context=context))
        return (json.dumps(_sorted_json(doc), indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    added = list(ox.parse(extra.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)) \
        if extra is not None and len(extra) else []
    prefixes = dict(NAMESPACES)
    if fmt == "trig":
        quads = set(ox_triples(G, base, by_article=True))
        quads.update(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in added)
        quads = sorted(quads, key=lambda q: (str(q.graph_name), str(q)))
        return _sorted_prefixes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))
    triples = sorted(set(ox_triples(G, base)).union(added), key=str) if added else ox_triples(G, base)
    if fmt == "nt":
        return "".join(f"{t} .\n" for t in triples).encode("utf-8")
    return _sorted_prefixes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes))


def _sorted_prefixes(data: bytes) -> bytes:
    """The @prefix lines in a fixed order (the writer keeps them in a hash map)."""
    lines = data.split(b"\n")
    n = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix")), len(lines))
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def _sorted_json(value):
    """rdflib's JSON-LD follows set order; sort nodes and arrays so the output is stable."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def write(G: nx.MultiDiGraph, path: str | Path, fmt: str | None = None, base: str = iris.DEFAULT_BASE,
          extra: Graph | None = None) -> None:
    """Write ``G`` (and ``extra`` triples, see ``serialize``) to ``path`` atomically: a reader sees the old
    file or the whole new one."""
    data = serialize(G, format_for(path, fmt), base, extra)
    atomic_write(Path(path), data)


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the output is an ordinary file
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: str | Path, fmt: str | None = None) -> nx.MultiDiGraph:
    """Read a graph written by ``kg build`` (any of ``FORMATS``) back into NetworkX; what else the file
    holds (triples a user added) is left out."""
    fmt = format_for(path, fmt)
    if fmt == "graphml":
        return _read_graphml(path)
    return from_triples(parse(path, fmt), others=True)


def load_for_update(path: str | Path, base: str = iris.DEFAULT_BASE) -> tuple[nx.MultiDiGraph, Graph | None]:
    """A graph file read to add to it: kg-builder's graph, and apart the triples of the file that it
    would not write again (what a user added), so they can be written back with it."""
    fmt = format_for(path)
    if fmt == "graphml":
        return _read_graphml(path), None
    g = read_rdf(path, fmt)
    G = from_rdf(g, others=True)
    return G, g - to_rdf(G, base)


def parse(path: str | Path, fmt: str | None = None) -> list:
    """The quads of an RDF file (pyoxigraph), or a ``GraphReadError`` naming the file and the problem."""
    fmt = format_for(path, fmt)
    if not Path(path).is_file():
        raise GraphReadError(f"{path}: no such file")
    if fmt == "graphml":
        return list(ox.parse(serialize(_read_graphml(path), "nt"), format=ox.RdfFormat.N_TRIPLES))
    try:
        if fmt == "jsonld":
            inline_contexts_only(path)
        return list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
    except (SyntaxError, ValueError) as exc:
        raise GraphReadError(f"{path}: not valid {fmt}: {one_line(exc)}") from None


def one_line(exc: BaseException) -> str:
    """An exception's message on one line."""
    return " ".join(str(exc).split())


def _read_graphml(path) -> nx.MultiDiGraph:
    if not Path(path).is_file():
        raise GraphReadError(f"{path}: no such file")
    try:
        return _graphml_graph(path)
    except (SyntaxError, ValueError, KeyError, TypeError, nx.NetworkXError) as exc:  # ParseError is a SyntaxError
        raise GraphReadError(f"{path}: not valid graphml: {exc}") from None


class GraphReadError(KgError, ValueError):
    """A graph file that does not parse."""


def read_rdf(path: str | Path, fmt: str | None = None) -> Graph:
    """An RDF file as one rdflib graph (the named graphs of a TriG file are united)."""
    fmt = format_for(path, fmt)
    if not Path(path).is_file():
        raise GraphReadError(f"{path}: no such file")
    try:
        return _read_rdf(path, fmt)
    except (SyntaxError, ValueError, KeyError, TypeError, RecursionError, nx.NetworkXError) as exc:
        # rdflib's parsers raise these on bad input
        detail = getattr(exc, "message", None) or str(exc)
        raise GraphReadError(f"{path}: not valid {fmt}: {detail}") from None


def _read_rdf(path, fmt: str) -> Graph:
    from rdflib import Dataset, Graph

    if fmt == "graphml":
        return to_rdf(_graphml_graph(path))
    if fmt == "trig":
        ds = Dataset()
        ds.parse(path, format="trig")
        g = Graph()
        for quad in ds.quads((None, None, None, None)):
            g.add(quad[:3])
        return g
    g = Graph()
    if fmt == "jsonld":
        text = Path(path).read_text(encoding="utf-8")
        _inline_contexts_only(json.loads(text))
        g.parse(data=text, format="json-ld")
    else:
        g.parse(path, format=FORMATS[fmt][1])
    return g


def inline_contexts_only(path: str | Path) -> None:
    """A ValueError unless the JSON-LD file at ``path`` is JSON with its contexts inline (no parser, ours
    or Oxigraph's, is then asked to load one)."""
    _inline_contexts_only(json.loads(Path(path).read_text(encoding="utf-8")))


def _inline_contexts_only(document) -> None:
    """rdflib loads a JSON-LD @context named by IRI from wherever it points: the web, a local file, a
    device or a FIFO. kg-builder writes its context inline, so a context to load is refused."""
    stack = [document]
    while stack:  # not recursive: a document may nest deeper than Python's stack
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                named = [x for x in (item if isinstance(item, list) else [item]) if isinstance(x, str)]
                if key in ("@context", "@import") and named:
                    raise ValueError(f"{key} {named[0][:200]!r} would be loaded from elsewhere; "
                                     f"only inline contexts are read")
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)


# GraphML holds scalars only: list and dict attributes travel as JSON text.
_JSON_ATTRS = {name for name, p in LITERALS.items() if p.many} | {"literalEvidence", "evidence", "rules", "rejects",
                                                                   "replaces"}


def _graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    H = nx.MultiDiGraph()
    for node in sorted(G.nodes):
        H.add_node(node, **{k: json.dumps(v) if k in _JSON_ATTRS else v for k, v in sorted(G.nodes[node].items())})
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        H.add_edge(u, v, key=key, **{k: json.dumps(x) if k in _JSON_ATTRS else x for k, x in sorted(data.items())})
    return ("\n".join(nx.generate_graphml(H)) + "\n").encode("utf-8")


def _known_type(value) -> bool:
    """Whether ``value`` is a node type kg-builder writes (its classes read back as itself)."""
    try:
        return isinstance(value, str) and type_of(set(classes_of(value))) == value
    except ValueError:
        return False


def _graphml_graph(path) -> nx.MultiDiGraph:
    H = nx.read_graphml(path, force_multigraph=True)
    G = nx.MultiDiGraph()
    for node, data in H.nodes(data=True):
        if not _known_type(data.get("type")):
            raise ValueError(f"node {node!r} has type {data.get('type')!r}, not a kg-builder class such as 'Person'")
        G.add_node(node, **{k: json.loads(v) if k in _JSON_ATTRS else v for k, v in data.items()})
    for u, v, key, data in H.edges(keys=True, data=True):
        if key not in RELATIONS:
            raise ValueError(f"edge {u!r} -> {v!r} has relation {key!r}, not a kg-builder one such as 'mentions'")
        G.add_edge(u, v, key=key, **{k: json.loads(x) if k in _JSON_ATTRS else x for k, x in data.items()})
    return G
