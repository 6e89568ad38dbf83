"""The ``kg`` command: a thin layer over the Python API."""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

# Only light modules here: ``kg --help`` must not wait for spaCy, rdflib or NetworkX.
from . import __version__, iris
from .errors import KgError, RuleError
from .formats import FORMATS, RDF_SUFFIXES
from .nlp import DEFAULT_MODEL
from .sources import iso_date

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
GRAPH_HELP = "graph file (.ttl, .trig, .nt, .jsonld, .graphml), or store directory (DIR or oxigraph:DIR)"


def main(argv: list[str] | None = None) -> int:
    """Run the command in ``argv``; without it, run as the ``kg`` program (the console script,
    ``python -m kg.cli``) on the command line, and the process ends when it returns."""
    if argv is not None:
        return _main(argv)
    try:
        return _main(sys.argv[1:])
    finally:
        # Python's exit would collect the garbage of every object still alive, the millions spaCy made among
        # them (0.3-0.6 s); exit handlers still run and files are still closed, the system frees the rest
        gc.freeze()


def _main(argv: list[str]) -> int:
    parser = make_parser(correct="correct" in argv)
    args, rest = parser.parse_known_args(argv)
    if rest and getattr(args, "command", None) == "query" and args.query is None and len(rest) == 1 \
            and not rest[0].startswith("-"):
        args.query = rest[0]  # kg query GRAPH --engine oxigraph 'SELECT ...': options before the query text
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        return args.run(args)
    except (KgError, ValueError, OSError, RuntimeError) as exc:
        if isinstance(exc, BrokenPipeError):
            return _quiet_broken_pipe()
        print(f"kg: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kg: interrupted; no output was written", file=sys.stderr)
        return 130


