"""SPARQL over a graph: two engines, named queries, bindings and the W3C result formats.

Engines:
    ``oxigraph``  pyoxigraph (the default): a store directory (``kg build --store oxigraph:DIR``), or for
                  a graph file the store ``kg.store`` keeps beside it, so the file is parsed once;
    ``rdflib``    the graph file parsed into an rdflib graph in memory, every time (much slower).
Both answer the same queries the same way (``tests/test_sparql.py``). Values are
given as bindings (rdflib ``initBindings``, Oxigraph substitutions), never pasted
into query text. The kg-builder prefixes (``schema:``, ``kgo:``, ...) are predeclared.
"""
from __future__ import annotations

import difflib
import functools
import queue
import re
import sys
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from . import rdf, store
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
_OX_FILE_FORMATS = rdf.OX_FORMATS
STORE_PREFIX = store.STORE_PREFIX
load_store = store.load


class QueryError(KgError, ValueError):
    """A query that cannot run: it does not parse (the message gives the position) or lacks a binding."""


class QueryRefused(QueryError):
    """A query that would reach beyond this graph (SERVICE)."""


@dataclass
class Answer:
    """A query's answer in engine-neutral form: rows of terms (SELECT), a boolean (ASK) or triples.

    ``raw`` holds the terms as the engine gave them; ``rows`` the same as rdflib terms, made when first
    asked for (making rdflib literals costs more than many queries do), ``texts`` as strings for people.
    """

    kind: str  # "SELECT", "ASK" or "GRAPH"
    variables: list[str] = field(default_factory=list)
    raw: list[tuple] = field(default_factory=list)  # one tuple per solution; None where unbound
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)
    convert: Callable | None = None  # an engine's term -> an rdflib term (None: they are rdflib terms)

    @cached_property
    def rows(self) -> list[tuple]:
        if self.convert is None:
            return self.raw
        return [tuple(None if t is None else self.convert(t) for t in row) for row in self.raw]

    def texts(self) -> list[list[str]]:
        return [[show(t) for t in row] for row in self.raw]

    def __len__(self) -> int:
        return len(self.raw)


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
        close = difflib.get_close_matches(name, queries, n=2, cutoff=0.6)
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise QueryError(f"no named query {name!r}; {hint}choose one of {', '.join(queries)}")
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


