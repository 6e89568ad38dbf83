"""Check a graph against ontology/shapes.ttl with pySHACL."""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from .vocab import ontology_file

@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def validate(data: Graph) -> tuple[bool, str]:
    """(conforms, readable report) for an RDF graph."""
    from pyshacl import validate as shacl_validate

    conforms, _, text = shacl_validate(data, shacl_graph=shapes(), inference="none", advanced=True)
    return bool(conforms), text
