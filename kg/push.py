"""``kg push``: send a graph to a triple store, in batches.

Two protocols, which between them every common store speaks (Oxigraph, Fuseki,
GraphDB, Virtuoso, Neptune):

``gsp``     SPARQL 1.1 Graph Store HTTP Protocol: ``POST`` (add) or, with
            ``replace``, ``PUT`` then ``POST`` to ``ENDPOINT?graph=IRI`` (or
            ``?default``), N-Triples bodies. ENDPOINT is the store's graph-store
            URL (Oxigraph ``/store``, Fuseki ``/DATASET/data``).
``update``  SPARQL 1.1 Update: ``INSERT DATA`` batches (after ``DROP SILENT GRAPH``
            or ``CLEAR DEFAULT`` with ``replace``) sent to the update URL
            (Oxigraph ``/update``, Fuseki ``/DATASET/update``).

Authentication: HTTP Basic (user and password) or a bearer token.
"""
from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import rdf, sparql
from .errors import KgError
from .parallel import batches

PROTOCOLS = ("gsp", "update")


class PushError(KgError, OSError):
    """The store could not be reached or refused the graph."""


@dataclass
class Target:
    endpoint: str
    graph: str | None = None  # None: the default graph
    protocol: str = "gsp"
    user: str | None = None
    password: str | None = None
    token: str | None = None
    timeout: float = 120.0


def triples_of(source: str | Path) -> Iterator[str]:
    """The triples of a graph file or store directory, one N-Triples line each (streamed)."""
    text = str(source)
    if text.startswith(sparql.STORE_PREFIX) or Path(text).is_dir():
        store = ox.Store.read_only(text.removeprefix(sparql.STORE_PREFIX))
        for q in store:
            yield f"{q.subject} {q.predicate} {q.object} ."
        return
    fmt = rdf.format_for(text)
    if fmt == "graphml":
        data = rdf.serialize(rdf.load(text, fmt), "nt")
        yield from data.decode("utf-8").splitlines()
        return
    if not Path(text).is_file():
        raise rdf.GraphReadError(f"{text}: no such file")
    try:
        for q in ox.parse(path=text, format=sparql._OX_FILE_FORMATS[fmt]):
            yield f"{q.subject} {q.predicate} {q.object} ."
    except SyntaxError as exc:
        raise rdf.GraphReadError(f"{text}: not valid {fmt}: {exc}") from None


def push(source: str | Path, target: Target, batch_size: int = 50_000, replace: bool = False) -> tuple[int, int]:
    """Send the graph; returns (triples sent, requests made). Raises PushError when refused."""
    if target.protocol not in PROTOCOLS:
        raise PushError(f"protocol {target.protocol!r} is not one of {', '.join(PROTOCOLS)}")
    sent = requests = 0
    if replace and target.protocol == "update":
        clear = f"DROP SILENT GRAPH <{target.graph}>" if target.graph else "CLEAR SILENT DEFAULT"
        _send(target, "POST", target.endpoint, clear.encode(), "application/sparql-update", "clearing the graph")
        requests += 1
    for number, batch in enumerate(batches(triples_of(source), batch_size), start=1):
        body = "\n".join(batch) + "\n"
        if target.protocol == "gsp":
            method = "PUT" if replace and number == 1 else "POST"
            _send(target, method, _graph_url(target), body.encode("utf-8"), "application/n-triples", f"batch {number}")
        else:
            inner = f"GRAPH <{target.graph}> {{\n{body}}}" if target.graph else body
            _send(target, "POST", target.endpoint, f"INSERT DATA {{\n{inner}}}".encode("utf-8"),
                  "application/sparql-update", f"batch {number}")
        sent += len(batch)
        requests += 1
    if sent == 0 and replace and target.protocol == "gsp":
        _send(target, "PUT", _graph_url(target), b"", "application/n-triples", "emptying the graph")
        requests += 1
    return sent, requests


def _graph_url(target: Target) -> str:
    query = urllib.parse.urlencode({"graph": target.graph}) if target.graph else "default"
    return f"{target.endpoint}{'&' if '?' in target.endpoint else '?'}{query}"


def _send(target: Target, method: str, url: str, body: bytes, media: str, what: str) -> None:
    request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": media})
    if target.token:
        request.add_header("Authorization", f"Bearer {target.token}")
    elif target.user is not None:
        pair = f"{target.user}:{target.password or ''}".encode()
        request.add_header("Authorization", "Basic " + base64.b64encode(pair).decode())
    try:
        with urllib.request.urlopen(request, timeout=target.timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:300]
        hint = " (check --user/--password or --token)" if exc.code in (401, 403) else ""
        raise PushError(f"{url}: the store refused {what} with HTTP {exc.code} {exc.reason}{hint}"
                        + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"{url}: cannot reach the store ({reason})") from None
