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
    ``name``, ``startDate`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), and for
    ``Sentence`` / ``Fine`` events ``sentence`` / ``money`` (text).
``NewsArticle``
    ``identifier`` (a list: the file name or input id of each copy of its text), ``headline``, ``datePublished``, ``url``.
``TextSpan``
    ``startOffset``, ``endOffset`` (characters of the article's text) and ``text``
    (what they hold); it has an ``isPartOf`` edge to its article.

Each node attribute is written in RDF through ``kg.vocab.LITERALS``. Literal
facts read from the text also keep their evidence in ``literalEvidence``: a
sorted list of ``[attribute, value, confidence, [span IRIs]]``.

Edges go from subject to object; the edge key is the relation name, one of
``kg.vocab.RELATIONS`` (``spouse``, ``memberOf``, an ACE role such as
``attacker``, ``location``, ``mentions`` from an article, ``isPartOf`` from a
span). Edges read from the text carry ``confidence`` (0..1) and ``evidence``
(a sorted list of span IRIs: the sentence or the mention they came from).

Graphs are merged node by node: the same IRI from two articles is one node
whose lists and evidence are the union of both. Which node a person or an
event of a new article is comes from ``kg.resolve.across`` (namesakes kept
apart, one happening told in several articles merged). The first
article decides IRIs (an event told twice keeps the first article's IRI;
the first of two conflicting namesakes gets the plain one), so adding
articles one at a time gives the same graph as building them at once in
that order.
"""
from __future__ import annotations

import networkx as nx

from . import iris, link
from .extract.gazetteer import country_code, country_name
from .records import Entity, Event, Fact, Reading
from .resolve import across
from .vocab import LITERALS, ROLES

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
    for attr, value, confidence, spans in old + new:
        key = (attr, value)
        if key in merged:
            confidence = max(confidence, merged[key][2])
            spans = sorted(set(spans) | set(merged[key][3]))
        merged[key] = [attr, value, confidence, sorted(spans)]
    return [merged[k] for k in sorted(merged, key=lambda k: (k[0], str(k[1])))]


def merge_edge(G: nx.MultiDiGraph, u: str, v: str, key: str, confidence: float | None = None,
               evidence=()) -> None:
    """Add the edge ``u -key-> v`` or merge evidence into it (confidence: the highest seen)."""
    if G.has_edge(u, v, key):
        data = G.edges[u, v, key]
        if confidence is not None:
            data["confidence"] = max(confidence, data.get("confidence", 0.0))
        if evidence:
            data["evidence"] = sorted(set(data.get("evidence", ())) | set(evidence))
        return
    attrs = {}
    if confidence is not None:
        attrs["confidence"] = round(confidence, 3)
    if evidence:
        attrs["evidence"] = sorted(set(evidence))
    G.add_edge(u, v, key=key, **attrs)


def add_reading(G: nx.MultiDiGraph, reading: Reading, base: str) -> str:
    """Add what was read from one document to ``G``; return the article's IRI."""
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

    keys: dict[str, str] = {}
    year = int(doc.date[:4]) if doc.date else None
    said: dict[str, list[Fact]] = {}  # what the article says of each entity and event
    for fact in reading.facts:
        said.setdefault(fact.subject, []).append(fact)
    names = {e.key: e.name for e in reading.entities}
    for entity in reading.entities:
        node = entity_node(G, base, entity, article, said.get(entity.key, []), names, year)
        keys[entity.key] = node
        ms = entity.mentions
        merge_node(G, node, type=entity.type, name=entity.name,
                   alternateName=sorted(entity.aliases - {entity.name}),
                   honorificPrefix=sorted({p for m in ms for p in m.prefixes}) if entity.type == "Person" else None,
                   honorificSuffix=sorted({s for m in ms for s in m.suffixes}) if entity.type == "Person" else None)
        merge_edge(G, article, node, "mentions", confidence=max(m.confidence for m in ms),
                   evidence=[span(m.span.start, m.span.end) for m in ms])
    for event in reading.events:
        node = event_node(G, base, event, article, said.get(event.key, []), keys)
        keys[event.key] = node
        merge_node(G, node, type=event.type, name=event.name)
        merge_edge(G, article, node, "mentions", confidence=event.confidence,
                   evidence=[span(event.trigger.start, event.trigger.end)])
    for fact in reading.facts:
        subject = keys[fact.subject]
        evidence = [span(fact.evidence.start, fact.evidence.end)]
        if fact.is_literal:
            prop = LITERALS[fact.predicate]
            value = [fact.object] if prop.many else fact.object
            merge_node(G, subject, **{fact.predicate: value,
                                      "literalEvidence": [[fact.predicate, fact.object, round(fact.confidence, 3), evidence]]})
        else:
            merge_edge(G, subject, keys[fact.object], fact.predicate, fact.confidence, evidence)
    return article


def entity_node(G: nx.MultiDiGraph, base: str, entity: Entity, article: str, said: list[Fact],
                names: dict[str, str], year: int | None) -> str:
    """The entity's node: by name and type (a country by its ISO code); people apart from namesakes
    they conflict with, a place apart from the one its name alone means when the article puts it
    elsewhere."""
    if entity.type == "Place":  # a country is one node whatever it is called: "UK", "Britain"
        code = country_code(entity.name)
        node = iris.entity_iri(base, entity.type, country_name(code) if code else entity.name, article)
        containers = [names[f.object] for f in said if f.predicate == "containedInPlace" and f.object in names]
        other = link.namesake_id(entity.name, containers) if containers and not code else None
        return f"{node}--{other}" if other else node  # "Paris, Texas" is not the node of "Paris"
    node = iris.entity_iri(base, entity.type, entity.name, article)
    if entity.type != "Person" or len(entity.name.split()) == 1:
        return node
    ages = [(f.object, year) for f in said if f.predicate == "age" and f.confidence >= across.SURE_AGE]
    profile = across.Profile(ages, [p for m in entity.mentions for p in m.prefixes],
                             [f.object for f in said if f.predicate == "jobTitle"])
    return across.person_node(G, node, profile, article)


def event_node(G: nx.MultiDiGraph, base: str, event: Event, article: str, said: list[Fact],
               keys: dict[str, str]) -> str:
    """The event's node: one of another article when it is the same happening, else its own."""
    date = next((f.object for f in said if f.predicate == "startDate"), None)
    participants = {keys[f.object] for f in said if f.predicate in ROLES and f.object in keys}
    return (across.same_event(G, event.type, date, participants, article)
            or iris.event_iri(base, event.type, article, event.trigger.start))
