"""The central model: a NetworkX ``MultiDiGraph`` of entities, events and articles.

Node and edge schema
--------------------
Every node is keyed by its IRI (a ``str``) and has a ``type``:

``Person`` / ``Organization`` / ``Place`` (entities)
    ``name`` (the fullest name, without titles), ``alternateName`` (list of the
    other surface forms), ``honorificPrefix`` / ``honorificSuffix`` (lists),
    and for people ``age`` (int) and ``jobTitle`` (list). Places that ``kg.link`` finds in the
    gazetteers have ``sameAs`` (the GeoNames IRI), ``latitude`` / ``longitude`` / ``addressCountry``
    (cities and continents), ``isoCode`` and for countries ``isoAlpha3``.
an ACE event class (``Attack``, ``Die``, ... see ``kg.vocab.EVENT_CLASSES``)
    ``name``, ``startDate`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), ``factuality``
    (``Alleged``, ``Negated``, ``Planned`` or ``Possible``; absent when the text asserts
    it happened), and for ``Sentence`` / ``Fine`` events ``sentence`` / ``money`` (text).
``NewsArticle``
    ``identifier`` (a list: the file name or input id of each copy of its text), ``headline``, ``datePublished``, ``url``.
``Quotation``
    ``text`` (the quoted words) and, for reported speech, ``indirect`` (True); edges ``creator``
    (to the person or organisation who said it, when the text says), ``isPartOf`` (its article) and
    ``about`` (the entities it names).
``TextSpan``
    ``startOffset``, ``endOffset`` (characters of the article's text) and ``text``
    (what they hold); it has an ``isPartOf`` edge to its article.

Each node attribute is written in RDF through ``kg.vocab.LITERALS``. Literal
facts read from the text also keep their evidence in ``literalEvidence``: a
sorted list of ``[attribute, value, confidence, [span IRIs], [rules]]``.

Edges go from subject to object; the edge key is the relation name, one of
``kg.vocab.RELATIONS`` (``spouse``, ``memberOf``, an ACE role such as
``attacker``, ``location``, ``mentions`` from an article, ``isPartOf`` from a
span). Edges read from the text carry ``confidence`` (0..1), ``evidence``
(a sorted list of span IRIs: the sentence or the mention they came from) and
``rules`` (the identifiers of the rules that read them, ``kg.read.rules``).

Graphs are merged node by node: the same IRI from two articles is one node
whose lists and evidence are the union of both. Which node each entity and
event of a new article is, ``kg.across`` decides before it is added.
"""
from __future__ import annotations

import networkx as nx

from . import iris
from .records import Reading
from .vocab import LITERALS

__all__ = ["new_graph", "add_reading", "merge_node", "merge_edge"]


def new_graph() -> nx.MultiDiGraph:
    return nx.MultiDiGraph()


def fuller_name(a: str | None, b: str | None) -> str | None:
    """The fuller of two names: more words, then longer, then alphabetical (order-independent)."""
    names = [n for n in (a, b) if n]
    return min(names, key=lambda n: (-len(n.split()), -len(n), n)) if names else None


def merge_node(G: nx.MultiDiGraph, node: str, **attrs) -> None:
    """Add ``node`` or merge ``attrs`` into it: lists are united, names keep the fullest."""
    if node not in G:
        G.add_node(node)
    data = G.nodes[node]
    for key, value in attrs.items():
        if value is None or value == [] or value == ():
            continue
        old = data.get(key)
        if key == "name":
            data[key] = fuller_name(old, value)
            other = old if data[key] == value else value  # the name one article gave, another a fuller one
            if other:
                data["alternateName"] = sorted(set(data.get("alternateName", ())) | {other})
        elif key == "literalEvidence":
            data[key] = _merge_evidence(old or [], value)
        elif key in LITERALS and LITERALS[key].many:
            data[key] = sorted(set(old or ()) | set(value))
        elif old is None or key == "type":
            data[key] = value
        elif old != value and type(old) is type(value):
            # two readings disagree ("Jane Roe, 52" and "Jane Roe, 53"): keep one whatever the order of
            # the articles; both stay in literalEvidence with their sentences
            data[key] = max(old, value)
    if "alternateName" in data and data.get("name") in data["alternateName"]:
        data["alternateName"] = [a for a in data["alternateName"] if a != data["name"]]
        if not data["alternateName"]:
            del data["alternateName"]


