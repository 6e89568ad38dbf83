"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint on Oxigraph.

The HTTP layer is waitress: it reads requests without tying up a thread (a slow
client holds a socket, not a worker), refuses oversized requests (413, 431) and
malformed ones (400), and drops clients that stall. Requests whose Host header
is not the address served are refused (421), so a web page cannot reach the
endpoint through a name of its own (DNS rebinding); other origins may read the
answers only when ``cors`` names them.

Queries are evaluated by Oxigraph in worker processes on a snapshot of the
store taken at start, so every answer comes from the same data. Each worker
has a memory limit and cannot open network sockets (where Linux allows it); a
query is parsed and checked there (``sparql.check_query``: no ``SERVICE``),
off the threads that serve HTTP. A query that runs past the time limit has its
worker killed and replaced (503), one whose worker dies (memory) gets 500 with
the reason, an answer over the row or byte limit is refused (422). Updates
(and so ``LOAD``) are refused (403).

    GET  /sparql?query=...             POST /sparql  (form: query=...; or application/sparql-query)
    GET  /                              the graph's page
"""
from __future__ import annotations

import ipaddress
import multiprocessing as mp
import os
import queue
import shutil
import signal
import socket
import sys
import tempfile
import threading
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from . import iris, sandbox, sparql

RESULT_MEDIA = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"]
GRAPH_MEDIA = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
_RESULT_FMT = {m: f for f, m in sparql.RESULT_FORMATS.items()}
_GRAPH_FMT = {v[0]: k for k, v in sparql.GRAPH_FORMATS.items()}


@dataclass
class Limits:
    timeout: float = 10.0  # seconds a query may run
    max_rows: int = 10_000  # solutions or triples in one answer
    max_bytes: int = 50_000_000  # bytes of one answer
    max_memory: int = 2048  # MB of address space a query worker may use (the store's own needs included)
    max_request: int = 1_000_000  # bytes of a request body or query string
    workers: int = 4  # queries evaluated at once; more than the cores, so runaway queries do not block the rest
    queue_wait: float = 60.0  # seconds a request may wait for a free worker
    client_timeout: int = 30  # seconds a client may stay silent while sending a request or reading an answer
    connections: int = 100  # clients connected at once


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the Accept header likes best (the first offered one for */* or none)."""
    if not accept:
        return offered[0]
    choices = []
    for order, part in enumerate(accept.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        choices.append((q, -order, media.lower()))
    for q, _, media in sorted(choices, reverse=True):
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            return next((o for o in offered if media == "*/*" or o.startswith(media[:-1])), None)
        if media in offered:
            return media
        if media == "application/json":
            return offered[0] if offered[0].endswith("json") else "application/ld+json"
    return None


# --- workers -------------------------------------------------------------------------------------

class AnswerTooLarge(Exception):
    pass


class _Capped:
    """A bytes sink that stops the serializer once the answer passes ``limit`` bytes."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size = limit, [], 0

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise AnswerTooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _worker(conn, location: str, limits: Limits, log: str) -> None:
    """A worker process: answers (query, accept, dataset) with (status, media type, body) until told to stop."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 2)  # what Oxigraph prints before it aborts is the reason the server gives
    os.close(fd)
    os.environ["RUST_BACKTRACE"] = "0"  # the message alone, without a backtrace after it
    sandbox.limit_memory(limits.max_memory * 2**20)
    sandbox.deny_network()
    import pyoxigraph as ox

    engine = sparql.OxigraphEngine(ox.Store.read_only(location))
    for named in sparql.named_queries().values():  # parsed now, so their first use is as quick as the next
        sparql.check_query(named.text)
    conn.send("ready")
    while True:
        message = conn.recv()
        if message is None:
            return
        try:
            conn.send(_answer(engine, *message, limits))
        except sparql.QueryError as exc:
            conn.send((403 if isinstance(exc, sparql.QueryRefused) else 400, "text/plain", str(exc).encode()))
        except MemoryError:
            conn.send((500, "text/plain", f"the query needs more than the memory limit of "
                                          f"{limits.max_memory:,} MB".encode()))
        except Exception as exc:  # a bug must not take the worker down with the query
            conn.send((500, "text/plain", f"query failed: {exc}".encode()))


def _answer(engine, text: str, accept: str | None, dataset: tuple[list[str], list[str]], limits: Limits):
    import pyoxigraph as ox

    result = engine.execute(text, None, *dataset)
    graph = isinstance(result, ox.QueryTriples)
    offered = GRAPH_MEDIA if graph else RESULT_MEDIA
    media = negotiate(accept, offered)
    if media is None:
        return 406, "text/plain", f"cannot answer in {accept}; this query can be answered in {', '.join(offered)}".encode()
    if graph:
        fmt = sparql.GRAPH_FORMATS[_GRAPH_FMT[media]][1]
    else:
        fmt = ox.QueryResultsFormat.from_media_type(media)
    sink = _Capped(limits.max_bytes)
    try:
        result.serialize(sink, format=fmt)
    except AnswerTooLarge:
        return 422, "text/plain", (f"the answer is larger than {limits.max_bytes:,} bytes; "
                                   f"narrow the query or add a LIMIT").encode()
    body = b"".join(sink.parts)
    if not isinstance(result, ox.QueryBoolean) and _rows(body, fmt) > limits.max_rows:
        return 422, "text/plain", (f"the answer has more than {limits.max_rows:,} rows; "
                                   f"narrow the query or add a LIMIT").encode()
    return 200, media, body


def _rows(body: bytes, fmt) -> int:
    """The solutions or triples of an answer, counted in it (so the query is evaluated once)."""
    import csv
    import io

    import pyoxigraph as ox

    if isinstance(fmt, ox.RdfFormat):
        return sum(1 for _ in ox.parse(body, format=fmt))
    if fmt == ox.QueryResultsFormat.CSV:  # Oxigraph does not read CSV back (it loses the terms' kinds)
        return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8"), newline=""))) - 1
    return sum(1 for _ in ox.parse_query_results(body, format=fmt))


class Worker:
    def __init__(self, context, location: str, limits: Limits, log: Path):
        self.log, self.limits = log, limits
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, location, limits, str(log)), daemon=True)
        self.process.start()
        child.close()

    def ready(self, timeout: float = 120.0) -> "Worker":
        """Wait until the worker has opened the store (a query's time limit starts after that)."""
        try:
            if self.conn.poll(timeout) and self.conn.recv() == "ready":
                return self
        except (EOFError, OSError):
            pass
        self.process.kill()
        reason = self.death()
        self.stop(kill=True)
        raise RuntimeError(f"a query worker did not start ({reason}); if it lacked memory, raise --max-memory "
                           f"(now {self.limits.max_memory:,} MB)")

    def death(self) -> str:
        """Why the worker process ended: the last line it printed, or the signal that ended it."""
        self.process.join(timeout=5)
        try:
            lines = self.log.read_text(encoding="utf-8", errors="replace").split("\n")
        except OSError:
            lines = []
        said = next((line.strip() for line in reversed(lines) if line.strip() and not line.startswith("note:")), "")
        code = self.process.exitcode
        how = (f"signal {signal.Signals(-code).name}" if code is not None and code < 0
               else f"exit status {code}")
        return f"{said} ({how})" if said else how

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self.process.join(timeout=5)
        self.conn.close()
        self.log.unlink(missing_ok=True)


