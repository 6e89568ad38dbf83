"""kg-builder: news articles -> a knowledge graph (NetworkX) -> RDF for SPARQL.

>>> import kg                                   # doctest: +SKIP
>>> G = kg.build(["articles/"])                 # a networkx.MultiDiGraph
>>> kg.write(G, "graph.ttl")                    # Turtle, TriG, N-Triples, JSON-LD or GraphML
>>> kg.load("graph.ttl")                        # the same graph back
>>> kg.read_text("Pc Jane Roe, 41, was stabbed in Leeds.").facts   # what one text says

The names are imported when first used, so ``import kg`` (and the spaCy components of ``kg.read``,
which spaCy loads through entry points) stays cheap.
"""
from importlib import import_module

__all__ = ["build", "read_text", "load", "write", "to_rdf", "Document", "KgError"]
__version__ = "0.1.0"

_WHERE = {"build": "pipeline", "read_text": "pipeline", "load": "rdf", "write": "rdf", "to_rdf": "rdf",
          "Document": "records", "KgError": "errors"}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
