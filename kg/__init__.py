"""kg-builder: news articles -> a knowledge graph (NetworkX) -> RDF for SPARQL.

>>> import kg                                   # doctest: +SKIP
>>> G = kg.build(["articles/"])                 # a networkx.MultiDiGraph
>>> kg.write(G, "graph.ttl")                    # Turtle, TriG, N-Triples, JSON-LD or GraphML
>>> kg.load("graph.ttl")                        # the same graph back
"""
from importlib import import_module

__all__ = ["build", "load", "write", "to_rdf", "Document"]
__version__ = "0.1.0"

# The API is imported when first used, so ``kg --help`` does not wait for spaCy.
_HOME = {"build": "pipeline", "load": "rdf", "write": "rdf", "to_rdf": "rdf", "Document": "records"}


def __getattr__(name: str):
    if name in _HOME:
        return getattr(import_module(f".{_HOME[name]}", __name__), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + __all__)