class QueryPool:
    """Worker processes on one store; each query borrows one, a runaway query kills its worker."""

    def __init__(self, location: str, limits: Limits, logs: Path):
        self.location, self.limits, self.logs = location, limits, logs
        # a fork server that has imported this module starts replacement workers in milliseconds
        self.context = mp.get_context("forkserver")
        self.context.set_forkserver_preload(["kg.server", "pyoxigraph"])
        self.closed = False
        self.started = 0
        self.lock = threading.Lock()
        self.idle: queue.Queue[Worker] = queue.Queue()
        starting = [self._new() for _ in range(limits.workers)]
        for worker in starting:
            self.idle.put(worker.ready())

    def _new(self) -> Worker:
        with self.lock:
            self.started += 1
            number = self.started
        return Worker(self.context, self.location, self.limits, self.logs / f"worker-{number}.log")

    def run(self, text: str, accept: str | None, dataset=([], [])) -> tuple[int, str, bytes]:
        try:
            worker = self.idle.get(timeout=self.limits.queue_wait)
        except queue.Empty:
            return 503, "text/plain", b"the server is busy; try again shortly"
        try:
            worker.conn.send((text, accept, dataset))
            if worker.conn.poll(self.limits.timeout):
                reply = worker.conn.recv()
                self.idle.put(worker)
                return reply
            worker.stop(kill=True)
            reply = 503, "text/plain", f"the query ran longer than the limit of {self.limits.timeout:g} s".encode()
        except (EOFError, BrokenPipeError, OSError):  # the worker died under the query
            reason = worker.death()
            worker.stop(kill=True)
            reply = 500, "text/plain", (f"the query stopped its worker: {reason}; a query may use "
                                        f"{self.limits.max_memory:,} MB of memory").encode()
        threading.Thread(target=self._replace, daemon=True).start()
        return reply

    def _replace(self) -> None:
        try:
            worker = self._new().ready()
        except (RuntimeError, OSError) as exc:
            if not self.closed:
                print(f"kg serve: {exc}; serving with one fewer", file=sys.stderr)
            return
        if self.closed:
            worker.stop()
        else:
            self.idle.put(worker)

    def close(self) -> None:
        self.closed = True
        while not self.idle.empty():
            self.idle.get().stop()


