"""Running SPARQL queries over a graph file, on Oxigraph's engine."""
from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

from . import rdf
from .vocab import PREFIXES

_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD}


class QueryError(ValueError):
    """A query that does not parse; the message gives the position."""


def open_store(path: str | Path, fmt: str | None = None) -> ox.Store:
    """An in-memory Oxigraph store holding the graph file (named graphs united into the default graph)."""
    fmt = rdf.format_for(path, fmt)
    store = ox.Store()
    if fmt == "graphml":
        data = rdf.serialize(rdf.load(path, fmt), "nt")
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    else:
        store.bulk_load(path=str(path), format=_OX_FORMATS[fmt])
    return store


def run_query(store: ox.Store, text: str, bindings: dict | None = None):
    """Run ``text`` with the kg-builder prefixes predeclared; ``bindings`` map variable names to values.

    A binding value is a ``pyoxigraph`` term, or a ``str`` (a plain literal).
    """
    subs = {ox.Variable(k): (ox.Literal(v) if isinstance(v, str) else v) for k, v in (bindings or {}).items()}
    try:
        return store.query(text, prefixes={p: str(ns) for p, ns in PREFIXES.items()},
                           substitutions=subs, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"query does not parse: {exc}") from None


def print_table(result, out=sys.stdout) -> None:
    """A SELECT result as an aligned text table; ASK as yes/no; CONSTRUCT/DESCRIBE as N-Triples."""
    if isinstance(result, ox.QueryBoolean):
        print("yes" if result else "no", file=out)
        return
    if isinstance(result, ox.QueryTriples):
        for t in result:
            print(f"{t.subject} {t.predicate} {t.object} .", file=out)
        return
    names = [v.value for v in result.variables]
    rows = [[_show(sol[name]) for name in names] for sol in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    print("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in rows:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip(), file=out)
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=out)


def _show(term) -> str:
    if term is None:
        return ""
    text = term.value
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)):
                return f"{prefix}:{text[len(str(ns)):]}"
    return text