def _quiet_broken_pipe() -> int:
    """The reader of our output went away (``kg query ... | head``): stop without a word, as ``cat`` does."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not complain again
    except (OSError, ValueError):  # standard output is not a file (under a test's capture)
        pass
    return 141  # 128 + SIGPIPE, what a shell reports for a command a pipe stopped


def make_parser(correct: bool = True) -> argparse.ArgumentParser:
    """The ``kg`` parser; without ``correct``, ``kg correct`` is only named (its options need the
    vocabulary, whose import would double the time ``kg --help`` takes)."""
    parser = argparse.ArgumentParser(prog="kg", description="Build knowledge graphs from news articles, "
                                     "query them with SPARQL, draw and export them.")
    parser.add_argument("--version", action="version", version=f"kg-builder {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="read articles and write their graph",
                       description="Read articles and write their knowledge graph. Exit status: 0 when every "
                                   "input was read, 3 when some were skipped (named on stderr), 1 on failure.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="text, Markdown or HTML file, directory, .jsonl file, or - for standard input")
    p.add_argument("-o", "--output", help="output file, or - for standard output")
    p.add_argument("--update", metavar="GRAPH",
                   help="add to this graph file (read it, add the new articles, write it back; "
                        "or write to -o); articles already in it are skipped")
    p.add_argument("--store", metavar="oxigraph:DIR",
                   help="add to the graph in this on-disk Oxigraph store (created if need be) like --update, "
                        "changing the store in one transaction")
    p.add_argument("--format", choices=sorted(FORMATS), help="output format (default: from the suffix; "
                   "turtle for standard output)")
    p.add_argument("--base-iri", default=iris.DEFAULT_BASE, help=f"base of instance IRIs (default {iris.DEFAULT_BASE})")
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline (default {DEFAULT_MODEL})")
    p.add_argument("--date", type=_date, help="publication date (YYYY-MM-DD) of articles that give none")
    p.add_argument("--min-confidence", type=_fraction, default=0.0, metavar="C",
                   help="leave out entities, events and facts read with confidence below C (0..1)")
    p.add_argument("--reported-speech", action="store_true",
                   help="keep reported speech (\"she said the council would review it\") as indirect quotations "
                        "too (kgo:indirect true), besides the words in quotation marks")
    p.add_argument("--max-chars", type=int, default=2_000_000, metavar="N",
                   help="skip (and name) documents longer than N characters (default 2,000,000)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="processes reading at once (default 1)")
    p.add_argument("--dask", metavar="tcp://SCHEDULER:8786",
                   help="read on the workers of this Dask cluster (kg-builder installed on them)")
    p.add_argument("--corrections", metavar="FILE",
                   help="apply an editor's decisions (kg correct); default: NAME.corrections.toml beside the "
                        "output or store, if there is one")
    p.add_argument("--no-corrections", action="store_true", help="apply no corrections file")
    p.add_argument("--strict", action="store_true", help="stop at the first input that cannot be read")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("validate", help="check a graph against the SHACL shapes",
                       description="Check a graph against ontology/shapes.ttl, every shape by SPARQL on "
                                   "Oxigraph (or --engine pyshacl, much slower). Exit status 0 when it "
                                   "conforms, 1 (with a report) when it does not.")
    p.add_argument("graph", help=GRAPH_HELP)
    p.add_argument("--format", choices=sorted(FORMATS), help="the file's format (default: from the suffix)")
    p.add_argument("--engine", choices=["oxigraph", "pyshacl"], default="oxigraph",
                   help="oxigraph (default): the shapes as SPARQL queries; pyshacl: the SHACL reference engine")
    p.add_argument("--max-report", type=int, default=50, metavar="N", help="list at most N violations (default 50)")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("query", help="run a SPARQL query on a graph file or store",
                       description="Run a SPARQL query on a graph file or an Oxigraph store directory. "
                                   "The prefixes schema:, kgo:, rdf:, rdfs:, xsd:, owl: and prov: are predeclared.")
    p.add_argument("graph", nargs="?", help=GRAPH_HELP)
    p.add_argument("query", nargs="?", help="the query text")
    p.add_argument("-f", "--file", help="read the query from this file")
    p.add_argument("--name", help="run a named query of ontology/queries (see --list)")
    p.add_argument("--bind", action="append", default=[], metavar="VAR=VALUE",
                   help="bind a variable: a string, or an IRI in <angle brackets>; repeatable. A named query's "
                        "name= matches names whatever their case and accents")
    p.add_argument("--format", default="table", choices=["table", *sparql_formats()],
                   help="table (default); csv, tsv, json, xml for SELECT and ASK; turtle, nt, jsonld, xml "
                        "for CONSTRUCT and DESCRIBE")
    p.add_argument("--engine", choices=["oxigraph", "rdflib"],
                   help="oxigraph (default; a file's store is kept beside it, so it is parsed once) or "
                        "rdflib (parses the file every time; not for store directories)")
    p.add_argument("--list", action="store_true", help="list the named queries and the question each answers")
    p.set_defaults(run=cmd_query)

    p = sub.add_parser("serve", help="serve a graph as a read-only SPARQL endpoint",
                       description="Serve a graph file or store directory at http://HOST:PORT/sparql "
                                   "(SPARQL 1.1 Protocol, read-only) and its page at /. Ctrl-C or SIGTERM stops it.")
    p.add_argument("graph", help=GRAPH_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default 10)")
    p.add_argument("--max-rows", type=int, default=10_000, help="largest answer, in rows (default 10000)")
    p.add_argument("--max-bytes", type=int, default=50_000_000, help="largest answer, in bytes (default 50000000)")
    p.add_argument("--max-memory", type=int, default=2048, metavar="MB",
                   help="memory a query worker may use, the store's included (default 2048)")
    p.add_argument("--workers", type=int, default=4, help="queries evaluated at once (default 4)")
    p.add_argument("--cors", metavar="ORIGIN",
                   help="let web pages of this origin (https://app.example, or *) read the answers (default: none)")
    p.add_argument("--corrections", metavar="FILE", help="serve the graph with these decisions applied "
                   "(default: NAME.corrections.toml beside it, if there is one)")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("push", help="send a graph to a triple store",
                       description="Send a graph to a store that speaks the SPARQL 1.1 Graph Store HTTP Protocol "
                                   "(--protocol gsp, ENDPOINT is its graph-store URL) or SPARQL Update "
                                   "(--protocol update, ENDPOINT is its update URL), in batches.")
    p.add_argument("graph", help=GRAPH_HELP)
    p.add_argument("--endpoint", required=True, help="the store's graph-store URL (gsp) or update URL (update)")
    p.add_argument("--graph", dest="graph_iri", metavar="IRI", help="named graph to fill (default: the default graph)")
    p.add_argument("--protocol", choices=["gsp", "update"], default="gsp", help="default gsp")
    p.add_argument("--replace", action="store_true", help="replace the graph's content instead of adding to it")
    p.add_argument("--batch", type=int, default=50_000, help="triples a request (default 50000)")
    p.add_argument("--user", help="HTTP Basic user; the password comes from $KG_PASSWORD or a prompt "
                                   "(never from the command line, which other users can see)")
    p.add_argument("--token", action="store_true", help="authenticate with a bearer token from $KG_TOKEN or a prompt")
    p.set_defaults(run=cmd_push)

    p = sub.add_parser("viz", help="draw a graph: an interactive page (.html) or a picture (.png, .svg)",
                       description="Draw a graph as one self-contained interactive page (.html: colours and "
                                   "shapes by class, search, filters, facts with their sentences) or a static "
                                   "picture of its most connected part (.png, .svg).")
    p.add_argument("graph", help=GRAPH_HELP)
    p.add_argument("-o", "--output", required=True, help="graph.html, graph.png or graph.svg")
    p.add_argument("--max-nodes", type=int, default=None,
                   help="draw only the N most connected nodes (default: 2000 on the page, 150 in a picture)")
    p.add_argument("--title", help="the page's title (default: the graph file's name)")
    p.add_argument("--corrections", metavar="FILE", help="draw the graph with these decisions applied "
                   "(default: NAME.corrections.toml beside it, if there is one)")
    p.set_defaults(run=cmd_viz)

    p = sub.add_parser("stats", help="count what a graph holds",
                       description="Count a graph's triples, nodes by class, relations, the entities and "
                                   "events in more than one article, and the places linked to gazetteers.")
    p.add_argument("graph", help=GRAPH_HELP)
    p.add_argument("--format", choices=["table", "json"], default="table", help="table (default) or json")
    p.set_defaults(run=cmd_stats)

    p = sub.add_parser("export", help="write a graph for Gephi, yEd, Cytoscape or Neo4j",
                       description="Write a graph for other tools, the format from the output's suffix: "
                                   ".gexf (Gephi), .graphml (yEd, Cytoscape, Gephi), .cypher (a script of "
                                   "Cypher statements for Neo4j or Memgraph), or --format neo4j: a folder of "
                                   "CSV node and relationship files for neo4j-admin database import. Nodes "
                                   "carry a label and their class; text spans are left out unless --spans.")
    p.add_argument("graph", help=GRAPH_HELP)
    p.add_argument("-o", "--output", required=True, help="graph.gexf, graph.graphml, graph.cypher, or a folder "
                                                         "with --format neo4j")
    p.add_argument("--format", choices=["gexf", "graphml", "cypher", "neo4j"],
                   help="default: from the output's suffix")
    p.add_argument("--spans", action="store_true", help="keep the text spans facts were read from, as nodes")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("eval", help="score builds of ../shared/eval against its gold facts",
                       description="Build every gold article under ../shared/eval (seed, dev, each folder of "
                                   "external-dev) and score it with the shared scorer: one line a set.")
    p.add_argument("sets", nargs="*", help="only these sets (e.g. dev wikievents; default: all)")
    p.add_argument("--shared", type=Path, help="the shared folder (default: ../shared beside the repository)")
    p.add_argument("--model", default=DEFAULT_MODEL)
    p.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    p.add_argument("--keep", type=Path, metavar="DIR", help="keep the built graphs in DIR")
    p.add_argument("--by-class", action="store_true", help="precision and recall per entity class, property and "
                                                           "event class and role")
    p.add_argument("--by-rule", action="store_true", help="precision and right/wrong claims per reading rule")
    p.add_argument("--floor", type=Path, help="JSON file with the lowest acceptable figures per set; exit 1 below")
    p.add_argument("--gold", type=Path, metavar="DIR", help="score these gold cases instead (X.txt and "
                   "X.gold.json: kg correct gold writes them from an editor's decisions)")
    p.set_defaults(run=cmd_eval)

    if correct:
        from .correct import add_parser as add_correct
        add_correct(sub)
    else:
        sub.add_parser("correct", help="record an editor's decision about the graph (applied to every build)",
                       description="Record an editor's decisions in a corrections file: kg correct --help.")
    return parser


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1")
    return number


def _date(value: str) -> str:
    try:
        return iso_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_build(args) -> int:
    from . import rdf
    from .corrections import ForBuild, save_read_graph
    from .pipeline import build
    from .store import is_store, store_dir

    graphs = [i for i in args.inputs if Path(i).suffix.lower() in RDF_SUFFIXES | {".graphml"} and Path(i).is_file()]
    if graphs:
        print(f"kg: error: {graphs[0]} is a graph, not an article; to add articles to it, "
              f"use kg build ARTICLES... --update {graphs[0]}", file=sys.stderr)
        return EXIT_USAGE
    skipped = []

    def on_error(error: KgError) -> None:
        if args.strict:
            raise error
        skipped.append(error)
        print(f"kg: {'warning' if isinstance(error, RuleError) else 'skipped'} {error}", file=sys.stderr)

    iris.check_base(args.base_iri)
    if args.update is not None and args.store is None and is_store(args.update):  # --update DIR: a store
        args.store, args.update = f"oxigraph:{store_dir(args.update)}", None
    if args.update is not None and args.output is None:
        args.output = args.update
    if args.output is None and args.store is None:
        print("kg: error: give -o OUTPUT, --update GRAPH, --store oxigraph:DIR, or some of them", file=sys.stderr)
        return EXIT_USAGE
    if args.store is not None and not args.store.startswith("oxigraph:"):
        print(f"kg: error: --store {args.store!r} must look like oxigraph:DIR", file=sys.stderr)
        return EXIT_USAGE
    to_stdout = args.output == "-"
    fmt = args.format or ("turtle" if to_stdout or args.output is None else rdf.format_for(args.output))
    corrections = ForBuild.find(args.corrections, args.no_corrections, (args.update or args.output, args.store))
    existing, kept = rdf.load_for_update(args.update, args.base_iri) \
        if args.update is not None and Path(args.update).exists() else (None, None)
    existing = corrections.as_read(existing, args.update, note)
    if args.store is not None:
        from .sparql import store_graph, update_store
        in_store = store_graph(args.store)
        if existing is None and in_store is not None:  # the store is the graph to add to
            existing = corrections.as_read(in_store.copy(), args.store, note)

    def identifiers(G) -> int:
        return sum(len(d.get("identifier", ())) for _, d in G.nodes(data=True)) if G is not None else 0

    repeats = []
    before, ids_before = (existing.number_of_nodes() if existing is not None else 0), identifiers(existing)
    progress = Progress(args.inputs) if sys.stderr.isatty() and not args.quiet else None
    G = build(args.inputs, model=args.model, base_iri=args.base_iri, date=args.date, on_error=on_error,
              min_confidence=args.min_confidence, max_chars=args.max_chars, jobs=max(1, args.jobs),
              dask=args.dask, progress=progress, into=existing, reported_speech=args.reported_speech,
              on_duplicate=lambda document, article: repeats.append((document, article)))
    if progress is not None:
        progress.done()
    if repeats and not args.quiet:
        print(_repeats_report(G, repeats), file=sys.stderr)
    articles = sum(1 for _, d in G.nodes(data=True) if d["type"] == "NewsArticle")
    unchanged = (existing is not None and G.number_of_nodes() == before and identifiers(G) == ids_before
                 and not skipped and not corrections.file and not corrections.off)
    G, read, report = corrections.apply(G, args.base_iri)
    for line in report.lines():  # a decision that matches nothing any more, or cannot be applied
        print(f"kg: {'note' if 'no match' in line else 'warning'}: {line}", file=sys.stderr)
    refused = report.of("conflict", "invalid")
    if unchanged and args.store is None:
        if not args.quiet:
            print(f"kg: nothing new for {args.update}; it is unchanged", file=sys.stderr)
        return EXIT_OK
    if articles == 0:
        print("kg: error: no document could be read; nothing was written", file=sys.stderr)
        return EXIT_ERROR
    if to_stdout:
        sys.stdout.buffer.write(rdf.serialize(G, fmt, args.base_iri, kept))
        sys.stdout.flush()
    elif args.output is not None and not unchanged:
        save_read_graph(args.output, read)  # first: a corrected output is never without its graph as read
        rdf.write(G, args.output, fmt, args.base_iri, kept)
    if args.store is not None:
        save_read_graph(args.store, read)
        size = update_store(args.store, G, args.base_iri, before=in_store)
    if not args.quiet:
        print(f"kg: {articles} article(s), {G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
              + (f" -> {args.output}" if args.output not in (None, "-") else "")
              + (f" -> {args.store} ({size} triples)" if args.store else "")
              + (f"; {len(corrections.decisions)} decision(s) of {corrections.file}" if corrections.file else "")
              + (f" ({len(refused)} not applied)" if refused else "")
              + (f"; {len(skipped)} input(s) skipped" if skipped else ""), file=sys.stderr)
    return EXIT_SKIPPED if skipped or refused else EXIT_OK


def note(message: str) -> None:
    print(f"kg: note: {message}", file=sys.stderr)


def _repeats_report(G, repeats, shown: int = 5) -> str:
    """One line on the documents whose text repeats an article's: how many, and a few by id."""
    examples = []
    for document, article in repeats[:shown]:
        ids = G.nodes[article].get("identifier", [])
        examples.append(" = ".join(ids) if ids else document.source)
    more = f"; {len(repeats) - shown} more" if len(repeats) > shown else ""
    return (f"kg: {len(repeats)} document(s) repeat the text of another, read once and kept with every id: "
            + "; ".join(examples) + more)