# --- HTTP ----------------------------------------------------------------------------------------

def allowed_hosts(host: str) -> set[str] | None:
    """The names a client may give in its Host header to reach a server listening on ``host``;
    None for a wildcard address (any IP address or a name of this machine is accepted then)."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return {host.lower().rstrip(".")}
    if address.is_unspecified:
        return None
    names = {str(address)}
    if address.is_loopback:
        names |= {"localhost", "127.0.0.1", "::1"}
    return names


def _host_ok(header: str | None, allowed: set[str] | None) -> bool:
    if header is None:  # HTTP/1.0 without Host: no browser sends that
        return True
    name = header.strip().lower()
    if name.startswith("["):
        name = name[1:name.find("]")] if "]" in name else name
    else:
        name = name.rsplit(":", 1)[0] if name.count(":") == 1 else name
    name = name.rstrip(".")
    if allowed is not None:
        return name in allowed
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return name in {"localhost", socket.gethostname().lower(), socket.getfqdn().lower()}


class Endpoint:
    """The WSGI application: the page at /, queries at /sparql."""

    def __init__(self, pool: QueryPool, limits: Limits, page: bytes, hosts: set[str] | None, cors: str | None):
        self.pool, self.limits, self.page, self.hosts, self.cors = pool, limits, page, hosts, cors

    def __call__(self, environ, start_response):
        status, media, body, extra = self.respond(environ)
        headers = [("Content-Type", media if "charset" in media or not media.startswith("text/")
                    else f"{media}; charset=utf-8"),
                   ("Content-Length", str(len(body))), ("X-Content-Type-Options", "nosniff")]
        origin = environ.get("HTTP_ORIGIN")
        if self.cors is not None and origin is not None and self.cors in ("*", origin):
            headers += [("Access-Control-Allow-Origin", self.cors), ("Vary", "Origin")]
        start_response(f"{status} {HTTPStatus(status).phrase}", headers + extra)
        return [body]

    def respond(self, environ) -> tuple[int, str, bytes, list]:
        if not _host_ok(environ.get("HTTP_HOST"), self.hosts):
            return 421, "text/plain", b"this server does not answer to that Host name", []
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        if path in ("/", "/index.html") and method in ("GET", "HEAD"):
            return 200, "text/html; charset=utf-8", self.page, []
        if path != "/sparql":
            return 404, "text/plain", b"not found; the endpoint is /sparql", []
        if method == "OPTIONS":  # a browser's preflight, answered with the CORS headers (when allowed)
            return 204, "text/plain", b"", [("Access-Control-Allow-Methods", "GET, POST"),
                                            ("Access-Control-Allow-Headers", "Content-Type, Accept")]
        query_string = environ.get("QUERY_STRING", "")
        if len(query_string) > self.limits.max_request:
            return 414, "text/plain", b"query string too long", []
        params = parse_qs(query_string)
        if method == "POST":
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)).decode("utf-8", "replace")
            kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            if kind == "application/sparql-update":
                return 403, "text/plain", b"this endpoint is read-only: updates are refused", []
            if kind == "application/sparql-query":
                params["query"] = [body]
            elif kind == "application/x-www-form-urlencoded":
                for key, values in parse_qs(body).items():
                    params.setdefault(key, []).extend(values)
            else:
                return 415, "text/plain", b"send application/sparql-query or a form with query=", []
        elif method not in ("GET", "HEAD"):
            return 405, "text/plain", b"this endpoint is read-only", [("Allow", "GET, POST")]
        if "update" in params:
            return 403, "text/plain", b"this endpoint is read-only: updates are refused", []
        queries = params.get("query", [])
        if len(queries) != 1:
            return 400, "text/plain", b"give exactly one query parameter", []
        dataset = (params.get("default-graph-uri", []), params.get("named-graph-uri", []))
        bad = [iri for iri in dataset[0] + dataset[1] if iris.iri_problem(iri)]
        if bad:
            return 400, "text/plain", f"graph {bad[0][:200]!r} is not an absolute IRI".encode(), []
        return (*self.pool.run(queries[0], environ.get("HTTP_ACCEPT"), dataset), [])


def make_server(graph: str | Path, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None,
                page: bytes | None = None, cors: str | None = None):
    """A ready server (call ``run``; ``effective_port`` is its port) and a cleanup function that
    stops it and removes its snapshot of the graph."""
    from waitress import create_server

    limits = limits or Limits()
    tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    pool = None
    try:
        location = _snapshot(graph, tmp / "store")
        if page is None:
            page = _page_for(location, Path(str(graph).removeprefix(sparql.STORE_PREFIX)).name)
        pool = QueryPool(str(location), limits, tmp)
        app = Endpoint(pool, limits, page or _default_page(), allowed_hosts(host), cors)
        server = create_server(
            app, host=host, port=port, ident="kg-builder", threads=limits.workers + 2,
            connection_limit=limits.connections, channel_timeout=limits.client_timeout,
            cleanup_interval=max(1, limits.client_timeout // 3),
            max_request_body_size=limits.max_request, max_request_header_size=limits.max_request + 65_536,
            asyncore_use_poll=True, expose_tracebacks=False, clear_untrusted_proxy_headers=True)
    except BaseException:
        if pool is not None:
            pool.close()
        shutil.rmtree(tmp, ignore_errors=True)
        raise

    def close():
        try:
            server.close()
            server.task_dispatcher.shutdown()
            pool.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return server, close


def _snapshot(graph, target: Path) -> Path:
    """A store of the graph that nothing else changes: a checkpoint of a store directory (cheap: hard
    links), or a new store loaded from a graph file."""
    import pyoxigraph as ox

    text = str(graph)
    if text.startswith(sparql.STORE_PREFIX) or Path(text).is_dir():
        folder = Path(text.removeprefix(sparql.STORE_PREFIX))
        if not folder.is_dir():
            raise sparql.QueryError(f"{folder}: no such store directory")
        store = ox.Store.read_only(str(folder))
        store.backup(str(target))
    else:
        store = ox.Store(str(target))
        sparql.load_store(text, store)
        store.flush()
    del store
    return target


def _page_for(location: Path, title: str) -> bytes:
    """The graph's interactive page (kg.viz), or a plain note when the page cannot be drawn."""
    from rdflib import Graph

    from . import push, rdf, viz

    try:
        g = Graph().parse(data="\n".join(push.triples_of(sparql.STORE_PREFIX + str(location))), format="nt")
        return viz.page(rdf.from_rdf(g, others=True), title).encode("utf-8")
    except RuntimeError:  # vis-network (the viz extra) is not installed
        return _default_page()


def _default_page() -> bytes:
    return (b"<!doctype html><meta charset=utf-8><title>kg-builder</title>"
            b"<p>SPARQL endpoint: <code>/sparql?query=...</code></p>")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(graph, host: str, port: int, limits: Limits, page: bytes | None = None, cors: str | None = None) -> None:
    """Serve until Ctrl-C or SIGTERM, then stop the workers and remove the snapshot."""
    import logging
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth is 1": requests wait their turn
    previous = signal.signal(signal.SIGTERM, _interrupt)  # ends the server as Ctrl-C does
    try:
        server, close = make_server(graph, host, port, limits, page, cors)  # removes what it made if stopped
        try:
            shown = f"[{host}]" if ":" in host else host
            print(f"kg: serving {graph} at http://{shown}:{server.effective_port}/sparql (Ctrl-C stops)", flush=True)
            server.run()
        finally:
            close()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
