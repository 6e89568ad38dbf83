"""One document's reading as it passes from stage to stage.

A stage is a spaCy component: it takes what the earlier stages left on ``doc._.kg`` (plain data), works
on records (``kg.records``), and puts its results back. ``State`` does the decoding and encoding, indexes
the sentences of the ``Doc`` for the time of the stage (``token.sent`` is then a list lookup instead of a
scan of the document), and runs each rule so that a rule that fails is recorded as a bug with its
identifier, while the other rules still read the document.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..records import Entity, Event, Fact, Mention, Quotation


TEXT = "kg_text"


def index_sentences(doc: Doc) -> bool:
    """Keep the sentences and the text of ``doc`` while it is read: ``doc.sents``, ``token.sent`` and
    ``text_of(doc)`` become lookups instead of a pass over every token. False if they are kept already
    (the whole reader indexes once)."""
    if "sent" in doc.user_token_hooks:
        return False
    sents = list(doc.sents)
    index = [None] * len(doc)
    for sent in sents:
        for i in range(sent.start, sent.end):
            index[i] = sent
    doc.user_token_hooks["sent"] = lambda token: index[token.i]
    doc.user_hooks["sents"] = lambda d: iter(sents)
    doc.user_data[TEXT] = doc.text
    return True


def unindex_sentences(doc: Doc) -> None:
    doc.user_token_hooks.pop("sent", None)
    doc.user_hooks.pop("sents", None)
    doc.user_data.pop(TEXT, None)


def text_of(doc: Doc) -> str:
    """``doc.text``, kept while the document is read (spaCy joins it from the tokens on every use)."""
    text = doc.user_data.get(TEXT)
    return text if text is not None else doc.text


class State:
    """What is known of one ``Doc`` so far (use as a context manager around a stage)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        data = doc._.kg or {}
        self.date: str | None = data.get("date")  # publication date, for relative dates
        self.source: str = data.get("source", "<text>")
        self.mentions = [Mention.from_data(m) for m in data.get("mentions", ())]
        self.entities = [Entity.from_data(e) for e in data.get("entities", ())]
        self.coref: dict[int, tuple[str, str]] = {i: (key, rule) for i, key, rule in data.get("coref", ())}
        self.facts = [Fact.from_data(f) for f in data.get("facts", ())]
        self.events = [Event.from_data(e) for e in data.get("events", ())]
        self.quotes = [Quotation.from_data(q) for q in data.get("quotes", ())]
        self.errors: list[list[str]] = [list(e) for e in data.get("errors", ())]
        self._refs = None

    def __enter__(self) -> "State":
        self._indexed = index_sentences(self.doc)
        return self

    def __exit__(self, *exc) -> None:
        if self._indexed:
            unindex_sentences(self.doc)
        if exc[0] is None:
            self.save()

    def save(self) -> None:
        self.doc._.kg = {
            "date": self.date, "source": self.source,
            "mentions": [m.to_data() for m in self.mentions],
            "entities": [e.to_data() for e in self.entities],
            "coref": [[i, key, rule] for i, (key, rule) in sorted(self.coref.items())],
            "facts": [f.to_data() for f in self.facts],
            "events": [e.to_data() for e in self.events],
            "quotes": [q.to_data() for q in self.quotes],
            "errors": self.errors,
        }

    def run(self, rule: str, function, *args):
        """``function(*args)``; if it fails, the failure is recorded against ``rule`` and None returned."""
        try:
            return function(*args)
        except Exception as exc:  # noqa: BLE001 - a rule's bug must not cost the rest of the document
            self.errors.append([rule, f"{type(exc).__name__}: {exc}"])
            return None

    @property
    def refs(self):
        """The entity behind each token (``kg.read.coref.Referents``), built once per stage."""
        if self._refs is None:
            from .coref import Referents
            self._refs = Referents(self.doc, self.entities, self.coref)
        return self._refs
