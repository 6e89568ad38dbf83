"""Stable IRIs: the same input gives the same IRIs, run after run."""
from __future__ import annotations

import hashlib
import re
import unicodedata

DEFAULT_BASE = "https://example.org/kg/"


def digest(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def slug(text: str, limit: int = 60) -> str:
    """A readable, IRI-safe path segment: "Mrs Zoë O'Neil" -> "mrs-zoe-o-neil"."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if not s or len(s) > limit:
        s = (s[:limit].rstrip("-") + "-" if s else "") + digest(text, 8)
    return s


def iri_problem(text: str) -> str | None:
    """What makes ``text`` not an absolute IRI (RFC 3987, read by Oxigraph's parser), or None."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except ValueError as exc:
        return str(exc)
    return None


def check_base(base: str) -> str:
    """The base IRI for instances: absolute, ending in '/', without a fragment ('#'), since a text
    span's IRI is its article's IRI with a fragment."""
    problem = iri_problem(span_iri(article_iri(base, ""), 0, 0))
    if problem or not base.endswith("/") or "#" in base:
        reason = f" ({problem})" if problem else ""
        raise ValueError(f"base IRI {base!r} must be an absolute IRI ending in '/', without '#'{reason}; "
                         f"for example {DEFAULT_BASE!r}")
    return base


def article_iri(base: str, text: str) -> str:
    """An article is named by its content, so the same text is the same article wherever it comes from."""
    return f"{base}article/{digest(text)}"


def entity_iri(base: str, entity_type: str, name: str, article: str) -> str:
    """Entities with a full name are shared across articles; a one-word person name stays in its article."""
    path = f"{base}{entity_type.lower()}/{slug(name)}"
    if entity_type == "Person" and len(name.split()) == 1:
        path += "--" + article.rsplit("/", 1)[-1][:8]
    return path


def event_iri(base: str, event_type: str, article: str, offset: int) -> str:
    return f"{base}event/{article.rsplit('/', 1)[-1]}-{event_type.lower()}-{offset}"


def quote_iri(base: str, article: str, start: int) -> str:
    """A quotation is named by its article and where its words start."""
    return f"{base}quote/{article.rsplit('/', 1)[-1]}-{start}"


def span_iri(article: str, start: int, end: int) -> str:
    """RFC 5147 fragment: characters ``start`` to ``end`` of the article's text."""
    return f"{article}#char={start},{end}"
