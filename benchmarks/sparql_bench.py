"""Named queries on a generated news graph: rdflib in memory against Oxigraph, median latencies.

    python benchmarks/sparql_bench.py [--triples 1000000] [--repeat 3] [--timeout 120]

The graph is built through kg-builder's own model (kg.graph) and export (kg.rdf):
articles that mention people, organisations and places (drawn with a skew, so
some are everywhere), events with roles, dates and places, attributes, family
and membership relations, and the provenance statements and text spans of each
fact, about as real builds have them. Each query runs ``--repeat`` times per
engine (in a child process, so a query past ``--timeout`` seconds is stopped and
reported as such); the table gives the medians and the rdflib/Oxigraph ratio.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import graph as kgraph  # noqa: E402
from kg import rdf, sparql  # noqa: E402

FIRST = "Ann Ben Cara Dev Eli Fay Gus Hal Ida Jon Kim Lee Max Nia Oto Pia Ray Sol Tom Uma".split()
LAST = "Adams Brook Cole Dunn Ellis Frost Gray Hale Irwin Judd Kerr Lane Moss Nash Orr Pike Quin Reed Shaw Tate".split()
JOBS = ["chief executive", "minister", "police officer", "reporter", "chairman", "lawyer", "coach", "nurse"]
EVENTS = [("ArrestJail", "person", "agent"), ("Attack", "target", "attacker"), ("Die", "victim", "agent"),
          ("StartPosition", "person", "entity"), ("TrialHearing", "defendant", "adjudicator"),
          ("TransferOwnership", "artifact", "buyer")]
BASE = "https://example.org/kg/"


def generate(target_triples: int, seed: int = 7):
    """A NetworkX graph in kg-builder's schema with about ``target_triples`` RDF triples, the name of its
    most mentioned person and one of that person's job titles."""
    rnd = random.Random(seed)
    G = kgraph.new_graph()
    people = [f"{f} {s}{i or ''}" for i in range(40) for f in FIRST for s in LAST][:max(500, target_triples // 60)]
    orgs = [f"{s} {k}" for s in LAST for k in ("Bank", "Police", "Council", "Motors", "Times")] * 4
    orgs = [f"{o} {i}" if i else o for i, o in enumerate(orgs)][:max(100, target_triples // 600)]
    places = [f"{s}ton" for s in LAST] + [f"{s} Street" for s in LAST] + [f"{s}ford {i}" for i in range(30) for s in LAST]

    def node(kind, name):
        return f"{BASE}{kind.lower()}/{name.lower().replace(' ', '-')}"

    article = 0
    while True:
        article += 1
        art = f"{BASE}article/{article:08d}"
        kgraph.merge_node(G, art, type="NewsArticle", identifier=[f"a{article}.txt"], headline=f"Story {article}",
                          datePublished=f"20{rnd.randint(0, 23):02d}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")
        sent = f"{art}#char=0,120"
        kgraph.merge_node(G, sent, type="TextSpan", startOffset=0, endOffset=120, text=f"Sentence of story {article}.")
        kgraph.merge_edge(G, sent, art, "isPartOf")
        cast = {"Person": [people[min(int(rnd.paretovariate(1.2)) - 1, len(people) - 1)] for _ in range(5)],
                "Organization": [orgs[min(int(rnd.paretovariate(1.2)) - 1, len(orgs) - 1)] for _ in range(3)],
                "Place": [rnd.choice(places) for _ in range(2)]}
        for kind, names in cast.items():
            for name in names:
                n = node(kind, name)
                kgraph.merge_node(G, n, type=kind, name=name, alternateName=[name.split()[-1]])
                kgraph.merge_edge(G, art, n, "mentions", 0.8, [sent])
        p, q = node("Person", cast["Person"][0]), node("Person", cast["Person"][1])
        org, place = node("Organization", cast["Organization"][0]), node("Place", cast["Place"][0])
        kgraph.merge_node(G, p, age=rnd.randint(18, 90), jobTitle=[rnd.choice(JOBS)],
                          literalEvidence=[["jobTitle", rnd.choice(JOBS), 0.75, [sent], ["bench"]]])
        kgraph.merge_edge(G, p, org, "memberOf", 0.7, [sent])
        if rnd.random() < 0.2:
            kgraph.merge_edge(G, p, q, "spouse", 0.75, [sent])
        region = rnd.choice(places[:20])
        kgraph.merge_node(G, node("Place", region), type="Place", name=region)
        kgraph.merge_edge(G, place, node("Place", region), "containedInPlace", 0.7, [sent])
        kind, role, other = rnd.choice(EVENTS)
        ev = f"{BASE}event/{article:08d}-{kind.lower()}"
        kgraph.merge_node(G, ev, type=kind, name=f"{kind} {article}",
                          startDate=f"20{rnd.randint(0, 23):02d}-{rnd.randint(1, 12):02d}")
        kgraph.merge_edge(G, art, ev, "mentions", 0.7, [sent])
        kgraph.merge_edge(G, ev, org if role == "artifact" else p, role, 0.6, [sent])
        kgraph.merge_edge(G, ev, org if other in ("agent", "entity", "adjudicator", "buyer") else q, other, 0.6, [sent])
        kgraph.merge_edge(G, ev, place, "location", 0.55, [sent])
        if article % 500 == 0 and size(G) >= target_triples:
            someone = node("Person", people[0])
            return G, people[0], G.nodes[someone]["jobTitle"][0]


def size(G) -> int:
    """The number of triples ``kg.rdf.to_rdf`` writes for G, counted without building them."""
    from kg.vocab import LITERALS, classes_of
    n = 0
    for _, d in G.nodes(data=True):
        n += len(classes_of(d["type"])) + ("name" in d)
        for attr, value in d.items():
            if attr in LITERALS:
                n += len(value) if LITERALS[attr].many else 1
        n += sum(5 + len(spans) + len(rules) for _, _, _, spans, rules in d.get("literalEvidence", ()))
    for *_, d in G.edges(data=True):
        n += 1 + (4 + ("confidence" in d) + len(d.get("evidence", ())) if d else 0)
    return n


def _timed(conn, engine, text, bindings):
    start = time.perf_counter()
    answer = engine.answer(text, bindings)
    conn.send((time.perf_counter() - start, len(answer)))


class Runner:
    """An engine loaded once; each query runs in a forked child (sharing the loaded graph), so one
    that passes the timeout can be stopped."""

    def __init__(self, engine_name, path, timeout):
        start = time.perf_counter()
        self.engine = sparql.open_engine(path, engine_name)
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
    args = ap.parse_args()
    engines = [e for e in args.engines.split(",") if e]

    started = time.perf_counter()
    G, someone, value = generate(args.triples)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.nt"
        rdf.write(G, path)
        triples = sum(1 for _ in open(path, "rb"))
        print(f"graph: {triples:,} triples, {G.number_of_nodes():,} nodes (generated and written in "
              f"{time.perf_counter() - started:.1f} s)")
        runners = {name: Runner(name, path, args.timeout) for name in engines}
        for name, runner in runners.items():
            print(f"load {name}: {runner.load_seconds:.1f} s")
        print(f"\n{'query':14s}" + "".join(f"{name + ' (s)':>15s}" for name in runners)
              + (f" {'ratio':>8s}" if len(runners) == 2 else "") + f" {'rows':>7s}")
        ratios, medians_of = [], {name: [] for name in runners}
        for q in sparql.named_queries().values():
            bindings = {k: v for k, v in {"name": someone, "value": value}.items() if k in q.binds}
            medians, rows = {}, 0
            for name, runner in runners.items():
                times = []
                for _ in range(args.repeat):
                    result = runner.run(q.text, bindings)
                    if result is None:
                        break
                    times.append(result[0])
                    rows = result[1]
                medians[name] = statistics.median(times) if len(times) == args.repeat else None
                medians_of[name].append(medians[name] if medians[name] is not None else float("inf"))
            line = f"{q.name:14s}" + "".join(f"{f'{m:.4f}' if m else f'>{args.timeout:g}':>15s}"
                                             for m in medians.values())
            if len(runners) == 2:
                r, o = medians.values()
                line += f" {f'{r / o:,.0f}x' if r and o else '-':>8s}"
                if r and o:
                    ratios.append(r / o)
            print(f"{line} {rows:>7,d}")
        for name, times in medians_of.items():
            print(f"\n{name}: slowest query {max(times):.3f} s, median over the queries {statistics.median(times):.4f} s")
        if ratios:
            print(f"median ratio over the queries both finished: {statistics.median(ratios):,.0f}x")


if __name__ == "__main__":
    main()
