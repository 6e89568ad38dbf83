"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint on Oxigraph.

Queries are evaluated by Oxigraph in worker processes that open the store
read-only. A query that runs past the time limit has its worker killed and
replaced (HTTP 503), an answer over the row limit is refused (HTTP 422), and
the server goes on serving. Updates (and so ``LOAD``) are refused (403), so is
``SERVICE`` (403: no request leaves this machine), as are oversized (413) and
malformed (400) requests.

    GET  /sparql?query=...             POST /sparql  (form: query=...; or application/sparql-query)
    GET  /                              the graph's page
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from . import sparql

RESULT_MEDIA = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"]
GRAPH_MEDIA = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
_RESULT_FMT = {m: f for f, m in sparql.RESULT_FORMATS.items()}
_GRAPH_FMT = {v[0]: k for k, v in sparql.GRAPH_FORMATS.items()}


@dataclass
class Limits:
    timeout: float = 10.0  # seconds a query may run
    max_rows: int = 10_000  # solutions or triples in one answer
    max_request: int = 1_000_000  # bytes of a request body or query string
    workers: int = 4  # queries evaluated at once; more than the cores, so runaway queries do not block the rest
    queue_wait: float = 60.0  # seconds a request may wait for a free worker


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

def _worker(conn, location: str, max_rows: int) -> None:
    """A worker process: answers (query, accept) with (status, media type, body) until told to stop."""
    import pyoxigraph as ox

    engine = sparql.OxigraphEngine(ox.Store.read_only(location))
    conn.send("ready")
    while True:
        message = conn.recv()
        if message is None:
            return
        text, accept = message
        try:
            conn.send(_answer(engine, text, accept, max_rows))
        except sparql.QueryError as exc:
            conn.send((400, "text/plain", str(exc).encode()))
        except Exception as exc:  # a bug must not take the worker down with the query
            conn.send((500, "text/plain", f"query failed: {exc}".encode()))


def _answer(engine, text: str, accept: str | None, max_rows: int):
    import pyoxigraph as ox

    result = engine.execute(text, None)
    graph = isinstance(result, ox.QueryTriples)
    media = negotiate(accept, GRAPH_MEDIA if graph else RESULT_MEDIA)
    if media is None:
        offered = ", ".join(GRAPH_MEDIA if graph else RESULT_MEDIA)
        return 406, "text/plain", f"cannot answer in {accept}; this query can be answered in {offered}".encode()
    if not isinstance(result, ox.QueryBoolean):
        for count, _ in enumerate(result, start=1):
            if count > max_rows:
                return 422, "text/plain", (f"the answer has more than {max_rows} rows; "
                                           f"narrow the query or add a LIMIT").encode()
    body, media = engine.serialize(text, None, _GRAPH_FMT[media] if graph else _RESULT_FMT[media])
    return 200, media, body


class Worker:
    def __init__(self, context, location: str, max_rows: int):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, location, max_rows), daemon=True)
        self.process.start()
        child.close()

    def ready(self, timeout: float = 120.0) -> "Worker":
        """Wait until the worker has opened the store (a query's time limit starts after that)."""
        if not self.conn.poll(timeout) or self.conn.recv() != "ready":
            raise RuntimeError("a query worker did not start")
        return self

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


class QueryPool:
    """Worker processes on one store; each query borrows one, a runaway query kills its worker."""

    def __init__(self, location: str, limits: Limits):
        self.location, self.limits = location, limits
        # a fork server that has imported this module starts replacement workers in milliseconds
        self.context = mp.get_context("forkserver")
        self.context.set_forkserver_preload(["kg.server", "pyoxigraph"])
        self.closed = False
        self.idle: queue.Queue[Worker] = queue.Queue()
        starting = [Worker(self.context, location, limits.max_rows) for _ in range(limits.workers)]
        for worker in starting:
            self.idle.put(worker.ready())

    def run(self, text: str, accept: str | None) -> tuple[int, str, bytes]:
        try:
            worker = self.idle.get(timeout=self.limits.queue_wait)
        except queue.Empty:
            return 503, "text/plain", b"the server is busy; try again shortly"
        try:
            worker.conn.send((text, accept))
            if worker.conn.poll(self.limits.timeout):
                reply = worker.conn.recv()
                self.idle.put(worker)
                return reply
        except (EOFError, BrokenPipeError, OSError):
            pass
        worker.stop(kill=True)
        threading.Thread(target=self._replace, daemon=True).start()
        return 503, "text/plain", f"the query ran longer than the limit of {self.limits.timeout:g} s".encode()

    def _replace(self) -> None:
        worker = Worker(self.context, self.location, self.limits.max_rows)
        try:
            worker.ready()
        except (RuntimeError, EOFError, OSError):
            worker.stop(kill=True)
            if not self.closed:
                print("kg serve: a query worker failed to start; serving with one fewer", file=sys.stderr)
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

