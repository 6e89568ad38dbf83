"""A fuzz target for kg serve: hypothesis sends the query texts, headers and raw requests an attacker
might. Whatever comes in, the server answers with one of its own statuses (never 500: no worker dies,
no bug shows), lets no request leave for a SERVICE, grants no other origin, and keeps serving.

Bounded (a fixed number of examples each) so that it runs in CI with the rest of the suite.
"""
import http.client
import socket
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.server import Limits, make_server

STATUSES = {200, 204, 400, 403, 404, 405, 406, 413, 414, 415, 421, 422, 431, 503}
FRAGMENTS = [
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "[", "]", "?s", "?p", "?o", "*", ".",
    ";", ",", "a", "1", "-0.5e3", "schema:name", "<https://schema.org/Person>", "<SERVICE>", "SERVICE", "service",
    "\\u0053ERVICE", "\\U00000053ERVICE", "SILENT", "<http://127.0.0.1:PORT/sparql>", '"', '"""', "'", "\\", "#",
    "\n", '"SERVICE"', "FILTER", "BIND", "AS", "CONCAT", "STRLEN", "REGEX", "OPTIONAL", "UNION", "MINUS", "GRAPH",
    "FROM", "NAMED", "VALUES", "EXISTS", "NOT", "LIMIT 5", "ORDER BY", "GROUP BY", "COUNT", "LOAD", "INSERT DATA",
    "DELETE", "DROP ALL", "CLEAR", "PREFIX x: <http://127.0.0.1:PORT/>", "x:y", "BASE <http://127.0.0.1:PORT/>",
    "<y>", "^^", "@en", "_:b", "<<", ">>",
]
HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)


@pytest.fixture(scope="module")
def target(tmp_path_factory, example_graph):
    """kg serve on the example graph, and a loopback listener standing for another host a query may name."""
    import kg
    path = tmp_path_factory.mktemp("fuzz") / "example.ttl"
    kg.write(example_graph, path)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    server, close = make_server(path, port=0, limits=Limits(timeout=1.0, max_rows=100, max_request=20_000,
                                                            max_memory=512, workers=2, client_timeout=5))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port, listener
    close()
    thread.join(timeout=10)
    listener.close()


def contacted(listener) -> bool:
    try:
        listener.accept()[0].close()
        return True
    except socket.timeout:
        return False


def ask(port: int, method: str, path: str, body: bytes | None, headers: dict) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response
    finally:
        conn.close()


SERVICE_SPELLINGS = ["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "\\u0073ervice", "SERVIC\\u0045",
                     "\\U00000053ERVICE"]
# queries that do call another endpoint, written every way the grammar allows: each must be refused (403)
service_calls = st.builds(
    lambda before, spelling, silent, inner: f"SELECT * WHERE {{ {before}{spelling}{silent} "
                                            f"<http://127.0.0.1:PORT/sparql> {{ {inner} }} }}",
    st.sampled_from(["", "?s ?p ?o .", "?s ?p ?o.", "?s ?p ?o ;", "{ } ", "OPTIONAL { ?s ?p ?o } ", "#x\n",
                     "FILTER(1) ", "?s ?p ?o . { SELECT * WHERE { ", "?s ?p ?o MINUS { ?s ?p ?o } "]),
    st.sampled_from(SERVICE_SPELLINGS), st.sampled_from(["", " SILENT", " silent", "\tSILENT"]),
    st.sampled_from(["?a ?b ?c", "", "?a ?b ?c FILTER(?c)"]),
).map(lambda q: q + " } }" if "{ SELECT" in q else q)
queries = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join),
    st.text(max_size=300),
    service_calls,
)
headers = st.fixed_dictionaries({}, optional={
    "Accept": st.one_of(st.sampled_from(["*/*", "application/sparql-results+json", "text/csv;q=0", "text/*",
                                         "application/json", "image/png"]), HEADER_TEXT),
    "Origin": st.one_of(st.just("https://evil.example"), HEADER_TEXT),
    "Host": st.one_of(st.sampled_from(["localhost", "evil.example", "127.0.0.1:1", "[::1]"]), HEADER_TEXT),
    "Content-Type": st.one_of(st.sampled_from(["application/sparql-query", "application/sparql-update",
                                               "application/x-www-form-urlencoded", "text/plain"]), HEADER_TEXT),
})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=queries, extra=headers, how=st.sampled_from(["GET", "form", "body"]),
       graphs=st.lists(st.one_of(st.just("https://example.org/g"), HEADER_TEXT), max_size=2))
def test_fuzz_queries_and_headers(target, text, extra, how, graphs):
    from urllib.parse import urlencode
    port, listener = target
    text = text.replace("PORT", str(listener.getsockname()[1]))
    params = [("query", text)] + [("default-graph-uri", g) for g in graphs]
    if how == "GET":
        response = ask(port, "GET", "/sparql?" + urlencode(params), None, extra)
    elif how == "form":
        response = ask(port, "POST", "/sparql", urlencode(params).encode(),
                       {"Content-Type": "application/x-www-form-urlencoded", **extra})
    else:
        response = ask(port, "POST", "/sparql", text.encode("utf-8", "surrogatepass"),
                       {"Content-Type": "application/sparql-query", **extra})
    assert response.status in STATUSES
    assert response.getheader("Access-Control-Allow-Origin") is None
    assert not contacted(listener)
    if "/sparql>" in text and response.status not in (413, 414, 415, 421, 431) and not graphs:
        assert response.status in (400, 403), text  # a SERVICE call is never answered


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=st.one_of(
    st.binary(max_size=400),
    st.builds(lambda line, head, body: line + b"\r\n" + head + b"\r\n\r\n" + body,
              st.sampled_from([b"GET /sparql?query=ASK%7B%7D HTTP/1.1", b"POST /sparql HTTP/1.1", b"GET / HTTP/1.0",
                               b"OPTIONS /sparql HTTP/1.1", b"GET /sparql?query=%ff%fe HTTP/1.1"]),
              st.lists(st.sampled_from([b"Host: localhost", b"Content-Length: -1", b"Content-Length: 99999999",
                                        b"Content-Length: 5", b"Transfer-Encoding: chunked", b"Expect: 100-continue",
                                        b"Content-Type: application/sparql-query", b"Connection: close",
                                        b"X: " + b"y" * 2000, b"\x00\xff: \x01"]), max_size=6).map(b"\r\n".join),
              st.binary(max_size=200))))
def test_fuzz_raw_requests(target, request):
    port, _ = target
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(request)
        conn.shutdown(socket.SHUT_WR)  # the whole request is sent: an answer or a close must follow
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    if answer:
        assert answer.startswith(b"HTTP/1.")
        assert int(answer[9:12]) in STATUSES | {100}  # 100 Continue may come before the answer
    response = ask(port, "GET", "/sparql?query=ASK%7B%7D", None, {})  # and the server goes on serving
    assert response.status == 200
