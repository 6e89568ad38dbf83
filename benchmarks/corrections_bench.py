"""How long corrections take: applying a corrections file to a graph, and keeping the graph as read.

    python benchmarks/corrections_bench.py GRAPH CORRECTIONS [--repeat 3]

GRAPH is a graph written by kg build (without corrections, or with the graph as read beside it);
CORRECTIONS a file of decisions (kg correct). Prints the seconds each step takes, the best of --repeat.
"""
from __future__ import annotations

import argparse
import copy
import tempfile
import time
from pathlib import Path

from kg import rdf
from kg.corrections import apply, as_read, base_of, load, load_read_graph, save_read_graph, articles_in


def best(step, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph")
    parser.add_argument("corrections")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seconds, G = best(lambda: rdf.load(args.graph), 1)
    print(f"load {args.graph}: {seconds:.2f} s ({G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges)")
    G = as_read(G, args.graph)
    decisions = load(args.corrections)
    seconds, _ = best(lambda: copy.deepcopy(G), args.repeat)
    print(f"copy of the graph as read: {seconds:.2f} s")
    for link in (False, True):
        seconds, report = best(lambda: apply(copy.deepcopy(G), decisions, base_of(G), link=link), args.repeat)
        statuses = sorted({o.status for o in report.outcomes})
        print(f"apply {len(decisions)} decisions{' and link places' if link else ''}: {seconds:.2f} s "
              f"(with the copy; {', '.join(statuses)})")
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp) / "graph.ttl"
        seconds, _ = best(lambda: save_read_graph(where, G), args.repeat)
        size = Path(tmp, ".graph.ttl.read.json.gz").stat().st_size
        print(f"keep the graph as read: {seconds:.2f} s ({size / 1e6:.1f} MB)")
        seconds, _ = best(lambda: load_read_graph(where, articles_in(G)), args.repeat)
        print(f"read it back: {seconds:.2f} s")


if __name__ == "__main__":
    main()