class Handler(BaseHTTPRequestHandler):
    server_version = "kg-builder"
    pool: QueryPool
    limits: Limits
    page: bytes

    def log_message(self, format, *args):  # quiet by default; errors still reach the client
        pass

    def do_GET(self):
        url = urlparse(self.path)
        if url.path in ("/", "/index.html"):
            return self.reply(200, "text/html; charset=utf-8", self.page)
        if url.path != "/sparql":
            return self.reply(404, "text/plain", b"not found; the endpoint is /sparql")
        if len(url.query) > self.limits.max_request:
            return self.reply(414, "text/plain", b"query string too long")
        self.handle_query(parse_qs(url.query))

    def do_POST(self):
        url = urlparse(self.path)
        if url.path != "/sparql":
            return self.reply(404, "text/plain", b"not found; the endpoint is /sparql")
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return self.reply(400, "text/plain", b"bad Content-Length")
        if length > self.limits.max_request:
            self.close_connection = True
            left = min(length, 16 * self.limits.max_request)  # drain what a client sent, so it reads our answer
            while left > 0:
                chunk = self.rfile.read(min(left, 1 << 16))
                if not chunk:
                    break
                left -= len(chunk)
            return self.reply(413, "text/plain", f"request larger than {self.limits.max_request} bytes".encode())
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        params = parse_qs(urlparse(self.path).query)
        if kind == "application/sparql-update":
            return self.reply(403, "text/plain", b"this endpoint is read-only: updates are refused")
        if kind == "application/sparql-query":
            params["query"] = [body]
        elif kind == "application/x-www-form-urlencoded":
            params.update(parse_qs(body))
        else:
            return self.reply(415, "text/plain", b"send application/sparql-query or a form with query=")
        self.handle_query(params)

    def do_PUT(self):
        self.reply(405, "text/plain", b"this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    def handle_query(self, params):
        if "update" in params:
            return self.reply(403, "text/plain", b"this endpoint is read-only: updates are refused")
        queries = params.get("query", [])
        if len(queries) != 1:
            return self.reply(400, "text/plain", b"give exactly one query parameter")
        text = queries[0]
        if sparql.uses_service(text):
            return self.reply(403, "text/plain", b"SERVICE is refused: queries run on this graph only")
        status, media, body = self.pool.run(text, self.headers.get("Accept"))
        self.reply(status, media, body)

    def reply(self, status: int, media: str, body: bytes):
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", media if "charset" in media or not media.startswith("text/")
                         else f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default of 5 resets connections when many clients arrive at once


def make_server(graph: str | Path, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None,
                page: bytes | None = None):
    """A ready server (call ``serve_forever``) and a cleanup function."""
    limits = limits or Limits()
    if page is None:
        page = _page_for(graph)
    location, tmp = _store_for(graph)
    pool = QueryPool(str(location), limits)
    handler = type("KgHandler", (Handler,), {"pool": pool, "limits": limits,
                                             "page": page or _default_page()})
    server = Server((host, port), handler)

    def close():
        server.server_close()
        pool.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return server, close


def _store_for(graph) -> tuple[Path, str | None]:
    """A store directory to serve: the given one, or a temporary one loaded from a graph file."""
    text = str(graph)
    if text.startswith(sparql.STORE_PREFIX) or Path(text).is_dir():
        return Path(text.removeprefix(sparql.STORE_PREFIX)), None
    import pyoxigraph as ox

    tmp = tempfile.mkdtemp(prefix="kg-serve-")
    store = ox.Store(tmp)
    sparql.load_store(text, store)
    store.flush()
    del store
    return Path(tmp), tmp


def _page_for(graph) -> bytes:
    """The graph's interactive page (kg.viz), or a plain note when the page cannot be drawn."""
    from . import push, rdf, viz

    try:
        text = str(graph)
        if text.startswith(sparql.STORE_PREFIX) or Path(text).is_dir():
            from rdflib import Graph
            g = Graph().parse(data="\n".join(push.triples_of(graph)), format="nt")
            G = rdf.from_rdf(g)
        else:
            G = rdf.load(text)
        return viz.page(G, Path(text.removeprefix(sparql.STORE_PREFIX)).name).encode("utf-8")
    except RuntimeError:  # vis-network (the viz extra) is not installed
        return _default_page()


def _default_page() -> bytes:
    return (b"<!doctype html><meta charset=utf-8><title>kg-builder</title>"
            b"<p>SPARQL endpoint: <code>/sparql?query=...</code></p>")


def serve(graph, host: str, port: int, limits: Limits, page: bytes | None = None) -> None:
    server, close = make_server(graph, host, port, limits, page)
    print(f"kg: serving {graph} at http://{host}:{server.server_address[1]}/sparql (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        close()