def _merge_evidence(old: list, new: list) -> list:
    merged = {}
    for attr, value, confidence, spans, rules in old + new:
        key = (attr, value)
        if key in merged:
            confidence = max(confidence, merged[key][2])
            spans = set(spans) | set(merged[key][3])
            rules = set(rules) | set(merged[key][4])
        merged[key] = [attr, value, confidence, sorted(spans), sorted(rules)]
    return [merged[k] for k in sorted(merged, key=lambda k: (k[0], str(k[1])))]


def merge_edge(G: nx.MultiDiGraph, u: str, v: str, key: str, confidence: float | None = None,
               evidence=(), rules=()) -> None:
    """Add the edge ``u -key-> v`` or merge evidence into it (confidence: the highest seen)."""
    if G.has_edge(u, v, key):
        data = G.edges[u, v, key]
        if confidence is not None:
            data["confidence"] = max(round(confidence, 3), data.get("confidence", 0.0))
        for attr, values in (("evidence", evidence), ("rules", rules)):
            if values:
                data[attr] = sorted(set(data.get(attr, ())) | set(values))
        return
    attrs = {}
    if confidence is not None:
        attrs["confidence"] = round(confidence, 3)
    if evidence:
        attrs["evidence"] = sorted(set(evidence))
    if rules:
        attrs["rules"] = sorted(set(rules))
    G.add_edge(u, v, key=key, **attrs)


def add_reading(G: nx.MultiDiGraph, reading: Reading, base: str, nodes: dict[str, str]) -> str:
    """Add what was read from one document to ``G``; ``nodes`` gives the node of each entity and event
    key (``kg.across.nodes``). Returns the article's IRI."""
    doc = reading.document
    article = iris.article_iri(base, doc.text)
    merge_node(G, article, type="NewsArticle", identifier=[doc.id] if doc.id else None, headline=doc.title,
               datePublished=doc.date, url=doc.url)

    def span(start: int, end: int) -> str:
        node = iris.span_iri(article, start, end)
        if node not in G:
            merge_node(G, node, type="TextSpan", startOffset=start, endOffset=end, text=doc.text[start:end])
            merge_edge(G, node, article, "isPartOf")
        return node

    for entity in reading.entities:
        node, ms = nodes[entity.key], entity.mentions
        merge_node(G, node, type=entity.type, name=entity.name,
                   alternateName=sorted(entity.aliases - {entity.name}),
                   honorificPrefix=sorted({p for m in ms for p in m.prefixes}) if entity.type == "Person" else None,
                   honorificSuffix=sorted({s for m in ms for s in m.suffixes}) if entity.type == "Person" else None)
        merge_edge(G, article, node, "mentions", confidence=max(m.confidence for m in ms),
                   evidence=[span(m.span.start, m.span.end) for m in ms], rules={m.rule for m in ms})
    for event in reading.events:
        node = nodes[event.key]
        merge_node(G, node, type=event.type, name=event.name,
                   factuality=None if event.factuality == "Asserted" else event.factuality)
        merge_edge(G, article, node, "mentions", confidence=event.confidence,
                   evidence=[span(event.trigger.start, event.trigger.end)], rules=[event.rule])
    for fact in reading.facts:
        subject = nodes[fact.subject]
        evidence = [span(fact.evidence.start, fact.evidence.end)]
        if fact.is_literal:
            prop = LITERALS[fact.predicate]
            value = [fact.object] if prop.many else fact.object
            merge_node(G, subject, **{fact.predicate: value, "literalEvidence": [
                [fact.predicate, fact.object, round(fact.confidence, 3), evidence, [fact.rule]]]})
        else:
            merge_edge(G, subject, nodes[fact.object], fact.predicate, fact.confidence, evidence, [fact.rule])
    for quote in reading.quotes:
        node = iris.quote_iri(base, article, quote.span.start)
        merge_node(G, node, type="Quotation", text=quote.text, indirect=True if quote.indirect else None)
        merge_edge(G, node, article, "isPartOf", quote.confidence, [span(quote.span.start, quote.span.end)],
                   [quote.rule])
        if quote.speaker is not None:
            merge_edge(G, node, nodes[quote.speaker], "creator", quote.confidence,
                       [span(quote.sentence.start, quote.sentence.end)], [quote.rule])
        for key in quote.about:
            merge_edge(G, node, nodes[key], "about")
    return article
