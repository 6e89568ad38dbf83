"""Each kg command on one graph file against a plain pyoxigraph script, measured in the same run.

    python benchmarks/corpus_bench.py GRAPH.ttl [--repeat 3] [--skip-cold]

Every figure is the wall-clock time of a whole process, as a person typing the command waits for it
(Python's start-up included), the median of ``--repeat`` runs. The baseline is a plain script that
loads the file into an in-memory pyoxigraph store and runs the same query: so "kg query within 1.5x of
the baseline plus 0.5 s" compares like with like. ``cold`` runs start with no store beside the file
(the first command on a new file); ``warm`` ones find it. Between runs the benchmark waits for any
store that a command writes in the background, so runs do not share the processor.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import sparql, store  # noqa: E402

BASELINE = """
import sys, json, pyoxigraph as ox
path, query, subs, prefixes = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
s = ox.Store()
s.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
if query:
    r = s.query(query, prefixes=prefixes, use_default_graph_as_union=True,
                substitutions={ox.Variable(k): ox.Literal(v) for k, v in subs.items()})
    print(sum(1 for _ in r) if not isinstance(r, ox.QueryBoolean) else bool(r))
"""


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # validate exits 1 on a graph that does not conform
        raise SystemExit(f"{' '.join(argv[:4])}... failed: {done.stderr.strip()}")
    return seconds


def settle(graph: Path) -> None:
    """Wait for a store being written in the background (kg.store) to be done."""
    deadline = time.monotonic() + 600
    while store._lock(graph).exists() and time.monotonic() < deadline:
        time.sleep(0.2)


def median(argv: list[str], repeat: int, graph: Path, cold: bool = False) -> float:
    times = []
    for _ in range(repeat):
        if cold:
            shutil.rmtree(store.cache_dir(graph), ignore_errors=True)
        times.append(timed(argv))
        settle(graph)
    return statistics.median(times)


def bindings(graph: Path) -> dict[str, str]:
    """The most mentioned person, and the name of an organisation they belong to (for ``supports``)."""
    engine = sparql.open_engine(graph)
    row = engine.answer("""SELECT ?name (COUNT(?a) AS ?n) (SAMPLE(?orgName) AS ?org) WHERE {
        ?p a schema:Person ; schema:name ?name ; schema:memberOf/schema:name ?orgName . ?a schema:mentions ?p }
        GROUP BY ?name ORDER BY DESC(?n) LIMIT 1""").raw[0]
    return {"name": sparql.value(row[0]), "value": sparql.value(row[2])}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-cold", action="store_true", help="only the runs that find the store")
    args = ap.parse_args()
    graph, r = args.graph.resolve(), args.repeat
    kg = [sys.executable, "-m", "kg.cli"]
    prefixes = json.dumps({p: str(ns) for p, ns in sparql.PREFIXES.items()})
    binds = bindings(graph)
    print(f"{graph.name}: {graph.stat().st_size / 1e6:.1f} MB; bound name={binds['name']!r} value={binds['value']!r}")

    load = median([sys.executable, "-c", BASELINE, str(graph), "", "{}", prefixes], r, graph)
    print(f"\nbaseline: plain pyoxigraph loads the file in {load:.2f} s (whole process)\n")
    print(f"{'command':34s} {'baseline':>9s} {'cold':>7s} {'warm':>7s} {'target':>7s}  within")
    rows = []

    def report(name, base, cold, warm, target):
        worst = max(t for t in (cold, warm) if t is not None)
        rows.append(worst <= target)
        print(f"{name:34s} {base if base is not None else load:>9.2f} {cold if cold is not None else float('nan'):>7.2f} "
              f"{warm:>7.2f} {target:>7.2f}  {'yes' if worst <= target else 'NO'}")

    for q in sparql.named_queries().values():
        subs = {k: binds[k] for k in q.binds}
        base = median([sys.executable, "-c", BASELINE, str(graph), q.text, json.dumps(subs), prefixes], r, graph)
        argv = kg + ["query", str(graph), "--name", q.name, "--format", "csv"] + \
            [f"--bind={k}={v}" for k, v in subs.items()]
        cold = None if args.skip_cold else median(argv, 1, graph, cold=True)
        warm = median(argv, r, graph)
        report(f"kg query --name {q.name}", base, cold, warm, 1.5 * base + 0.5)
    for name, argv, factor in (("kg stats", ["stats"], 2), ("kg validate", ["validate"], 3)):
        argv = kg + argv + [str(graph)]
        cold = None if args.skip_cold else median(argv, 1, graph, cold=True)
        report(name, load, cold, median(argv, r, graph), factor * load)
    for flag in ("--help", "--version"):
        report(f"kg {flag}", 0.0, None, median(kg + [flag], r, graph), 0.5)
    with_page = median(kg + ["viz", str(graph), "-o", str(ROOT / ".corpus_bench.html")], 1, graph)
    (ROOT / ".corpus_bench.html").unlink(missing_ok=True)
    print(f"\nkg viz -o page.html: {with_page:.2f} s (no target)")
    print(f"\n{sum(rows)} of {len(rows)} within their targets")


if __name__ == "__main__":
    main()