# strings, IRIs and comments, where a colon is no prefix
_STRIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def check_prefixes(text: str) -> None:
    """A ``QueryError`` naming the first prefix the query neither declares nor finds predeclared."""
    bare = _STRIP.sub(lambda m: "\n" * m.group().count("\n") or " ", text)  # lines stay where they were
    declared = set(re.findall(r"(?i)\bprefix\s+([A-Za-z][\w.-]*|):", bare))
    for match in re.finditer(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:", bare):
        prefix = match.group(1) or ""
        if prefix not in PREFIXES and prefix not in declared:
            line = bare.count("\n", 0, match.start()) + 1
            raise QueryError(f"unknown prefix '{prefix}:' at line {line}; declare it (PREFIX {prefix}: <...>) "
                             f"or use one of {', '.join(p + ':' for p in PREFIXES)}")


def _parse_error(text: str, message: str) -> QueryError:
    """One line from an Oxigraph parse error: where, near what, and what was expected (when short)."""
    found = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if not found:
        return QueryError(f"query does not parse: {' '.join(message.split())}")
    line, column, expected = int(found.group(1)), int(found.group(2)), " ".join(found.group(3).split())
    lines = text.splitlines()
    near = lines[line - 1][max(column - 1, 0):][:20].strip() if 0 < line <= len(lines) else ""
    where = f"line {line}, column {column}" + (f" near {near!r}" if near else " (the end)")
    return QueryError(f"query does not parse at {where}" + (f": {expected}" if len(expected) <= 80 else ""))


class RdflibEngine(Engine):
    name = "rdflib"

    def __init__(self, graph: Graph):
        self.graph = graph

    def execute(self, text, bindings):
        check_prefixes(text)
        checked = check_query(text, bindings or {})
        if checked.has_dataset:  # rdflib would ignore it on one graph, or fetch the graph from the web
            raise QueryError("FROM and FROM NAMED choose graphs of a store or TriG file: "
                             "run the query with --engine oxigraph")
        init = {k: _rdflib_term(v) for k, v in (bindings or {}).items()}
        try:
            return self.graph.query(checked.parsed, initBindings=init)
        except Exception as exc:  # rdflib raises plain exceptions for queries it cannot evaluate
            raise QueryError(f"query cannot run: {' '.join(str(exc).split())}") from None

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
        return serialize_answer(self.answer(text, bindings), fmt)


class OxigraphEngine(Engine):
    name = "oxigraph"

    def __init__(self, store: ox.Store):
        self.store = store

    def check(self, text: str, bindings=None, own: bool = False) -> CheckedQuery:
        """The guard's reading of a query (``check_query``); a query of kg-builder's own (``own``: kg
        validate's, kg stats', with no value from outside) is not read (rdflib takes 10-100 ms a query,
        and kg validate runs hundreds)."""
        if own:
            return CheckedQuery(None, frozenset(), False)
        check_prefixes(text)
        return check_query(text, bindings or {})

    def execute(self, text, bindings, default_graphs=None, named_graphs=None, own: bool = False,
                checked: CheckedQuery | None = None):
        """The query's result; ``default_graphs`` and ``named_graphs`` (IRIs) choose the dataset as the
        protocol's ``default-graph-uri`` and ``named-graph-uri`` do, over the query's FROM clauses.
        Without either, the default graph is the union of all graphs. ``own`` and ``checked``: see
        ``check`` (a query checked already is not read again)."""
        checked = checked or self.check(text, bindings, own)
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
            raise _parse_error(text, str(exc)) from None
        except RuntimeError as exc:  # e.g. a binding for a variable the query does not select
            raise QueryError(" ".join(str(exc).split())) from None

    def answer(self, text, bindings=None, own: bool = False, checked: CheckedQuery | None = None) -> Answer:
        result = self.execute(text, bindings, own=own, checked=checked)
        if isinstance(result, ox.QueryBoolean):
            return Answer("ASK", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            return Answer("GRAPH", triples=[(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object))
                                            for t in result])
        return Answer("SELECT", [v.value for v in result.variables], [tuple(sol) for sol in result],
                      convert=_from_ox)

    def serialize(self, text, bindings, fmt, checked: CheckedQuery | None = None):
        result = self.execute(text, bindings, checked=checked)
        if isinstance(result, ox.QueryTriples):
            media, ox_format, _ = _graph_format(fmt)
            return result.serialize(format=ox_format), media
        media = _result_format(fmt)
        return result.serialize(format=ox.QueryResultsFormat.from_media_type(media)), media


def serialize_answer(answer: Answer, fmt: str) -> tuple[bytes, str]:
    """A SELECT or ASK answer in a W3C results format (rdflib's writers; TSV our own)."""
    from rdflib.query import Result
    from rdflib.term import Variable

    media = _result_format(fmt)
    if fmt == "tsv":
        return _tsv(answer), media
    result = Result(answer.kind)
    if answer.kind == "ASK":
        result.askAnswer = answer.boolean
    else:
        result.vars = [Variable(v) for v in answer.variables]
        result.bindings = [{Variable(v): t for v, t in zip(answer.variables, row) if t is not None}
                           for row in answer.rows]
    return result.serialize(format=fmt, encoding="utf-8"), media


def merge(answers: list[Answer]) -> Answer:
    """The answers of one SELECT run with several bindings, one after the other, each row once."""
    if len(answers) == 1:
        return answers[0]
    rows = list(dict.fromkeys(row for a in answers for row in a.raw))
    return Answer("SELECT", answers[0].variables, rows, convert=answers[0].convert)


def fold(name: str) -> str:
    """A name as compared by ``names_like``: no accents, no case, single spaces ("ZOË  Roe" -> "zoe roe")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_NAMES = "SELECT DISTINCT ?name WHERE { { ?e schema:name ?name } UNION { ?e schema:alternateName ?name } }"


def names_like(engine: Engine, name: str) -> list[str]:
    """The names and other names in the graph that ``name`` spells, whatever the case and accents."""
    wanted = fold(name)
    rows = engine.answer(_NAMES, own=True).raw if isinstance(engine, OxigraphEngine) else engine.answer(_NAMES).raw
    return sorted({value(row[0]) for row in rows if fold(value(row[0])) == wanted})


class CachedFileEngine(OxigraphEngine):
    """Oxigraph on the store kept beside a graph file, with the file as a second way: an on-disk store
    answers a selective query at once but a query that reads much of the graph several times slower than
    memory does, so a query the store has not answered within half the time loading the file takes
    runs on the file loaded into memory as well (both on threads), and the first answer wins (once the
    file is in memory, later queries stay there). No query then takes much more than loading the file
    and querying it would."""

    def __init__(self, db: ox.Store, path: Path):
        super().__init__(db)
        self.path = path
        self.patience = max(0.3, 0.5 * path.stat().st_size / store.LOAD_RATE)
        self.memory: OxigraphEngine | None = None
        self._loading = threading.Lock()  # queries run at once (kg validate) load the file once

    # the query is read here, not on a thread: a thread's stack is too small for a deeply nested one
    def answer(self, text, bindings=None, own: bool = False, checked: CheckedQuery | None = None) -> Answer:
        checked = checked or self.check(text, bindings, own)
        return self._race(lambda engine: OxigraphEngine.answer(engine, text, bindings, own, checked))

    def serialize(self, text, bindings, fmt, checked: CheckedQuery | None = None):
        checked = checked or self.check(text, bindings)
        return self._race(lambda engine: OxigraphEngine.serialize(engine, text, bindings, fmt, checked))

    def _race(self, run):
        if self.memory is not None:
            return run(self.memory)
        answers: queue.Queue = queue.Queue()

        def attempt(engine_of):
            try:
                answers.put((True, run(engine_of())))
            except Exception as exc:  # handed to the caller below
                answers.put((False, exc))

        def start(engine_of):
            threading.Thread(target=attempt, args=(engine_of,), daemon=True).start()
        start(lambda: OxigraphEngine(self.store))
        try:
            ok, value = answers.get(timeout=self.patience)
        except queue.Empty:  # the file is loaded on a thread too: the store may still answer first
            start(self._in_memory)
            ok, value = answers.get()
            if not ok:  # the other way may still answer (a file that cannot be read now, say)
                ok, value = answers.get()
        if not ok:
            raise value
        return value

    def _in_memory(self) -> OxigraphEngine:
        with self._loading:
            if self.memory is None:
                self.memory = OxigraphEngine(store.load(self.path))
        return self.memory


def open_engine(source: str | Path, engine: str | None = None) -> Engine:
    """An engine on a graph file or an Oxigraph store directory (``DIR`` or ``oxigraph:DIR``): Oxigraph
    by default (a file's store is cached beside it, ``kg.store``), or rdflib on the file parsed anew."""
    if (engine or "oxigraph") == "oxigraph":
        db = store.open_store(source)
        if not store.is_store(source) and store.is_cached(source):
            return CachedFileEngine(db, Path(source))
        return OxigraphEngine(db)
    if store.is_store(source):
        raise QueryError(f"{store.store_dir(source)} is an Oxigraph store; it is queried with --engine oxigraph")
    return RdflibEngine(rdf.read_rdf(source))


def store_graph(location: str | Path):
    """The kg-builder graph held in the default graph of the Oxigraph store at ``location`` (NetworkX),
    or None when there is no store there or it is empty."""
    folder = store.store_dir(location)
    if not folder.is_dir() or not any(folder.iterdir()):
        return None
    held = ox.Store.read_only(str(folder))
    try:
        quads = list(held.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    finally:
        del held
    return rdf.from_triples(quads, others=True) if quads else None


def update_store(location: str | Path, G, base: str, before=None) -> int:
    """Make the store at ``location`` (created if need be) hold ``G``: the triples of ``before`` (the
    graph it held, as read by ``store_graph``) that ``G`` no longer has are deleted and the new ones
    inserted, in one transaction, so a failure leaves the store as it was; triples the store holds
    that did not come from kg-builder are left alone. Returns the store's size after."""
    folder = store.store_dir(location)
    folder.mkdir(parents=True, exist_ok=True)
    old = {str(t) for t in rdf.ox_triples(before, base)} if before is not None else set()
    triples = {str(t): t for t in rdf.ox_triples(G, base)}
    gone, added = sorted(old - triples.keys()), sorted(triples.keys() - old)
    target = ox.Store(str(folder))
    try:
        if gone:
            target.update("DELETE DATA { " + " .\n".join(gone) + " } ;\n"
                          "INSERT DATA { " + " .\n".join(added) + " }")
        elif added:  # only additions (a new store, new articles only): the faster bulk transaction
            target.extend(ox.Quad(t.subject, t.predicate, t.object) for t in (triples[k] for k in added))
        target.flush()
        return len(target)
    finally:
        del target


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


def value(term) -> str:
    """A term's IRI or lexical value, whatever the engine (pyoxigraph or rdflib) that gave it."""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(term)


def show(term) -> str:
    """A term for people: prefixed IRIs, literal values."""
    if term is None:
        return ""
    text = value(term)
    if isinstance(term, (URIRef, ox.NamedNode)):
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
    rows = answer.texts()
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(answer.variables)]
    print("  ".join(n.ljust(w) for n, w in zip(answer.variables, widths)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in rows:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip(), file=out)
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=out)
