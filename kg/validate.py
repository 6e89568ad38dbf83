"""Check a graph against ontology/shapes.ttl with pySHACL."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


def ontology_file(name: str) -> Path:
    """A file of the ontology folder (in a source checkout, or installed beside the package)."""
    for folder in (ONTOLOGY_DIR, Path(__file__).resolve().parent / "ontology"):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"ontology file {name!r} not found in {ONTOLOGY_DIR}")


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def validate(data: Graph) -> tuple[bool, str]:
    """(conforms, readable report) for an RDF graph."""
    from pyshacl import validate as shacl_validate

    conforms, _, text = shacl_validate(data, shacl_graph=shapes(), inference="none", advanced=True)
    return bool(conforms), text
