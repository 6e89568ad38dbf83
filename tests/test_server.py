"""kg serve through real clients: SPARQLWrapper and rdflib's SPARQLStore; limits, refusals and attacks."""
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper

from kg.server import Limits, allowed_hosts, make_server, negotiate

from .conftest import ROOT

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, example_graph):
    import kg
    path = tmp_path_factory.mktemp("serve") / "example.ttl"
    kg.write(example_graph, path)
    with serving(path, Limits(timeout=2.0, max_rows=50, max_request=10_000, max_bytes=200_000, max_memory=512,
                              client_timeout=2)) as url:
        yield url


@contextlib.contextmanager
def serving(graph, limits, **options):
    """kg serve on a free loopback port, in this process, stopped (and its snapshot removed) after."""
    server, close = make_server(graph, port=0, limits=limits, **options)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/sparql"
    finally:
        close()
        thread.join(timeout=10)


def http(url, data=None, headers=None, method=None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers.get("Content-Type"), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type"), exc.read()


def test_sparqlwrapper_select_json_and_csv(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery("PREFIX schema: <https://schema.org/> SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }")
    client.setReturnFormat(JSON)
    names = {b["n"]["value"] for b in client.query().convert()["results"]["bindings"]}
    assert "Gregory Hale" in names
    client.setReturnFormat(CSV)
    assert b"Gregory Hale" in client.query().convert()


def test_sparqlwrapper_post_and_construct(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setMethod("POST")
    client.setQuery("CONSTRUCT { ?p <https://schema.org/name> ?n } WHERE { ?p <https://schema.org/name> ?n }")
    client.setReturnFormat(TURTLE)
    g = Graph().parse(data=client.query().convert(), format="turtle")
    assert (URIRef("https://example.org/kg/person/gregory-hale"), None, None) in g


def test_rdflib_sparqlstore(endpoint):
    store = Graph(store=SPARQLStore(endpoint, returnFormat="xml"))
    rows = list(store.query("ASK { ?s <https://schema.org/name> \"Gregory Hale\" }"))
    assert rows == [True]
    result = store.query("SELECT ?n WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n }")
    assert "Gregory Hale" in {str(r[0]) for r in result}


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
])
def test_content_negotiation(endpoint, accept, media):
    q = urllib.parse.quote("SELECT ?s WHERE { ?s a <https://schema.org/Person> } LIMIT 1")
    status, ctype, _ = http(f"{endpoint}?query={q}", headers={"Accept": accept})
    assert status == 200 and ctype.startswith(media)


def test_unacceptable_media_type_is_406(endpoint):
    q = urllib.parse.quote("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    assert http(f"{endpoint}?query={q}", headers={"Accept": "image/png"})[0] == 406


@pytest.mark.parametrize("data, headers, status", [
    (b"update=INSERT+DATA+%7B%3Chttp%3A%2F%2Fa%3E+%3Chttp%3A%2F%2Fb%3E+%3Chttp%3A%2F%2Fc%3E%7D",
     {"Content-Type": "application/x-www-form-urlencoded"}, 403),
    (b"DROP ALL", {"Content-Type": "application/sparql-update"}, 403),
    (b"LOAD <http://example.net/data.ttl>", {"Content-Type": "application/sparql-query"}, 400),
    (b"SELECT * WHERE { SERVICE <http://example.net/sparql> { ?s ?p ?o } }",
     {"Content-Type": "application/sparql-query"}, 403),
    (b"SELECT ?x WHERE { ?x a }", {"Content-Type": "application/sparql-query"}, 400),
    (b"x" * 20_000, {"Content-Type": "application/sparql-query"}, 413),
    (b"SELECT * WHERE { ?s ?p ?o }", {"Content-Type": "application/sparql-query"}, 422),
])
def test_refusals(endpoint, data, headers, status):
    assert http(endpoint, data=data, headers=headers)[0] == status


def test_writes_by_other_methods_are_refused(endpoint):
    assert http(endpoint, data=b"<a> <b> <c> .", method="PUT")[0] == 405


def test_runaway_query_is_stopped_and_the_server_goes_on(endpoint):
    started = time.monotonic()
    status, _, body = http(endpoint, data=RUNAWAY.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 503 and b"longer than the limit" in body
    assert time.monotonic() - started < 15
    q = urllib.parse.quote("ASK { ?s ?p ?o }")
    assert http(f"{endpoint}?query={q}")[0] == 200


def test_page_at_root(endpoint):
    status, ctype, body = http(endpoint.removesuffix("sparql"))
    assert status == 200 and ctype.startswith("text/html")
    assert b"window.kgNetwork" in body and b"Gregory Hale" in body


@pytest.mark.parametrize("accept, offered, chosen", [
    (None, ["a/b", "c/d"], "a/b"), ("c/d", ["a/b", "c/d"], "c/d"), ("x/y", ["a/b"], None),
    ("c/d;q=0, */*;q=0.1", ["a/b", "c/d"], "a/b"), ("text/*", ["a/b", "text/csv"], "text/csv"),
])
def test_negotiate(accept, offered, chosen):
    assert negotiate(accept, offered) == chosen


def test_twenty_concurrent_clients_get_their_answers(endpoint):
    from concurrent.futures import ThreadPoolExecutor
    queries = ["SELECT ?n WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n }",
               "ASK { ?s ?p ?o }",
               "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
               "CONSTRUCT { ?e <https://schema.org/name> ?n } WHERE { ?e <https://schema.org/name> ?n } LIMIT 20"]

    def client(i):
        statuses = []
        for j in range(10):
            q = urllib.parse.quote(queries[(i + j) % len(queries)])
            statuses.append(http(f"{endpoint}?query={q}")[0])
        return statuses
    with ThreadPoolExecutor(20) as pool:
        statuses = [s for batch in pool.map(client, range(20)) for s in batch]
    assert statuses == [200] * 200


# --- attacks (issue 15) ---------------------------------------------------------------------------

def post_query(endpoint, text, headers=None):
    return http(endpoint, data=text.encode(), headers={"Content-Type": "application/sparql-query", **(headers or {})})


def raw(endpoint, request: bytes, wait=10.0) -> bytes:
    """Send bytes as they are and read what comes back until the server closes the connection."""
    url = urllib.parse.urlparse(endpoint)
    with socket.create_connection((url.hostname, url.port), timeout=wait) as conn:
        conn.sendall(request)
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except ConnectionResetError:  # the server closed with some of the request unread
            pass
    return answer


@pytest.fixture
def listener():
    """A TCP listener on loopback that tells whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)

    def connected():
        try:
            server.accept()[0].close()
            return True
        except socket.timeout:
            return False
    yield server.getsockname()[1], connected
    server.close()


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p ?o .SERVICE <http://127.0.0.1:PORT/x> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o . \\u0053ERVICE <http://127.0.0.1:PORT/x> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://127.0.0.1:PORT/x> { ?a ?b ?c } } }",
])
def test_service_is_refused_and_no_request_leaves(endpoint, listener, text):
    port, connected = listener
    status, _, body = post_query(endpoint, text.replace("PORT", str(port)))
    assert status == 403 and b"SERVICE is refused" in body
    assert not connected()


def test_a_worker_cannot_open_network_sockets_even_past_the_check(listener):
    port, connected = listener
    code = ("from kg import sandbox; import pyoxigraph as ox\n"
            "assert sandbox.deny_network()\n"
            "s = ox.Store(); s.add(ox.Quad(ox.NamedNode('http://a'), ox.NamedNode('http://b'), ox.NamedNode('http://c')))\n"
            f"list(s.query('SELECT * WHERE {{ ?s ?p ?o SERVICE <http://127.0.0.1:{port}/x> {{ ?a ?b ?c }} }}'))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "PermissionError" in run.stderr
    assert not connected()


def test_an_unterminated_string_does_not_freeze_the_server(endpoint):
    hostile = 'SELECT * WHERE { ?s ?p "' + '\\"""' * 2_000 + ' }'  # the old check was quadratic on this
    results = {}
    slow = threading.Thread(target=lambda: results.update(bad=post_query(endpoint, hostile)[0]))
    slow.start()
    q = urllib.parse.quote("ASK { ?s ?p ?o }")
    assert http(f"{endpoint}?query={q}")[0] == 200
    slow.join(timeout=60)
    assert results["bad"] == 400


@pytest.mark.parametrize("length", [b"-1", b"+5", b"1e3", b"5, 5"])
def test_a_bad_content_length_is_refused_without_reading_on(endpoint, length):
    url = urllib.parse.urlparse(endpoint)
    request = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/sparql-query\r\n"
               b"Content-Length: %s\r\n\r\nASK {}" % (url.port, length))
    assert raw(endpoint, request).startswith(b"HTTP/1.1 400")


def test_a_body_over_the_limit_is_refused_as_it_comes(endpoint):
    url = urllib.parse.urlparse(endpoint)
    head = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/sparql-query\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n" % url.port)
    chunk = b"%x\r\n%s\r\n" % (8_000, b"x" * 8_000)
    assert raw(endpoint, head + chunk * 2).startswith(b"HTTP/1.1 413")  # sent no further: refused as it came


def doubling(levels: int, seed: int = 100) -> str:
    """A query whose one string doubles at each level: 2**levels * seed characters."""
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(levels))
    return f'SELECT (STRLEN(?a{levels}) AS ?n) WHERE {{ BIND("{"x" * seed}" AS ?a0) {binds} }}'


