"""SPARQL over a graph: two engines, named queries, bindings and the W3C result formats.

Engines:
    ``rdflib``    the graph file parsed into an rdflib graph in memory (the embedded default);
    ``oxigraph``  pyoxigraph, in memory for a file or on disk for a store directory
                  (``kg build --store oxigraph:DIR``), much faster on large graphs.
Both answer the same queries the same way (``tests/test_sparql.py``). Values are
given as bindings (rdflib ``initBindings``, Oxigraph substitutions), never pasted
into query text. The kg-builder prefixes (``schema:``, ``kgo:``, ...) are predeclared.
"""
from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from . import rdf
from .errors import KgError
from .vocab import PREFIXES, ontology_file

ENGINES = ("rdflib", "oxigraph")
RESULT_FORMATS = {  # name -> media type
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {  # name -> (media type, pyoxigraph format, rdflib format)
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE, "turtle"),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES, "nt"),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD, "json-ld"),
    "xml": ("application/rdf+xml", ox.RdfFormat.RDF_XML, "xml"),
}
_OX_FILE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
                    "jsonld": ox.RdfFormat.JSON_LD}
STORE_PREFIX = "oxigraph:"


class QueryError(KgError, ValueError):
    """A query that cannot run: it does not parse (the message gives the position) or lacks a binding."""


class QueryRefused(QueryError):
    """A query that would reach beyond this graph (SERVICE)."""


@dataclass
class Answer:
    """A query's answer in engine-neutral form: rows of terms (SELECT), a boolean (ASK) or triples."""

    kind: str  # "SELECT", "ASK" or "GRAPH"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # rdflib terms (or None), one tuple per solution
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)


# --- named queries -------------------------------------------------------------------------------

@dataclass(frozen=True)
class NamedQuery:
    name: str
    question: str
    text: str
    binds: tuple[str, ...]  # variables the caller must bind


def named_queries() -> dict[str, NamedQuery]:
    """The queries of ``ontology/queries``, by file stem."""
    folder = ontology_file("queries")
    found = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        question = re.search(r"^#\s*Question:\s*(.+)$", text, re.M)
        binds = re.search(r"^#\s*Bind:\s*(.+)$", text, re.M)
        names = tuple(re.findall(r"(\w+)\s*\(", binds.group(1))) if binds else ()
        found[path.stem] = NamedQuery(path.stem, question.group(1).strip() if question else "", text, names)
    return found


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; choose one of {', '.join(queries)}")
    return queries[name]


def parse_binding(text: str) -> tuple[str, str]:
    """``name=Jane Roe`` -> ("name", "Jane Roe"); ``p=<https://schema.org/spouse>`` keeps the IRI brackets."""
    name, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"\w+", name.strip()):
        raise QueryError(f"binding {text!r} must look like NAME=VALUE, for example name=\"Jane Roe\"")
    return name.strip(), value


# --- the guard every engine runs first ----------------------------------------------------------

# Python frames rdflib's recursive parser may use: enough for queries nested about 200 deep, and shallow
# enough for Oxigraph's own recursive parser, which overflows its stack somewhere past 2,000.
PARSE_FRAMES = 10_000


@dataclass(frozen=True)
class CheckedQuery:
    """A query that may run here, as rdflib parsed it."""

    parsed: object  # rdflib.plugins.sparql.sparql.Query
    variables: frozenset[str]  # what a binding may name: the projection of a SELECT, else every variable
    has_dataset: bool  # FROM or FROM NAMED


def check_query(text: str, bindings=()) -> CheckedQuery:
    """Parse ``text`` with rdflib's SPARQL parser and refuse what must not run here.

    The guard reads the parsed query, as the engines do (codepoint escapes, prefixed names and all),
    not the text: ``SERVICE`` anywhere in it would send a request to another endpoint and is refused;
    so is a binding of a variable the query does not have, and a query that does not parse or nests
    too deeply for the parsers. Raises QueryError with the reason.
    """
    checked = _read_cached(text) if len(text) <= 16_384 else _read(text)
    unknown = sorted(set(bindings) - checked.variables)
    if unknown:
        raise QueryError(f"cannot bind {', '.join('?' + v for v in unknown)}: the query "
                         + ("selects" if checked.parsed.algebra.name == "SelectQuery" else "has")
                         + f" only {', '.join('?' + v for v in sorted(checked.variables)) or 'no variables'}")
    return checked


