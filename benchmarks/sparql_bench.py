"""Named queries on a generated news graph: rdflib in memory against Oxigraph, median latencies.

    python benchmarks/sparql_bench.py [--triples 1000000] [--repeat 3] [--timeout 120]
    python benchmarks/sparql_bench.py --engines oxigraph --against OLD/ontology/queries [--graph all.ttl]

The graph is built through kg-builder's own model (kg.graph) and export (kg.rdf):
articles that mention people, organisations and places (drawn with a skew, so
some are everywhere and most in one article), quotations, events with roles,
factuality, dates and places, attributes, family and membership relations, and
the provenance statements and text spans of each fact, in the proportions of a
real build (see ``generate``). Each query runs ``--repeat`` times per
engine (in a child process, so a query past ``--timeout`` seconds is stopped and
reported as such); the table gives the medians and the rdflib/Oxigraph ratio.

``--against DIR`` runs the named queries of another folder too (the same queries as they were, e.g. a
``git archive`` of an older commit's ``ontology/queries``) on the same graph in the same run: the table
gives their medians, the ratio and whether both answer the same (the same rows in the same order, or
the same rows in another order). ``--graph FILE`` queries a graph file (a real corpus) instead of a
generated one, bound to its most mentioned person and an organisation that person belongs to.
"""
from __future__ import annotations

import argparse
import bisect
import collections
import hashlib
import itertools
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import graph as kgraph  # noqa: E402
from kg import rdf, sparql  # noqa: E402
from corpus_bench import bindings as bindings_of  # noqa: E402  (this folder is first on the path)

FIRST = "Ann Ben Cara Dev Eli Fay Gus Hal Ida Jon Kim Lee Max Nia Oto Pia Ray Sol Tom Uma".split()
LAST = "Adams Brook Cole Dunn Ellis Frost Gray Hale Irwin Judd Kerr Lane Moss Nash Orr Pike Quin Reed Shaw Tate".split()
JOBS = ["chief executive", "minister", "police officer", "reporter", "chairman", "lawyer", "coach", "nurse"]
EVENTS = [("ArrestJail", "person", "agent"), ("Attack", "target", "attacker"), ("Die", "victim", "agent"),
          ("StartPosition", "person", "entity"), ("TrialHearing", "defendant", "adjudicator"),
          ("TransferOwnership", "artifact", "buyer")]
NOT_ASSERTED = ("Alleged", "Negated", "Planned", "Possible")
BASE = "https://example.org/kg/"
KNOWN = 10_000  # entities that come back from article to article (rank 1 the most often)
KINDS = ("Person",) * 7 + ("Organization",) * 8 + ("Place",) * 5  # the kind of the entity of a rank, by rank % 20