def test_a_query_past_the_memory_limit_gets_500_with_the_reason(tmp_path, example_graph):
    import kg
    path = tmp_path / "g.ttl"
    kg.write(example_graph, path)
    with serving(path, Limits(workers=1, timeout=120, max_memory=512)) as url:  # the limit ends it, not the clock
        status, _, body = post_query(url, doubling(26))
        assert status == 500 and b"memory allocation" in body and b"512 MB" in body
        assert post_query(url, doubling(4))[0] == 200  # a new worker took its place


def test_an_answer_over_the_byte_limit_is_refused(endpoint):
    status, _, body = post_query(endpoint, doubling(12).replace("(STRLEN(?a12) AS ?n)", "?a12"))
    assert status == 422 and b"larger than 200,000 bytes" in body


def test_a_query_nested_4500_deep_is_a_bad_request(endpoint):  # Oxigraph's parser overflows its stack on it
    status, _, body = post_query(endpoint, "SELECT * WHERE " + "{" * 4500 + "?s ?p ?o" + "}" * 4500)
    assert status == 400 and b"nests too deeply" in body


def test_no_cors_unless_asked(endpoint, tmp_path, example_graph):
    import kg
    q = urllib.parse.quote("ASK { ?s ?p ?o }")
    request = urllib.request.Request(f"{endpoint}?query={q}", headers={"Origin": "https://evil.example"})
    with urllib.request.urlopen(request, timeout=30) as r:
        assert r.headers.get("Access-Control-Allow-Origin") is None
    path = tmp_path / "g.ttl"
    kg.write(example_graph, path)
    with serving(path, Limits(workers=1), cors="https://app.example") as url:
        for origin, allowed in (("https://app.example", "https://app.example"), ("https://evil.example", None)):
            request = urllib.request.Request(f"{url}?query={q}", headers={"Origin": origin})
            with urllib.request.urlopen(request, timeout=30) as r:
                assert r.headers.get("Access-Control-Allow-Origin") == allowed