class Progress:
    """A one-line progress report on a terminal: documents, words per second, time left."""

    def __init__(self, inputs):
        import time

        from .sources import count_documents
        self.total = count_documents(inputs)
        self.clock = time.monotonic
        self.start = self.last = self.clock()
        self.documents = self.words = 0
        self.previous = None

    def __call__(self, document) -> None:
        if document is self.previous:  # a long document comes back once a piece, one after the other
            return
        self.previous = document
        self.documents += 1
        self.words += document.text.count(" ") + 1
        now = self.clock()
        if now - self.last >= 0.5:
            self.last = now
            self.show(now)

    def show(self, now) -> None:
        elapsed = max(now - self.start, 1e-6)
        rate = self.words / elapsed
        line = f"kg: {self.documents:,}" + (f"/{self.total:,}" if self.total else "") + \
            f" documents, {rate:,.0f} words/s"
        if self.total and self.documents:
            left = elapsed / self.documents * max(self.total - self.documents, 0)
            line += f", {int(left // 60)} min {int(left % 60):02d} s left"
        print("\r" + line.ljust(70), end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        self.show(self.clock())
        print(file=sys.stderr)


def cmd_validate(args) -> int:
    from .validate import validate_graph

    conforms, report = validate_graph(args.graph, args.format, args.engine, args.max_report)
    if conforms:
        print(f"{args.graph}: conforms to the kg-builder shapes")
        return EXIT_OK
    print(f"{args.graph}: does not conform\n{report}")
    return EXIT_ERROR


def sparql_formats() -> list[str]:
    return ["csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]


def cmd_query(args) -> int:
    from . import sparql

    if args.list:
        for q in sparql.named_queries().values():
            binds = f"  [bind: {', '.join(q.binds)}]" if q.binds else ""
            print(f"{q.name:14s} {q.question}{binds}")
        return EXIT_OK
    sources = [x for x in (args.query, args.file, args.name) if x is not None]
    if args.graph is None or len(sources) != 1:
        print("kg: error: give a graph and exactly one of: the query text, -f FILE, --name NAME", file=sys.stderr)
        return EXIT_USAGE
    bindings = dict(sparql.parse_binding(b) for b in args.bind)
    if args.name:
        named = sparql.named_query(args.name)
        missing = [v for v in named.binds if v not in bindings]
        if missing:
            raise sparql.QueryError(f"named query {args.name!r} needs " + " ".join(f"--bind {v}=..." for v in missing))
        text = named.text
    else:
        text = Path(args.file).read_text(encoding="utf-8") if args.file else args.query
    engine = sparql.open_engine(args.graph, args.engine)
    runs = [bindings]
    if args.name and "name" in named.binds:  # any case, any accents: one run a name the graph spells so
        names = sparql.names_like(engine, bindings["name"])
        if not names:
            print(f"kg: no name in {args.graph} is like {bindings['name']!r}", file=sys.stderr)
        runs = [{**bindings, "name": name} for name in names] or runs
    if args.format == "table":
        sparql.print_table(sparql.merge([engine.answer(text, b) for b in runs]))
    elif len(runs) == 1:
        sys.stdout.buffer.write(engine.serialize(text, runs[0], args.format)[0])
    else:
        answer = sparql.merge([engine.answer(text, b) for b in runs])
        sys.stdout.buffer.write(sparql.serialize_answer(answer, args.format)[0])
    sys.stdout.flush()
    return EXIT_OK


def cmd_serve(args) -> int:
    import signal

    from .server import Limits, serve

    import shutil

    from .corrections import to_serve

    def stop(signum, frame):
        raise KeyboardInterrupt  # serve() closes the server and its workers on the way out
    signal.signal(signal.SIGTERM, stop)
    limits = Limits(timeout=args.timeout, max_rows=args.max_rows, max_bytes=args.max_bytes,
                    max_memory=args.max_memory, workers=max(1, args.workers))
    graph, tmp, report = to_serve(args.graph, args.corrections, note)
    for line in report.lines() if report else ():
        note(line)
    try:
        serve(graph, args.host, args.port, limits, cors=args.cors)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return EXIT_OK


def cmd_push(args) -> int:
    from .push import Target, check_target, push, shown

    target = Target(args.endpoint, args.graph_iri, args.protocol, args.user)
    check_target(target)  # before asking for a password
    if args.token:
        target.token = _secret("KG_TOKEN", "Token: ")
    elif args.user is not None:
        target.password = _secret("KG_PASSWORD", f"Password for {args.user}: ")
    sent, requests = push(args.graph, target, max(1, args.batch), args.replace)
    print(f"kg: pushed {sent} triples to {shown(args.endpoint)} in {requests} request(s)", file=sys.stderr)
    return EXIT_OK


def _secret(variable: str, prompt: str) -> str:
    """A secret from the environment, else typed at a prompt that does not echo it."""
    import getpass
    import os

    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise ValueError(f"give the secret in ${variable}: there is no terminal to ask for it on")
    return getpass.getpass(prompt)


def cmd_viz(args) -> int:
    from . import rdf, viz
    from .store import read_graph, store_dir

    from .corrections import corrected, default_file

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".png", ".svg"):
        print(f"kg: error: {args.output}: write .html, .png or .svg", file=sys.stderr)
        return EXIT_USAGE
    G, report = corrected(read_graph(args.graph), args.graph, args.corrections, note)
    for line in report.lines() if report else ():
        note(line)
    if suffix in (".html", ".htm"):
        text = viz.page(G, args.title or store_dir(args.graph).name, args.max_nodes or 2000,
                        corrections=str(args.corrections or default_file(args.graph)))
        rdf.atomic_write(out, text.encode("utf-8"))
    else:
        tmp = out.with_name(f".{out.stem}.tmp{suffix}")
        try:
            viz.picture(G, tmp, args.max_nodes or 150)
            tmp.replace(out)
        finally:
            tmp.unlink(missing_ok=True)
    print(f"kg: drew {args.graph} -> {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_stats(args) -> int:
    from .stats import count, table

    counts = count(args.graph)
    print(json.dumps(counts, indent=2) if args.format == "json" else table(counts, args.graph))
    return EXIT_OK


def cmd_export(args) -> int:
    from .export import export, format_of
    from .store import read_graph

    fmt = format_of(args.output, args.format)
    export(read_graph(args.graph), args.output, fmt, spans=args.spans)
    print(f"kg: exported {args.graph} -> {args.output} ({fmt})", file=sys.stderr)
    return EXIT_OK


def cmd_eval(args) -> int:
    from .evaluate import below_floor, evaluate, find_shared

    shared = args.shared or find_shared(Path(__file__).parent)
    if shared is None or not (shared / "eval" / "score.py").exists():
        print("kg eval: ../shared/eval is not here; skipping the evaluation")
        return EXIT_OK
    detail = args.by_class or args.by_rule
    results = evaluate(shared, args.model, verbose=args.verbose, only=args.sets, keep=args.keep, detail=detail,
                       gold=args.gold)
    if detail:
        from .evaluate import by_class_table, by_rule_table, check_totals
        for name, report in results.items():
            for table_of, wanted in ((by_class_table, args.by_class), (by_rule_table, args.by_rule)):
                if wanted:
                    print(f"\n== {name}\n{table_of(report['rows'])}")
            problem = check_totals(report["rows"], report)
            if problem:
                print(f"kg eval: {name}: {problem}", file=sys.stderr)
    if args.floor:
        failed = below_floor(results, json.loads(args.floor.read_text()))
        for line in failed:
            print(f"kg eval: {line} ({args.floor})")
        if failed:
            return EXIT_ERROR
        print(f"kg eval: every set at or above its floor in {args.floor}")
    return EXIT_OK

if __name__ == "__main__":
    sys.exit(main())
