"""Load on ``kg serve``: N concurrent clients, each sending M queries; errors and latency percentiles.

    python benchmarks/serve_load.py GRAPH [--clients 20] [--queries 25] [--workers 2]

The server is started on loopback by this script. Each client cycles through the
named queries (bound to a name found in the graph) and, every tenth request, sends
one that must be refused (malformed, oversized, SERVICE, an update, or a runaway
query past the time limit) and checks the status. Prints requests, unexpected
answers, and the p50/p90/p99/max latency of the ordinary queries.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import sparql  # noqa: E402
from kg.server import Limits, make_server  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
REFUSED = [  # (body, content type, expected status)
    (b"SELECT ?x WHERE { ?x a }", "application/sparql-query", 400),
    (b"x" * 2_000_000, "application/sparql-query", 413),
    (b"SELECT * WHERE { SERVICE <http://example.net/sparql> { ?s ?p ?o } }", "application/sparql-query", 403),
    (b"DROP ALL", "application/sparql-update", 403),
    (RUNAWAY.encode(), "application/sparql-query", 503),
]


def request(url, body, media):
    req = urllib.request.Request(url, data=body, headers={"Content-Type": media,
                                                           "Accept": "application/sparql-results+json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return status, time.perf_counter() - start


def run(url, clients, per_client, name, refused):
    queries = [(q.text if not q.binds else None, q) for q in sparql.named_queries().values()]
    latencies, unexpected, lock = [], [], threading.Lock()

    def client(i):
        for j in range(per_client):
            if (i + j) % 10 == 9:
                body, media, want = refused[(i + j) % len(refused)]
                status, _ = request(url, body, media)
                if status != want:
                    with lock:
                        unexpected.append((want, status))
                continue
            _, q = queries[(i + j) % len(queries)]
            text = q.text
            data = {"query": text}
            if q.binds:  # the protocol has no bindings: the value goes in a VALUES block the client writes
                data["query"] = text.replace("WHERE {", f'WHERE {{ VALUES ?name {{ "{name}" }}', 1)
            status, seconds = request(url, urllib.parse.urlencode(data).encode(), "application/x-www-form-urlencoded")
            with lock:
                latencies.append(seconds)
                if status != 200:
                    unexpected.append((200, status))

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return latencies, unexpected, time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--queries", type=int, default=25, help="requests per client")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--without-runaway", action="store_true", help="leave the runaway query out of the mix")
    args = ap.parse_args()
    server, close = make_server(args.graph, port=0, limits=Limits(timeout=args.timeout, workers=args.workers))
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{server.effective_port}/sparql"
    engine = sparql.open_engine(args.graph, "oxigraph")
    name = str(engine.answer("SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } LIMIT 1").rows[0][0])
    try:
        refused = REFUSED[:-1] if args.without_runaway else REFUSED
        latencies, unexpected, seconds = run(url, args.clients, args.queries, name, refused)
    finally:
        close()
    q = statistics.quantiles(latencies, n=100)
    print(f"{args.clients} clients x {args.queries} requests = {args.clients * args.queries} in {seconds:.1f} s "
          f"({len(latencies)} queries, {args.clients * args.queries - len(latencies)} that must be refused); "
          f"unexpected answers: {len(unexpected)} {unexpected[:5]}")
    print(f"query latency: p50 {q[49] * 1000:.0f} ms, p90 {q[89] * 1000:.0f} ms, p99 {q[98] * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
