"""Graph file formats by name and suffix (kept apart from ``kg.rdf`` so the command line starts fast)."""
from __future__ import annotations

from pathlib import Path

from .errors import KgError

FORMATS = {  # --format name -> (suffixes, rdflib format or None for GraphML)
    "turtle": ((".ttl",), "turtle"),
    "trig": ((".trig",), "trig"),
    "nt": ((".nt",), "nt"),
    "jsonld": ((".jsonld", ".json"), "json-ld"),
    "graphml": ((".graphml",), None),
}
RDF_SUFFIXES = {s for name, (suffixes, _) in FORMATS.items() if name != "graphml" for s in suffixes} - {".json"}


class FormatError(KgError, ValueError):
    """An output or input format that kg-builder does not know."""


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format name for ``path``: ``fmt`` if given, else from the suffix."""
    if fmt:
        if fmt not in FORMATS:
            raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    for name, (suffixes, _) in FORMATS.items():
        if suffix in suffixes:
            return name
    raise FormatError(f"cannot tell the format of {str(path)!r} from its suffix; "
                      f"use a suffix ({', '.join(s for v in FORMATS.values() for s in v[0])}) or --format")
