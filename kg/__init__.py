"""kg-builder: news articles -> a knowledge graph (NetworkX) -> RDF for SPARQL.

>>> import kg                                   # doctest: +SKIP
>>> G = kg.build(["articles/"])                 # a networkx.MultiDiGraph
>>> kg.write(G, "graph.ttl")                    # Turtle, TriG, N-Triples, JSON-LD or GraphML
>>> kg.load("graph.ttl")                        # the same graph back
"""
from .pipeline import build
from .rdf import load, to_rdf, write
from .records import Document

__all__ = ["build", "load", "write", "to_rdf", "Document"]
__version__ = "0.1.0"
