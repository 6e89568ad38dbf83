"""Memory of a ``kg serve`` query worker: what it needs to start and to answer, to size ``--max-memory``.

    python benchmarks/worker_memory.py GRAPH [--max-memory MB] [QUERY ...]

Starts one worker on a snapshot of GRAPH (as ``kg serve`` does), runs each query (default: a count, the
named queries without bindings, and a sort of the whole graph) and prints the worker's memory after each
from /proc: VmData is what ``--max-memory`` limits (memory written to), VmSize the address space, which
also counts what is only reserved. Linux only.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import sparql  # noqa: E402
from kg.server import Limits, QueryPool, _snapshot  # noqa: E402


def memory(pid: int) -> str:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return "(worker gone)"
    fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
    return "  ".join(f"{k} {int(fields[k].split()[0]) // 1024:,} MB" for k in ("VmData", "VmSize", "VmRSS", "VmHWM"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph")
    ap.add_argument("queries", nargs="*")
    ap.add_argument("--max-memory", type=int, default=2048)
    args = ap.parse_args()
    queries = args.queries or (["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]
                               + [q.text for q in sparql.named_queries().values() if not q.binds]
                               + ["SELECT * WHERE { ?s ?p ?o } ORDER BY ?o"])
    tmp = Path(tempfile.mkdtemp(prefix="kg-memory-"))
    try:
        location = _snapshot(args.graph, tmp / "store")
        limits = Limits(max_memory=args.max_memory, workers=1, timeout=600, max_rows=10**9, max_bytes=10**10)
        pool = QueryPool(str(location), limits, tmp)
        print(f"started: {memory(pool.idle.queue[0].process.pid)}")
        for text in queries:
            while pool.idle.empty():  # a worker that died is being replaced
                time.sleep(0.1)
            worker = pool.idle.queue[0]
            start = time.perf_counter()
            status, _, body = pool.run(text, "application/sparql-results+json")
            print(f"{status} {len(body):>11,} bytes {time.perf_counter() - start:7.2f} s  {memory(worker.process.pid)}"
                  f"  {' '.join(text.split())[:60]}", flush=True)
        pool.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
