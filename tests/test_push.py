"""kg push against a real Oxigraph server started on loopback, and against a store that wants a password."""
import base64
import io
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import kg
from kg.cli import main
from kg.push import PushError, Target, push


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (pip package oxigraph) is not installed")
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, example_graph):
    path = tmp_path_factory.mktemp("push") / "example.ttl"
    kg.write(example_graph, path)
    return path


def fetch(base, graph_iri):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(f"{base}/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as r:
        return Graph().parse(data=r.read().decode(), format="nt")


@pytest.mark.parametrize("protocol, path", [("gsp", "/store"), ("update", "/update")])
def test_pushed_graph_equals_the_local_one(oxigraph, graph_file, example_graph, protocol, path):
    graph_iri = f"https://example.org/graphs/{protocol}"
    assert main(["push", str(graph_file), "--endpoint", oxigraph + path, "--graph", graph_iri,
                 "--protocol", protocol, "--batch", "100"]) == 0
    assert isomorphic(fetch(oxigraph, graph_iri), kg.to_rdf(example_graph))


def test_replace_empties_the_graph_first(oxigraph, graph_file, tmp_path):
    graph_iri = "https://example.org/graphs/replaced"
    other = tmp_path / "one.nt"
    other.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    push(graph_file, Target(oxigraph + "/store", graph_iri))
    push(other, Target(oxigraph + "/store", graph_iri), replace=True)
    assert len(fetch(oxigraph, graph_iri)) == 1
    push(graph_file, Target(oxigraph + "/update", graph_iri, "update"), replace=True)
    assert len(fetch(oxigraph, graph_iri)) == len(Graph().parse(graph_file))


def test_refusal_is_a_clear_error(oxigraph, graph_file, capsys):
    assert main(["push", str(graph_file), "--endpoint", oxigraph + "/no-such-path"]) == 1
    assert "refused batch 1 with HTTP 404" in capsys.readouterr().err
    assert main(["push", str(graph_file), "--endpoint", f"http://127.0.0.1:{free_port()}/store"]) == 1
    assert "cannot reach the store" in capsys.readouterr().err


class Guarded(BaseHTTPRequestHandler):
    """A store that takes N-Triples only with the right password (Basic) or token (Bearer)."""
    received = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        good = {"Basic " + base64.b64encode(b"ann:secret").decode(), "Bearer t0ken"}
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Authorization") not in good:
            self.send_response(401)
            self.end_headers()
            self.wfile.write(b"who are you?")
            return
        Guarded.received.append(body)
        self.send_response(204)
        self.end_headers()


@pytest.fixture
def guarded():
    server = HTTPServer(("127.0.0.1", 0), Guarded)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()


def test_authentication(guarded, graph_file):
    with pytest.raises(PushError, match=r"HTTP 401.*--user and \$KG_PASSWORD, or \$KG_TOKEN.*who are you"):
        push(graph_file, Target(guarded))
    with pytest.raises(PushError, match="HTTP 401"):
        push(graph_file, Target(guarded, user="ann", password="wrong"))
    sent, _ = push(graph_file, Target(guarded, user="ann", password="secret"))
    sent_too, _ = push(graph_file, Target(guarded, token="t0ken"))
    assert sent == sent_too == len(Graph().parse(graph_file))


def test_the_password_comes_from_the_environment_not_the_command_line(guarded, graph_file, monkeypatch, capsys):
    with pytest.raises(SystemExit):
        main(["push", str(graph_file), "--endpoint", guarded, "--user", "ann", "--password", "secret"])
    monkeypatch.setattr("sys.stdin", io.StringIO())  # no terminal to ask on
    monkeypatch.delenv("KG_PASSWORD", raising=False)
    assert main(["push", str(graph_file), "--endpoint", guarded, "--user", "ann"]) == 1
    assert "$KG_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("KG_PASSWORD", "secret")
    assert main(["push", str(graph_file), "--endpoint", guarded, "--user", "ann"]) == 0
    monkeypatch.setenv("KG_TOKEN", "t0ken")
    assert main(["push", str(graph_file), "--endpoint", guarded, "--token"]) == 0


class Recorder(BaseHTTPRequestHandler):
    """A store that records what it is sent; ``answers`` maps a path to (status, Location) for redirects."""
    answers: dict = {}
    seen: list = []

    def log_message(self, *args):
        pass

    def handle_any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append((self.command, self.path, self.headers.get("Authorization"), body))
        status, location = type(self).answers.get(self.path.split("?")[0], (204, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = handle_any


@pytest.fixture
def stores():
    """Two recording stores on loopback: two origins."""
    started = []
    for name in ("Home", "Elsewhere"):
        handler = type(name, (Recorder,), {"answers": {}, "seen": []})
        server = HTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append((f"http://127.0.0.1:{server.server_address[1]}", handler, server))
    yield [(url, handler) for url, handler, _ in started]
    for *_, server in started:
        server.shutdown()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_no_redirect_to_another_origin_and_no_credentials_sent_there(stores, graph_file, monkeypatch, capsys, status):
    (home, here), (elsewhere, there) = stores
    here.answers["/store"] = (status, f"{elsewhere}/store")
    monkeypatch.setenv("KG_PASSWORD", "secret")
    assert main(["push", str(graph_file), "--endpoint", f"{home}/store", "--user", "ann"]) == 1
    err = capsys.readouterr().err
    assert f"HTTP {status}" in err and "not followed" in err and "pushed" not in err
    assert there.seen == []
    assert [method for method, *_ in here.seen] == ["POST"]


def test_a_redirect_within_the_store_keeps_method_body_and_credentials(stores, graph_file, monkeypatch):
    (home, here), _ = stores
    here.answers["/old"] = (307, "/store")
    monkeypatch.setenv("KG_PASSWORD", "secret")
    assert main(["push", str(graph_file), "--endpoint", f"{home}/old", "--user", "ann"]) == 0
    (m1, p1, a1, b1), (m2, p2, a2, b2) = here.seen
    assert (m1, m2) == ("POST", "POST") and p2 == "/store" and a1 == a2 is not None and b1 == b2 != b""


@pytest.mark.parametrize("status", [100, 202, 304, 500])
def test_any_answer_but_2xx_is_a_failure(stores, graph_file, status):
    (home, here), _ = stores
    here.answers["/store"] = (status, None)
    if status == 202:
        assert main(["push", str(graph_file), "--endpoint", f"{home}/store"]) == 0
    else:
        assert main(["push", str(graph_file), "--endpoint", f"{home}/store"]) == 1


@pytest.mark.parametrize("endpoint", ["file:///etc/passwd#", "ftp://127.0.0.1/store", "127.0.0.1:7878/store",
                                      "http:///store"])
def test_only_http_endpoints(graph_file, capsys, endpoint):
    assert main(["push", str(graph_file), "--endpoint", endpoint]) == 1
    assert "must be an http:// or https:// URL" in capsys.readouterr().err


def test_a_password_in_the_endpoint_url_is_refused_and_never_printed(graph_file, capsys):
    assert main(["push", str(graph_file), "--endpoint", "http://ann:s3cret@127.0.0.1:9/store"]) == 1
    err = capsys.readouterr().err
    assert "--user" in err and "s3cret" not in err and "ann" not in err


@pytest.mark.parametrize("graph_iri", ["https://g/1> ; DROP ALL ; DROP SILENT GRAPH <https://g/1", "g1",
                                       "https://g/1 x", "https://g/{1}"])
def test_the_graph_must_be_an_absolute_iri(stores, graph_file, capsys, graph_iri):
    (home, here), _ = stores
    assert main(["push", str(graph_file), "--endpoint", f"{home}/update", "--protocol", "update", "--replace",
                 "--graph", graph_iri]) == 1
    assert "is not an absolute IRI" in capsys.readouterr().err
    assert here.seen == []