@pytest.mark.parametrize("host, status", [
    ("evil.example", 421), ("evil.example:80", 421), ("127.0.0.1.evil.example", 421),
    ("localhost", 200), ("127.0.0.1:{port}", 200), ("[::1]:{port}", 200), ("LOCALHOST.", 200),
])
def test_the_host_header_must_name_this_server(endpoint, host, status):
    url = urllib.parse.urlparse(endpoint)
    request = b"GET /sparql?query=ASK%%7B%%7D HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % (
        host.format(port=url.port).encode())
    assert raw(endpoint, request).startswith(b"HTTP/1.1 %d" % status)


def test_allowed_hosts():
    assert allowed_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert allowed_hosts("192.0.2.7") == {"192.0.2.7"}
    assert allowed_hosts("kg.example") == {"kg.example"}
    assert allowed_hosts("0.0.0.0") is None


def test_slow_clients_are_dropped_and_hold_no_thread(endpoint):
    url = urllib.parse.urlparse(endpoint)
    slow = []
    for _ in range(30):  # more than the server's threads
        conn = socket.create_connection((url.hostname, url.port), timeout=30)
        conn.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\n")  # never finished
        slow.append(conn)
    q = urllib.parse.quote("ASK { ?s ?p ?o }")
    assert [http(f"{endpoint}?query={q}")[0] for _ in range(5)] == [200] * 5
    for conn in slow:  # the client timeout (2 s) ends them: the server closes the connection
        assert conn.recv(100) == b""
        conn.close()


