"""The whole pipeline: documents -> spaCy ``Doc`` -> ``Reading`` -> NetworkX graph."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import networkx as nx
from spacy.tokens import Doc

from . import graph, iris
from .extract.attributes import FactFinder
from .extract.events import find_events
from .extract.inference import infer
from .extract.mentions import find_mentions
from .link import link_places
from .nlp import DEFAULT_MODEL, load_pipeline
from .parallel import batches
from .records import Document, Reading, Span
from .resolve.coref import Referents
from .resolve.entities import add_repeats, resolve_entities
from .resolve.families import merge_family_names
from .sources import InputError, clean_text, raise_error, read_inputs, unique_texts

BATCH_SIZE = 32
CHUNK = 100_000  # characters of text parsed at once
MAX_CHARS = 2_000_000  # longer documents are refused unless asked for (about 350,000 words)


def read_doc(doc: Doc, document: Document) -> Reading:
    """Everything one parsed document says: its entities, events and facts."""
    entities = resolve_entities(find_mentions(doc))
    add_repeats(doc, entities)
    for i, entity in enumerate(entities):
        entity.key = f"e{i}"
    refs = Referents(doc, entities)
    finder = FactFinder(doc, refs)
    facts = finder.run()
    events, event_facts = find_events(doc, refs, document.date)
    entities, facts = merge_family_names(entities + finder.new_entities, facts + event_facts)
    facts += infer(events, facts, {e.key: e.type for e in entities})
    return Reading(document=document, entities=entities, events=events, facts=facts)


def build(inputs: Iterable[str | Path | Document], *, model: str = DEFAULT_MODEL,
          base_iri: str = iris.DEFAULT_BASE, date: str | None = None,
          on_error: Callable[[InputError], None] = raise_error, stdin=None,
          min_confidence: float = 0.0, max_chars: int = MAX_CHARS, jobs: int = 1,
          dask: str | None = None, progress: Callable[[Document], None] | None = None,
          into: nx.MultiDiGraph | None = None,
          on_duplicate: Callable[[Document, str], None] | None = None) -> nx.MultiDiGraph:
    """Build the knowledge graph of ``inputs``.

    Args:
        inputs: paths (text, Markdown, HTML, ``.jsonl`` files, directories), ``"-"``
            for standard input, or ``Document`` records.
        model: an installed spaCy pipeline.
        base_iri: the base of instance IRIs; absolute, ending in ``/`` or ``#``.
        date: the publication date (ISO) of documents that carry none.
        on_error: called with each document that cannot be read; raises by default.
        min_confidence: leave out entities, events and facts read with less confidence (0..1).
        max_chars: a document longer than this goes to ``on_error`` instead of being read.
        jobs: processes that read documents at once (each loads the pipeline once).
        dask: the address of a Dask scheduler (``tcp://host:8786``) whose workers read the documents.
        progress: called with each document once it is read.
        into: a graph to add to (``kg build --update``); an article already in it (the same text,
            whatever its file or id) is not read again, so adding it twice changes nothing.
        on_duplicate: called with each document whose text is that of an article read before
            (in this build or in ``into``) and that article's IRI; the document is not read again,
            its id joins the article's identifiers.

    Returns:
        The graph described in ``kg.graph`` (``into`` itself when given), its places linked to
        GeoNames and ISO 3166 (``kg.link``); the same whatever ``jobs`` or ``dask``, and the same
        built at once or article by article.

    >>> G = build([Document("Pc Jane Roe, 41, was stabbed in Leeds.")])  # doctest: +SKIP
    """
    base = iris.check_base(base_iri)
    load_pipeline(model)  # fail early, and in the parent, on a missing pipeline
    G = graph.new_graph() if into is None else into
    repeats: list[tuple[Document, str]] = []
    documents = unique_texts(_documents(inputs, on_error, stdin), lambda d: iris.article_iri(base, d.text),
                             lambda d, article: repeats.append((d, article)), known=G)
    if date is not None:
        documents = (d if d.date else replace(d, date=date) for d in documents)
    documents = _within(documents, max_chars, on_error)
    pieces = ((text, d, offset) for d in documents for offset, text in chunks(d.text))
    for document, reading in _readings(pieces, model, jobs, dask):
        if isinstance(reading, str):  # one document that trips a rule must not stop a corpus
            on_error(InputError(document.source, f"could not be read ({reading})"))
        else:
            if min_confidence > 0:
                reading = reading.above(min_confidence)
            graph.add_reading(G, reading, base)
        if progress is not None:
            progress(document)
    for document, article in repeats:
        if article in G:  # (not when the first copy could not be read)
            graph.merge_node(G, article, identifier=[document.id] if document.id else None)
            if on_duplicate is not None:
                on_duplicate(document, article)
    link_places(G)
    return G


def read_pieces(items: list[tuple[str, Document, int]], model: str = DEFAULT_MODEL,
                detach: bool = False) -> list:
    """Read a batch of (text, document, offset) pieces; runs in this process, a worker process or on a
    Dask worker, each loading the pipeline once. Returns a Reading or an error text for each piece;
    with ``detach`` the readings leave their document out (the caller has it: no text travels back)."""
    nlp = load_pipeline(model)
    out = []
    docs = nlp.pipe((text for text, _, _ in items), batch_size=BATCH_SIZE)
    for doc, (_, document, offset) in zip(docs, items):
        try:
            reading = shifted(read_doc(doc, document), offset)
            if detach:
                reading.document = None
            out.append(reading)
        except Exception as exc:
            out.append(f"{type(exc).__name__}: {exc}")
    return out


def _readings(pieces, model: str, jobs: int, dask: str | None):
    """(document, reading) in input order, read here, by ``jobs`` processes or by a Dask cluster."""
    if dask is None and jobs <= 1:
        for batch in batches(pieces, BATCH_SIZE):
            yield from zip((d for _, d, _ in batch), read_pieces(batch, model))
        return
    from .parallel import ordered_map
    for batch, results in ordered_map(read_pieces, batches(pieces, BATCH_SIZE), model, True, jobs=jobs, dask=dask):
        for (_, document, _), reading in zip(batch, results):
            if not isinstance(reading, str):
                reading.document = document
            yield document, reading


def _within(documents, max_chars: int, on_error):
    for d in documents:
        if len(d.text) > max_chars:
            on_error(InputError(d.source, f"{len(d.text):,} characters is longer than the limit of {max_chars:,} "
                                          f"(a news article is rarely over 100,000); raise --max-chars to read it"))
        else:
            yield d


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, str]]:
    """A long text in pieces of at most ``size`` characters, cut at a paragraph, else a sentence,
    else a space (else anywhere), with each piece's offset: spaCy reads at most 1,000,000 characters
    at once, and the parser's memory grows with the length."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n"), window.rfind(". "), 0)
        if cut < size // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut >= size // 2 else size
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def shifted(reading: Reading, offset: int) -> Reading:
    """A piece's reading with its character offsets counted from the start of the whole text."""
    if offset == 0:
        return reading

    def move(span: Span) -> Span:
        return Span(span.start + offset, span.end + offset)
    for entity in reading.entities:
        entity.mentions = [replace(m, span=move(m.span), sentence=move(m.sentence)) for m in entity.mentions]
    reading.events = [replace(e, trigger=move(e.trigger), sentence=move(e.sentence)) for e in reading.events]
    reading.facts = [replace(f, evidence=move(f.evidence)) for f in reading.facts]
    return reading


def _documents(inputs, on_error, stdin):
    paths = []
    for item in inputs:
        if isinstance(item, Document):
            yield from read_inputs(paths, stdin=stdin, on_error=on_error)
            paths = []
            yield replace(item, text=clean_text(item.text))
        else:
            paths.append(item)
    yield from read_inputs(paths, stdin=stdin, on_error=on_error)
