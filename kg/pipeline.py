"""The whole pipeline: documents -> spaCy ``Doc`` (read by ``kg.read``) -> ``Reading`` -> NetworkX graph."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import networkx as nx

from . import across, graph, iris, read
from .errors import RuleError
from .link import link_places
from .nlp import DEFAULT_MODEL, load_pipeline
from .parallel import batches
from .records import Document, Reading
from .sources import InputError, clean_text, raise_error, read_inputs, unique_texts

BATCH_SIZE = 32
CHUNK = 100_000  # characters of text parsed at once
MAX_CHARS = 2_000_000  # longer documents are refused unless asked for (about 350,000 words)


def read_text(text: str, date: str | None = None, model: str = DEFAULT_MODEL) -> Reading:
    """What the reader finds in one text (entities, events, facts), without building a graph."""
    nlp = load_pipeline(model)
    document = Document(text=text, date=date)
    return read.reading_of(nlp(read.prepare(nlp.make_doc(text), date)), document)


def build(inputs: Iterable[str | Path | Document], *, model: str = DEFAULT_MODEL,
          base_iri: str = iris.DEFAULT_BASE, date: str | None = None,
          on_error: Callable[[InputError], None] = raise_error, stdin=None,
          min_confidence: float = 0.0, max_chars: int = MAX_CHARS, jobs: int = 1,
          dask: str | None = None, progress: Callable[[Document], None] | None = None,
          into: nx.MultiDiGraph | None = None, reported_speech: bool = False,
          on_duplicate: Callable[[Document, str], None] | None = None) -> nx.MultiDiGraph:
    """Build the knowledge graph of ``inputs``.

    Args:
        inputs: paths (text, Markdown, HTML, ``.jsonl`` files, directories), ``"-"``
            for standard input, or ``Document`` records.
        model: an installed spaCy pipeline.
        base_iri: the base of instance IRIs; absolute, ending in ``/``.
        date: the publication date (ISO) of documents that carry none.
        on_error: called with each document that cannot be read (``InputError``), and with each rule
            that failed on a document (``RuleError``: a bug; the rest of the document is read); raises by
            default.
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
        reported_speech: keep reported speech ("she said the council would review it") as indirect
            quotations too, not only the words in quotation marks.

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
    documents = unique_texts(_documents(inputs, on_error, stdin, max_chars), lambda d: iris.article_iri(base, d.text),
                             lambda d, article: repeats.append((d, article)), known=G)
    if date is not None:
        documents = (d if d.date else replace(d, date=date) for d in documents)
    documents = _within(documents, max_chars, on_error)
    pieces = ((text, d, offset) for d in documents for offset, text in chunks(d.text))
    for document, reading, errors in _readings(pieces, model, jobs, dask):
        for rule, problem in errors:  # a rule that trips on one document must not stop a corpus
            on_error(RuleError(document.source, rule, problem))
        if not reported_speech:
            reading.quotes = [q for q in reading.quotes if not q.indirect]
        if min_confidence > 0:
            reading = reading.above(min_confidence)
        graph.add_reading(G, reading, base, across.nodes(G, reading, base))
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
                detach: bool = False) -> list[tuple[Reading, list]]:
    """Read a batch of (text, document, offset) pieces; runs in this process, a worker process or on a
    Dask worker, each loading the pipeline once. Returns (reading, [(rule, problem)]) for each piece,
    the rules that failed on it; with ``detach`` the readings leave their document out (the caller has
    it: no text travels back)."""
    nlp = load_pipeline(model)
    docs = (read.prepare(nlp.make_doc(text), document.date, document.source) for text, document, _ in items)
    return [(read.reading_of(doc, None if detach else document).shifted(offset), read.errors_of(doc))
            for doc, (_, document, offset) in zip(nlp.pipe(docs, batch_size=BATCH_SIZE), items)]


def _readings(pieces, model: str, jobs: int, dask: str | None):
    """(document, reading, rule errors) in input order, read here, by ``jobs`` processes or by Dask."""
    if dask is None and jobs <= 1:
        for batch in batches(pieces, BATCH_SIZE):
            for (_, document, _), (reading, errors) in zip(batch, read_pieces(batch, model)):
                yield document, reading, errors
        return
    from .parallel import ordered_map
    for batch, results in ordered_map(read_pieces, batches(pieces, BATCH_SIZE), model, True, jobs=jobs, dask=dask):
        for (_, document, _), (reading, errors) in zip(batch, results):
            reading.document = document
            yield document, reading, errors


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


def _documents(inputs, on_error, stdin, max_chars):
    paths = []
    for item in inputs:
        if isinstance(item, Document):
            yield from read_inputs(paths, stdin=stdin, on_error=on_error, max_chars=max_chars)
            paths = []
            yield replace(item, text=clean_text(item.text))
        else:
            paths.append(item)
    yield from read_inputs(paths, stdin=stdin, on_error=on_error, max_chars=max_chars)
