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

Authentication: HTTP Basic (user and password) or a bearer token. Only http and
https endpoints are used; a redirect is followed only when it keeps the method
(307, 308) and the origin, so credentials never go to another host, and any
other answer but 2xx is a failure.
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

from . import iris, rdf, sparql
from .errors import KgError
from .parallel import batches

PROTOCOLS = ("gsp", "update")
MAX_REDIRECTS = 5


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
    check_target(target)
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


def check_target(target: Target) -> None:
    """Refuse a target that is not an http(s) store, carries a password in its URL, or names its graph
    with something that is not an absolute IRI (which would otherwise be pasted into an update)."""
    if target.protocol not in PROTOCOLS:
        raise PushError(f"protocol {target.protocol!r} is not one of {', '.join(PROTOCOLS)}")
    url = urllib.parse.urlsplit(target.endpoint)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise PushError(f"endpoint {shown(target.endpoint)!r} must be an http:// or https:// URL of a store")
    if url.username is not None or url.password is not None:
        raise PushError(f"endpoint {shown(target.endpoint)!r} carries credentials: give the user with --user "
                        f"and the password in $KG_PASSWORD (or at the prompt)")
    problem = iris.iri_problem(target.graph) if target.graph is not None else None
    if problem:
        raise PushError(f"--graph {target.graph[:200]!r} is not an absolute IRI ({problem}); "
                        f"for example https://news.example/graphs/1")


def shown(url: str) -> str:
    """A URL fit to print: without the user name and password it may carry."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))


def _origin(url: str) -> tuple:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.hostname, parts.port or {"http": 80, "https": 443}.get(parts.scheme)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # every 3xx comes back as an HTTPError, and _send decides


_OPENER = urllib.request.build_opener(_NoRedirects)


def _graph_url(target: Target) -> str:
    query = urllib.parse.urlencode({"graph": target.graph}) if target.graph else "default"
    return f"{target.endpoint}{'&' if '?' in target.endpoint else '?'}{query}"


def _send(target: Target, method: str, url: str, body: bytes, media: str, what: str) -> None:
    headers = {"Content-Type": media}
    if target.token:
        headers["Authorization"] = f"Bearer {target.token}"
    elif target.user is not None:
        pair = f"{target.user}:{target.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with _OPENER.open(request, timeout=target.timeout) as response:
                response.read()
            return
        except urllib.error.HTTPError as exc:
            location = urllib.parse.urljoin(url, exc.headers.get("Location", ""))
            if exc.code in (307, 308) and location != url and _origin(location) == _origin(url):
                url = location  # the same store, the same method and body
                continue
            if 300 <= exc.code < 400:
                raise PushError(f"{shown(url)}: the store answered {what} with HTTP {exc.code}, a redirect to "
                                f"{shown(location)!r}, which is not followed (it is another origin or would "
                                f"change the method); give the store's own URL as --endpoint") from None
            detail = exc.read().decode("utf-8", "replace").strip()[:300]
            hint = " (check --user and $KG_PASSWORD, or $KG_TOKEN)" if exc.code in (401, 403) else ""
            raise PushError(f"{shown(url)}: the store refused {what} with HTTP {exc.code} {exc.reason}{hint}"
                            + (f": {detail}" if detail else "")) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise PushError(f"{shown(url)}: cannot reach the store ({reason})") from None
    raise PushError(f"{shown(url)}: more than {MAX_REDIRECTS} redirects while sending {what}")
