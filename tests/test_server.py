"""kg serve through real clients: SPARQLWrapper and rdflib's SPARQLStore; limits and refusals."""
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper

from kg.server import Limits, make_server, negotiate

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory, example_graph):
    import kg
    path = tmp_path_factory.mktemp("serve") / "example.ttl"
    kg.write(example_graph, path)
    server, close = make_server(path, port=0, limits=Limits(timeout=2.0, max_rows=50, max_request=10_000))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}/sparql"
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