def generate(target_triples: int, seed: int = 7):
    """A NetworkX graph in kg-builder's schema with about ``target_triples`` RDF triples, the name of its
    most mentioned person and one of that person's job titles.

    Its shape follows a real build (the 2,101 BBC articles of 2005 by the reader of 2024: per article 14
    entities mentioned, 37 text spans, 26 reified statements, 4.3 quotations, 0.64 events): mentions are
    drawn with weights rank^-0.8 from ``KNOWN`` entities, so that a few are in a third of the articles and
    most in one (a quarter of the mentions are of someone new), as in the news; entities are people,
    organisations and places 7:8:5; quotations have a speaker four times in five, events a factuality
    other than asserted one time in five. Checked against the 396 politics articles of 2005 as the reader
    reads them now (per article 13.3 entities mentioned, 41 spans, 29 statements, 6.3 quotations, 0.58
    events; 73% of the entities in one article, the most mentioned in half): at 500 articles this makes
    13.8, 34, 25, 4.2 and 0.60, 83% of its entities in one article, the most mentioned in a third (one
    topic is more concentrated than the news at large; more distinct entities make aggregates no faster)."""
    rnd = random.Random(seed)
    G = kgraph.new_graph()
    weights = list(itertools.accumulate(rank ** -0.8 for rank in range(1, KNOWN + 1)))

    def entity(rank: int) -> tuple[str, str, str]:
        """(IRI, class, name) of the entity of this rank (numbers past KNOWN: someone seen once)."""
        kind = KINDS[rank % len(KINDS)]
        if kind == "Person":
            name = f"{FIRST[rank % 20]} {LAST[rank // 20 % 20]}{'' if rank < 400 else f' {rank // 400}'}"
        elif kind == "Organization":
            name = f"{LAST[rank % 20]} {('Bank', 'Police', 'Council', 'Motors', 'Times')[rank // 20 % 5]} {rank // 100 or ''}".strip()
        else:
            name = f"{LAST[rank % 20]}{('ton', 'ford', ' Street', 'field')[rank // 20 % 4]}{f' {rank // 80}' if rank >= 80 else ''}"
        return f"{BASE}{kind.lower()}/{name.lower().replace(' ', '-')}", kind, name

    article, once, mentioned = 0, KNOWN, collections.Counter()
    while True:
        article += 1
        art = f"{BASE}article/{article:08d}"
        kgraph.merge_node(G, art, type="NewsArticle", identifier=[f"a{article}.txt"], headline=f"Story {article}",
                          datePublished=f"20{rnd.randint(0, 23):02d}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")
        offset = 0

        def span(text: str) -> str:
            nonlocal offset
            node = f"{art}#char={offset},{offset + len(text)}"
            kgraph.merge_node(G, node, type="TextSpan", startOffset=offset, endOffset=offset + len(text), text=text)
            kgraph.merge_edge(G, node, art, "isPartOf")
            offset += len(text) + 1
            return node

        cast: dict[str, list[str]] = {"Person": [], "Organization": [], "Place": []}
        for _ in range(max(2, round(rnd.gammavariate(2.6, 5.3)))):
            if rnd.random() < 0.25:
                once += 1
                rank = once
            else:
                rank = bisect.bisect(weights, rnd.random() * weights[-1])
            node, kind, name = entity(rank)
            if node in cast[kind]:
                continue
            cast[kind].append(node)
            mentioned[node] += kind == "Person"
            kgraph.merge_node(G, node, type=kind, name=name, alternateName=[name.split()[-1]] if rnd.random() < 0.25 else None)
            kgraph.merge_edge(G, art, node, "mentions", 0.8, [span(name) for _ in range(rnd.choice((1, 1, 2, 3)))],
                              ["mention.ner"])
        for kind in cast:
            if not cast[kind]:  # an article with none of a kind: one drawn from the known ones
                node, _, name = entity(len(KINDS) * rnd.randrange(KNOWN // len(KINDS)) + KINDS.index(kind))
                kgraph.merge_node(G, node, type=kind, name=name)
                kgraph.merge_edge(G, art, node, "mentions", 0.8, [span(name)], ["mention.ner"])
                cast[kind].append(node)
        people, orgs, places = cast["Person"], cast["Organization"], cast["Place"]
        for p in people[:2]:
            sent = span(f"A sentence about {G.nodes[p]['name']} in story {article}.")
            if rnd.random() < 0.8:
                job = rnd.choice(JOBS)
                kgraph.merge_node(G, p, jobTitle=[job], literalEvidence=[["jobTitle", job, 0.75, [sent], ["job.before-name"]]])
            if rnd.random() < 0.1:
                age = rnd.randint(18, 90)
                kgraph.merge_node(G, p, age=age, literalEvidence=[["age", age, 0.9, [sent], ["age.comma"]]])
            if rnd.random() < 0.25:
                kgraph.merge_edge(G, p, rnd.choice(orgs), "memberOf", 0.7, [sent], ["member.of"])
            if rnd.random() < 0.13:
                kgraph.merge_edge(G, p, rnd.choice(places), "nationality", 0.7, [sent], ["nationality.adjective"])
            if rnd.random() < 0.03 and len(people) > 1:
                kgraph.merge_edge(G, p, people[-1], rnd.choice(("spouse", "parent", "sibling")), 0.75, [sent], ["family"])
        if rnd.random() < 0.3:
            sent = span(f"A sentence about places in story {article}.")
            region, _, name = entity(len(KINDS) * rnd.randrange(20) + KINDS.index("Place"))
            kgraph.merge_node(G, region, type="Place", name=name)
            kgraph.merge_edge(G, rnd.choice(places), region, "containedInPlace", 0.7, [sent], ["place.comma"])
        for i in range(rnd.choice((0, 1, 2, 3, 4, 5, 6, 7, 8))):
            quote = f"{BASE}quote/{article:08d}-{i}"
            words = f"Words number {i} that were said in story {article}, as quoted"
            kgraph.merge_node(G, quote, type="Quotation", text=words, indirect=True if rnd.random() < 0.05 else None)
            kgraph.merge_edge(G, quote, art, "isPartOf", 0.9, [span(words)], ["quote.say"])
            if rnd.random() < 0.82:
                sent = span(f"A sentence that quotes someone in story {article}.")
                kgraph.merge_edge(G, quote, rnd.choice(people + orgs), "creator", 0.85, [sent], ["quote.say"])
            if rnd.random() < 0.39:
                kgraph.merge_edge(G, quote, rnd.choice(people + orgs + places), "about")
        if rnd.random() < 0.64:
            kind, role, other = rnd.choice(EVENTS)
            ev = f"{BASE}event/{article:08d}-{kind.lower()}"
            p, q, org = people[0], people[-1], orgs[0]
            kgraph.merge_node(G, ev, type=kind, name=f"{kind} {article}",
                              startDate=f"20{rnd.randint(0, 23):02d}-{rnd.randint(1, 12):02d}" if rnd.random() < 0.1 else None,
                              factuality=rnd.choice(NOT_ASSERTED) if rnd.random() < 0.21 else None)
            sent = span(f"A sentence that tells of an event in story {article}.")
            kgraph.merge_edge(G, art, ev, "mentions", 0.7, [sent], ["event.trigger"])
            kgraph.merge_edge(G, ev, org if role == "artifact" else p, role, 0.6, [sent], ["event.role"])
            if rnd.random() < 0.3:
                kgraph.merge_edge(G, ev, org if other in ("agent", "entity", "adjudicator", "buyer") else q, other, 0.6,
                                  [sent], ["event.role"])
            if rnd.random() < 0.15:
                kgraph.merge_edge(G, ev, places[0], "location", 0.55, [sent], ["event.place"])
        if article % 100 == 0 and size(G) >= target_triples:
            someone = max(mentioned, key=lambda n: (mentioned[n], n))
            return G, G.nodes[someone]["name"], (G.nodes[someone].get("jobTitle") or ["minister"])[0]


def size(G) -> int:
    """The number of triples ``kg.rdf.to_rdf`` writes for G, about, counted without building them."""
    from kg.vocab import LITERALS, classes_of
    n = 0
    for _, d in G.nodes(data=True):
        n += len(classes_of(d["type"])) + ("name" in d) + ("factuality" in d)
        for attr, value in d.items():
            if attr in LITERALS:
                n += len(value) if LITERALS[attr].many else 1
        n += sum(5 + len(spans) + len(rules) for _, _, _, spans, rules in d.get("literalEvidence", ()))
    for *_, d in G.edges(data=True):
        n += 1 + (4 + ("confidence" in d) + len(d.get("evidence", ())) + len(d.get("rules", ())) if d else 0)
    return n


def _timed(conn, engine, text, bindings):
    """Times the answer apart from the guard's reading of the query (rdflib's parser, 30-200 ms a query
    whatever the graph, done once per query text: ``check_query`` keeps it), which is sent as well."""
    start = time.perf_counter()
    sparql.check_query(text, bindings)
    parsed = time.perf_counter()
    answer = engine.answer(text, bindings)
    seconds = time.perf_counter() - parsed
    rows = [tuple("" if t is None else sparql.value(t) for t in row) for row in answer.raw]
    conn.send((seconds, len(answer), digest(rows), digest(sorted(rows)), parsed - start))


def digest(rows) -> str:
    return hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()


def same(a, b) -> str:
    """Whether two answers (``Runner.run`` results) are the same: "yes", "order" (the same rows in
    another order), "NO" or "-" (one did not finish)."""
    if a is None or b is None:
        return "-"
    return "yes" if a[2] == b[2] else "order" if a[3] == b[3] else "NO"


class Runner:
    """An engine loaded once; each query runs in a forked child (sharing the loaded graph), so one
    that passes the timeout can be stopped."""

    def __init__(self, engine_name, path, timeout):
        start = time.perf_counter()
        self.engine = sparql.open_engine(path, engine_name)
        sparql.check_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")  # the parser imported and built once, not in every child
        self.load_seconds = time.perf_counter() - start
        self.timeout = timeout

    def run(self, text, bindings):
        ctx = mp.get_context("fork")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_timed, args=(child, self.engine, text, bindings))
        process.start()
        if parent.poll(self.timeout):
            result = parent.recv()
            process.join()
            return result
        process.kill()
        process.join()
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--engines", default=",".join(sparql.ENGINES),
                    help=f"comma-separated, default {','.join(sparql.ENGINES)} (the first is the default engine)")
    ap.add_argument("--graph", type=Path, help="query this graph file instead of a generated graph")
    ap.add_argument("--against", type=Path, metavar="DIR",
                    help="a folder of .rq files: the named queries as they were, run on the same graph for comparison")
    ap.add_argument("--only", default="", help="comma-separated names of the queries to run (default all)")
    ap.add_argument("--save", type=Path, metavar="FILE", help="keep the generated graph (N-Triples) in FILE")
    ap.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                    help="a binding instead of the one chosen (e.g. to rerun a --save'd graph with --graph)")
    args = ap.parse_args()
    os.environ["KG_NO_CACHE"] = "1"  # the graph in memory, as loaded here; no store written beside a --graph
    engines = [e for e in args.engines.split(",") if e]
    queries = [q for q in sparql.named_queries().values() if not args.only or q.name in args.only.split(",")]
    before = {p.stem: p.read_text(encoding="utf-8") for p in sorted(args.against.glob("*.rq"))} if args.against else {}

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        if args.graph:
            path = args.graph
            binds = bindings_of(path)
            print(f"graph: {path} ({path.stat().st_size / 1e6:.1f} MB), bound {binds}")
        else:
            G, someone, value = generate(args.triples)
            binds = {"name": someone, "value": value}
            path = args.save or Path(tmp) / "bench.nt"
            rdf.write(G, path)
            triples = sum(1 for _ in open(path, "rb"))
            print(f"graph: {triples:,} triples, {G.number_of_nodes():,} nodes (generated and written in "
                  f"{time.perf_counter() - started:.1f} s)")
        binds.update(sparql.parse_binding(b) for b in args.bind)
        print(f"bound {binds}")
        runners = {name: Runner(name, path, args.timeout) for name in engines}
        for name, runner in runners.items():
            print(f"load {name}: {runner.load_seconds:.1f} s")
        columns = [c for name in runners for c in ([name] + ([f"{name} before", "ratio", "same"] if before else []))]
        print(f"\n{'query':14s}" + "".join(f"{c + (' (s)' if c in runners or c.endswith('before') else ''):>{max(7, len(c) + 5)}s}"
                                          for c in columns)
              + (f" {'rdflib/ox':>9s}" if len(runners) == 2 else "") + f" {'rows':>7s}")
        ratios, medians_of, before_of = [], {name: [] for name in runners}, {name: [] for name in runners}

        def timed(runner, texts, bindings):
            """For each text (None: not run), the median of --repeat runs (None past the timeout) and the
            first run's result. The texts take turns, so that a slower moment of the machine falls on all."""
            times, first, stopped = [[] for _ in texts], [None for _ in texts], [t is None for t in texts]
            for _ in range(args.repeat):
                for i, text in enumerate(texts):
                    if stopped[i]:
                        continue
                    result = runner.run(text, bindings)
                    if result is None:
                        stopped[i] = True
                        continue
                    times[i].append(result[0])
                    parse_of.setdefault(text, result[4])
                    first[i] = first[i] or result
            return [(None if stopped[i] else statistics.median(times[i]), first[i]) for i in range(len(texts))]

        def shown(m, c):
            return f"{f'{m:.4f}' if m is not None else f'>{args.timeout:g}':>{max(7, len(c) + 5)}s}"

        parse_of: dict[str, float] = {}
        for q in queries:
            bindings = {k: v for k, v in binds.items() if k in q.binds}
            medians, rows, line = {}, 0, f"{q.name:14s}"
            for name, runner in runners.items():
                (medians[name], result), (old, old_result) = timed(runner, [q.text, before.get(q.name)], bindings)
                rows = result[1] if result else rows
                medians_of[name].append(medians[name] if medians[name] is not None else float("inf"))
                line += shown(medians[name], name)
                if before:
                    before_of[name].append(old if old is not None else float("inf"))
                    ratio = f"{old / medians[name]:.1f}x" if old and medians[name] else "-"
                    line += shown(old, name + " before") + f"{ratio:>10s}" + f"{same(old_result, result):>9s}"
            if len(runners) == 2:
                r, o = medians.values()
                line += f" {f'{r / o:,.0f}x' if r and o else '-':>9s}"
                if r and o:
                    ratios.append(r / o)
            print(f"{line} {rows:>7,d}", flush=True)
        for name, times in medians_of.items():
            print(f"\n{name}: slowest query {max(times):.3f} s, median over the queries {statistics.median(times):.4f} s")
            if before:
                old = before_of[name]
                print(f"{name} before: slowest query {max(old):.3f} s, median over the queries {statistics.median(old):.4f} s")
        if parse_of:
            print(f"reading a query (kg's guard, rdflib's parser; not in the times above, once per query text): "
                  f"median {statistics.median(parse_of.values()):.3f} s, slowest {max(parse_of.values()):.3f} s")
        if ratios:
            print(f"median ratio over the queries both finished: {statistics.median(ratios):,.0f}x")


if __name__ == "__main__":
    main()