def _read(text: str) -> CheckedQuery:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.algebra import traverse

    frames = sys.getrecursionlimit()
    sys.setrecursionlimit(max(frames, PARSE_FRAMES))
    try:
        parsed = prepareQuery(text, initNs=PREFIXES)
    except ParseBaseException as exc:
        raise QueryError(f"query does not parse at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except RecursionError:
        raise QueryError("the query nests too deeply to be read (about 200 levels of brackets are allowed)") from None
    except Exception as exc:  # rdflib's translation raises plain exceptions (e.g. an unknown prefix)
        raise QueryError(f"query cannot be read: {exc}") from None
    finally:
        sys.setrecursionlimit(frames)
    services = []
    traverse(parsed.algebra, lambda node: services.append(node)
             if getattr(node, "name", None) == "ServiceGraphPattern" else None)
    if services:
        raise QueryRefused("SERVICE is refused: queries run on this graph only, and no request leaves this machine")
    algebra = parsed.algebra
    names = algebra.PV if algebra.name == "SelectQuery" else algebra._vars
    return CheckedQuery(parsed, frozenset(str(v) for v in names), bool(algebra.datasetClause))


# the same queries come again and again (named queries, a page's own); parsing one takes 10-100 ms
_read_cached = functools.lru_cache(maxsize=256)(_read)


# --- engines -------------------------------------------------------------------------------------

class Engine:
    """Runs queries on one graph."""

    name = ""

    def answer(self, text: str, bindings: dict[str, str] | None = None) -> Answer:
        raise NotImplementedError

    def serialize(self, text: str, bindings: dict[str, str] | None, fmt: str) -> tuple[bytes, str]:
        """The answer in a W3C results format (SELECT, ASK) or an RDF format (CONSTRUCT, DESCRIBE)."""
        raise NotImplementedError


class RdflibEngine(Engine):
    name = "rdflib"

    def __init__(self, graph: Graph):
        self.graph = graph

    def execute(self, text, bindings):
        checked = check_query(text, bindings or {})
        if checked.has_dataset:  # rdflib would ignore it on one graph, or fetch the graph from the web
            raise QueryError("FROM and FROM NAMED choose graphs of a store or TriG file: "
                             "run the query with --engine oxigraph")
        init = {k: _rdflib_term(v) for k, v in (bindings or {}).items()}
        return self.graph.query(checked.parsed, initBindings=init)

    def answer(self, text, bindings=None) -> Answer:
        result = self.execute(text, bindings)
        if result.type == "ASK":
            return Answer("ASK", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return Answer("GRAPH", triples=list(result.graph))
        names = [str(v) for v in result.vars]
        return Answer("SELECT", names, [tuple(row) for row in result])

    def serialize(self, text, bindings, fmt):
        result = self.execute(text, bindings)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            media, _, rdflib_format = _graph_format(fmt)
            return result.graph.serialize(format=rdflib_format, encoding="utf-8"), media
        media = _result_format(fmt)
        if fmt == "tsv":
            return _tsv(self.answer(text, bindings)), media
        return result.serialize(format=fmt, encoding="utf-8"), media


class OxigraphEngine(Engine):
    name = "oxigraph"

    def __init__(self, store: ox.Store):
        self.store = store

    def execute(self, text, bindings, default_graphs=None, named_graphs=None):
        """The query's result; ``default_graphs`` and ``named_graphs`` (IRIs) choose the dataset as the
        protocol's ``default-graph-uri`` and ``named-graph-uri`` do, over the query's FROM clauses.
        Without either, the default graph is the union of all graphs."""
        checked = check_query(text, bindings or {})
        subs = {ox.Variable(k): _ox_term(v) for k, v in (bindings or {}).items()}
        dataset = {}
        if default_graphs or named_graphs:  # the dataset is these graphs alone (either list may be empty)
            dataset = {"default_graph": [ox.NamedNode(g) for g in default_graphs or ()],
                       "named_graphs": [ox.NamedNode(g) for g in named_graphs or ()]}
        elif not checked.has_dataset:
            dataset = {"use_default_graph_as_union": True}
        try:
            return self.store.query(text, prefixes={p: str(ns) for p, ns in PREFIXES.items()},
                                    substitutions=subs, **dataset)
        except SyntaxError as exc:
            raise QueryError(f"query does not parse: {exc}") from None
        except RuntimeError as exc:  # e.g. a binding for a variable the query does not select
            raise QueryError(str(exc)) from None

    def answer(self, text, bindings=None) -> Answer:
        result = self.execute(text, bindings)
        if isinstance(result, ox.QueryBoolean):
            return Answer("ASK", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            return Answer("GRAPH", triples=[(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object))
                                            for t in result])
        names = [v.value for v in result.variables]
        return Answer("SELECT", names, [tuple(_from_ox(sol[n]) for n in names) for sol in result])

    def serialize(self, text, bindings, fmt):
        result = self.execute(text, bindings)
        if isinstance(result, ox.QueryTriples):
            media, ox_format, _ = _graph_format(fmt)
            return result.serialize(format=ox_format), media
        media = _result_format(fmt)
        return result.serialize(format=ox.QueryResultsFormat.from_media_type(media)), media


def open_engine(source: str | Path, engine: str | None = None) -> Engine:
    """An engine on a graph file or an Oxigraph store directory (``DIR`` or ``oxigraph:DIR``)."""
    text = str(source)
    if text.startswith(STORE_PREFIX) or Path(text).is_dir():
        folder = Path(text.removeprefix(STORE_PREFIX))
        if engine == "rdflib":
            raise QueryError(f"{folder} is an Oxigraph store; it is queried with --engine oxigraph")
        if not folder.is_dir():
            raise QueryError(f"{folder}: no such store directory")
        return OxigraphEngine(ox.Store.read_only(str(folder)))
    if (engine or "rdflib") == "rdflib":
        return RdflibEngine(rdf.read_rdf(text))
    return OxigraphEngine(load_store(text))


def load_store(path: str | Path, store: ox.Store | None = None) -> ox.Store:
    """A graph file loaded into an Oxigraph store (in memory unless one is given)."""
    store = store if store is not None else ox.Store()
    fmt = rdf.format_for(path)
    if not Path(path).is_file():
        raise rdf.GraphReadError(f"{path}: no such file")
    try:
        if fmt == "graphml":
            store.bulk_load(rdf.serialize(rdf.load(path, fmt), "nt"), format=ox.RdfFormat.N_TRIPLES)
        else:
            store.bulk_load(path=str(path), format=_OX_FILE_FORMATS[fmt])
    except SyntaxError as exc:
        raise rdf.GraphReadError(f"{path}: not valid {fmt}: {exc}") from None
    return store


def store_graph(location: str | Path):
    """The kg-builder graph held in the default graph of the Oxigraph store at ``location`` (NetworkX),
    or None when there is no store there or it is empty."""
    folder = Path(str(location).removeprefix(STORE_PREFIX))
    if not folder.is_dir() or not any(folder.iterdir()):
        return None
    store = ox.Store.read_only(str(folder))
    try:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    finally:
        del store
    if not data:
        return None
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return rdf.from_rdf(g, others=True)


def update_store(location: str | Path, G, base: str, before=None) -> int:
    """Make the store at ``location`` (created if need be) hold ``G``: the triples of ``before`` (the
    graph it held, as read by ``store_graph``) that ``G`` no longer has are deleted and the new ones
    inserted, in one transaction, so a failure leaves the store as it was; triples the store holds
    that did not come from kg-builder are left alone. Returns the store's size after."""
    folder = Path(str(location).removeprefix(STORE_PREFIX))
    folder.mkdir(parents=True, exist_ok=True)
    old = {str(t) for t in rdf.ox_triples(before, base)} if before is not None else set()
    triples = {str(t): t for t in rdf.ox_triples(G, base)}
    gone, added = sorted(old - triples.keys()), sorted(triples.keys() - old)
    store = ox.Store(str(folder))
    try:
        if gone:
            store.update("DELETE DATA { " + " .\n".join(gone) + " } ;\n"
                         "INSERT DATA { " + " .\n".join(added) + " }")
        elif added:  # only additions (a new store, new articles only): the faster bulk transaction
            store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in (triples[k] for k in added))
        store.flush()
        return len(store)
    finally:
        del store


# --- terms and formats ---------------------------------------------------------------------------

def _rdflib_term(value: str):
    return URIRef(value[1:-1]) if value.startswith("<") and value.endswith(">") else Literal(value)


def _ox_term(value: str):
    return ox.NamedNode(value[1:-1]) if value.startswith("<") and value.endswith(">") else ox.Literal(value)


def _from_ox(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _result_format(fmt: str) -> str:
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"results format {fmt!r} is not one of {', '.join(RESULT_FORMATS)}")
    return RESULT_FORMATS[fmt]


def _graph_format(fmt: str):
    fmt = {"json": "jsonld", "csv": "nt", "tsv": "nt"}.get(fmt, fmt)
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"graph format {fmt!r} is not one of {', '.join(GRAPH_FORMATS)}")
    return GRAPH_FORMATS[fmt]


def _tsv(answer: Answer) -> bytes:
    """SPARQL 1.1 TSV results (rdflib has no TSV writer)."""
    if answer.kind == "ASK":
        return b"?_askResult\n" + (b"true\n" if answer.boolean else b"false\n")
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    for row in answer.rows:
        lines.append("\t".join("" if t is None else t.n3().replace("\t", "\\t") for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def show(term) -> str:
    """A term for people: prefixed IRIs, literal values."""
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)):
                return f"{prefix}:{text[len(str(ns)):]}"
    return text


def print_table(answer: Answer, out=None) -> None:
    """An answer as an aligned text table (SELECT), yes/no (ASK) or N-Triples (CONSTRUCT, DESCRIBE)."""
    out = out or sys.stdout
    if answer.kind == "ASK":
        print("yes" if answer.boolean else "no", file=out)
        return
    if answer.kind == "GRAPH":
        for s, p, o in answer.triples:
            print(f"{s.n3()} {p.n3()} {o.n3()} .", file=out)
        return
    rows = [[show(t) for t in row] for row in answer.rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(answer.variables)]
    print("  ".join(n.ljust(w) for n, w in zip(answer.variables, widths)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in rows:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip(), file=out)
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=out)
