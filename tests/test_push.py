"""kg push against a real Oxigraph server started on loopback, and against a store that wants a password."""
import base64
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
    with pytest.raises(PushError, match="HTTP 401.*--user/--password or --token.*who are you"):
        push(graph_file, Target(guarded))
    with pytest.raises(PushError, match="HTTP 401"):
        push(graph_file, Target(guarded, user="ann", password="wrong"))
    sent, _ = push(graph_file, Target(guarded, user="ann", password="secret"))
    sent_too, _ = push(graph_file, Target(guarded, token="t0ken"))
    assert sent == sent_too == len(Graph().parse(graph_file))