def test_dataset_parameters_choose_graphs(tmp_path, example_graph):
    import kg
    trig = tmp_path / "g.trig"
    kg.write(example_graph, trig)
    article = next(n for n, d in example_graph.nodes(data=True) if d["type"] == "NewsArticle")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    with serving(trig, Limits(workers=1)) as url:
        def triples(query, **params):
            args = urllib.parse.urlencode({"query": query, **params})
            status, _, body = http(f"{url}?{args}", headers={"Accept": "text/csv"})
            assert status == 200, body
            return int(body.split()[1])
        everything = triples(count)
        assert 0 < triples(count, **{"default-graph-uri": article}) < everything
        assert 0 < triples(count.replace("WHERE", f"FROM <{article}> WHERE")) < everything
        assert triples(count, **{"default-graph-uri": "https://example.org/none"}) == 0
        in_graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert triples(in_graphs, **{"default-graph-uri": article}) == 0  # and no named graphs
        assert triples(in_graphs, **{"named-graph-uri": article}) == triples(count, **{"default-graph-uri": article})
        assert triples(count, **{"named-graph-uri": article}) == 0  # and an empty default graph
        assert http(f"{url}?" + urllib.parse.urlencode({"query": count, "default-graph-uri": "no iri"}))[0] == 400


def test_a_store_that_changes_is_served_from_one_snapshot(tmp_path, example_graph):
    import pyoxigraph as ox
    import kg
    store = tmp_path / "store"
    kg.write(example_graph, tmp_path / "g.nt")
    live = ox.Store(str(store))
    live.bulk_load(path=str(tmp_path / "g.nt"), format=ox.RdfFormat.N_TRIPLES)
    live.flush()
    count = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    with serving(store, Limits(workers=2, timeout=1.0)) as url:
        before = http(f"{url}?query={count}", headers={"Accept": "text/csv"})[2]
        live.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/b"),
                         ox.NamedNode("https://example.org/c")))
        live.flush()
        assert post_query(url, RUNAWAY)[0] == 503  # a worker is replaced: it opens the store again
        time.sleep(1)
        answers = {http(f"{url}?query={count}", headers={"Accept": "text/csv"})[2] for _ in range(8)}
    assert answers == {before}


def test_a_store_with_other_data_is_served(tmp_path, example_graph):
    import kg
    path = tmp_path / "g.ttl"
    kg.write(example_graph, path)
    with path.open("a", encoding="utf-8") as f:
        f.write("<https://example.org/x> a <https://example.org/Thing> ; <https://example.org/p> 1 .\n")
    with serving(path, Limits(workers=1)) as url:
        status, _, body = http(url.removesuffix("sparql"))
        assert status == 200 and b"Gregory Hale" in body


def test_sigterm_removes_the_snapshot(tmp_path, example_graph):
    import kg
    path = tmp_path / "g.ttl"
    kg.write(example_graph, path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(path), "--port", "0", "--workers", "1"],
                               cwd=ROOT, env={**os.environ, "TMPDIR": str(scratch)}, stdout=subprocess.PIPE, text=True)
    try:
        assert "serving" in process.stdout.readline()
        assert "kg-serve-" in [p.name[:9] for p in scratch.iterdir()]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    assert list(scratch.iterdir()) == []


def test_too_little_memory_for_a_worker_is_a_clear_error(tmp_path, example_graph, monkeypatch):
    import kg
    path = tmp_path / "g.ttl"
    kg.write(example_graph, path)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    tempfile.tempdir = None  # read TMPDIR again
    try:
        with pytest.raises(RuntimeError, match=r"did not start \(.+\); if it lacked memory, raise --max-memory"):
            make_server(path, port=0, limits=Limits(workers=1, max_memory=100))
    finally:
        tempfile.tempdir = None
        monkeypatch.undo()
    assert [p.name for p in (tmp_path / "tmp").iterdir() if p.name.startswith("kg-serve-")] == []


def test_a_json_ld_context_is_not_fetched_by_serve(tmp_path, listener):
    port, connected = listener
    graph = tmp_path / "g.jsonld"
    graph.write_text(f'{{"@context": "http://127.0.0.1:{port}/context.jsonld", "@id": "https://example.org/a", '
                     f'"name": "A"}}', encoding="utf-8")
    with pytest.raises(ValueError, match="g.jsonld: not valid jsonld"):
        make_server(graph, port=0, limits=Limits(workers=1))
    assert not connected()
