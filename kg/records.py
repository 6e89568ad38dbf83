"""Typed records passed between the reading stages and into the graph.

text -> ``Document`` -> spaCy ``Doc`` -> ``Mention`` -> ``Entity`` / ``Event``, ``Fact`` and ``Quotation``
-> ``Reading`` -> NetworkX graph (``kg.graph``).

Every ``Mention``, ``Fact`` and ``Event`` names the rule that made it (``rule``: a stable identifier such
as ``"age.apposition"``, optionally with a detail after a colon, ``"event.verb:arrest"``); its
confidence comes from the table of ``kg.read.rules``. On a spaCy ``Doc`` the records travel as plain
data (``to_data`` / ``from_data``: lists, strings and numbers only), so that ``doc._.kg`` survives
``DocBin`` and ``nlp.pipe(..., n_process=N)``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Document:
    """One input article."""

    text: str
    id: str | None = None  # the user's identifier (jsonl ``id``, file name)
    title: str | None = None
    date: str | None = None  # ISO publication date, used to resolve relative dates
    url: str | None = None
    source: str = "<text>"  # where it was read from, for error messages


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of a document (offsets into ``Document.text``)."""

    start: int
    end: int

    def moved(self, offset: int) -> "Span":
        return Span(self.start + offset, self.end + offset)


@dataclass
class Mention:
    """A name in the text that refers to a person, organisation or place."""

    text: str  # the surface form as written, e.g. "Pc Jane Roe"
    name: str  # without titles and leading article, e.g. "Jane Roe"
    type: str  # "Person", "Organization" or "Place"
    span: Span
    sentence: Span
    prefixes: tuple[str, ...] = ()  # honorifics before the name ("Mr", "Pc")
    suffixes: tuple[str, ...] = ()  # honorifics after it ("QC")
    confidence: float = 0.8
    votes: tuple[tuple[str, float], ...] = ()  # evidence for each type, summed over an entity's mentions
    rule: str = "mention.ner"

    def to_data(self) -> list:
        return [self.text, self.name, self.type, [self.span.start, self.span.end],
                [self.sentence.start, self.sentence.end], list(self.prefixes), list(self.suffixes),
                self.confidence, [list(v) for v in self.votes], self.rule]

    @classmethod
    def from_data(cls, d: list) -> "Mention":
        text, name, kind, span, sent, prefixes, suffixes, confidence, votes, rule = d
        return cls(text, name, kind, Span(*span), Span(*sent), tuple(prefixes), tuple(suffixes), confidence,
                   tuple((k, v) for k, v in votes), rule)


@dataclass
class Entity:
    """A real-world person, organisation or place: the mentions that refer to it."""

    type: str
    mentions: list[Mention] = field(default_factory=list)
    key: str = ""  # document-local id, set by the resolver

    @property
    def name(self) -> str:
        """The fullest name seen: most words, then longest, then first seen."""
        best = max(self.mentions, key=lambda m: (len(m.name.split()), len(m.name), -m.span.start))
        return best.name

    @property
    def aliases(self) -> set[str]:
        return {m.text for m in self.mentions} | {m.name for m in self.mentions}

    def to_data(self) -> list:
        return [self.key, self.type, [m.to_data() for m in self.mentions]]

    @classmethod
    def from_data(cls, d: list) -> "Entity":
        key, kind, mentions = d
        return cls(kind, [Mention.from_data(m) for m in mentions], key)


@dataclass
class Fact:
    """One statement: ``subject predicate object`` with its evidence.

    ``subject`` is an entity or event key; ``object`` is an entity key when
    ``is_literal`` is false, else a literal value (str or int).
    """

    subject: str
    predicate: str  # a property name of kg.vocab.PROPERTIES
    object: str | int
    is_literal: bool
    confidence: float
    evidence: Span  # the sentence it was read from
    rule: str = ""

    def to_data(self) -> list:
        return [self.subject, self.predicate, self.object, self.is_literal, self.confidence,
                [self.evidence.start, self.evidence.end], self.rule]

    @classmethod
    def from_data(cls, d: list) -> "Fact":
        s, p, o, literal, confidence, evidence, rule = d
        return cls(s, p, o, literal, confidence, Span(*evidence), rule)


@dataclass
class Event:
    """A happening of one ACE event class, anchored on its trigger word."""

    type: str  # an ACE class name, e.g. "Attack"
    trigger: Span
    sentence: Span
    key: str = ""
    confidence: float = 0.7
    name: str | None = None  # readable: "Arrest of Jane Roe (2024-04-14)"
    rule: str = ""
    factuality: str = "Asserted"  # or "Alleged", "Negated", "Planned", "Possible" (kgo:factuality)

    @property
    def happened(self) -> bool:
        """Whether the text reports it as a fact (asserted) or a claim (alleged)."""
        return self.factuality in ("Asserted", "Alleged")

    def to_data(self) -> list:
        return [self.type, [self.trigger.start, self.trigger.end], [self.sentence.start, self.sentence.end],
                self.key, self.confidence, self.name, self.rule, self.factuality]

    @classmethod
    def from_data(cls, d: list) -> "Event":
        kind, trigger, sent, key, confidence, name, rule, factuality = d
        return cls(kind, Span(*trigger), Span(*sent), key, confidence, name, rule, factuality)


@dataclass
class Quotation:
    """Words the text gives as someone's (``indirect``: reported speech, not in quotation marks)."""

    text: str
    span: Span  # the quoted words
    sentence: Span  # the sentence (or sentences) they stand in, with the attribution
    speaker: str | None  # the key of the person or organisation who said them, if the text says
    rule: str = ""
    confidence: float = 0.6
    about: list[str] = field(default_factory=list)  # keys of the entities the quotation names
    indirect: bool = False

    def to_data(self) -> list:
        return [self.text, [self.span.start, self.span.end], [self.sentence.start, self.sentence.end], self.speaker,
                self.rule, self.confidence, list(self.about), self.indirect]

    @classmethod
    def from_data(cls, d: list) -> "Quotation":
        text, span, sent, speaker, rule, confidence, about, indirect = d
        return cls(text, Span(*span), Span(*sent), speaker, rule, confidence, list(about), indirect)


@dataclass
class Reading:
    """Everything read from one document."""

    document: Document | None
    entities: list[Entity]
    events: list[Event]
    facts: list[Fact]
    quotes: list[Quotation] = field(default_factory=list)

    def above(self, threshold: float) -> "Reading":
        """Only what was read with at least ``threshold`` confidence (and facts about what is kept)."""
        entities = [e for e in self.entities if max(m.confidence for m in e.mentions) >= threshold]
        facts = [f for f in self.facts if f.confidence >= threshold]
        subjects = {f.subject for f in facts}
        events = [e for e in self.events if e.confidence >= threshold and e.key in subjects]
        kept = {e.key for e in entities} | {e.key for e in events}
        facts = [f for f in facts if f.subject in kept and (f.is_literal or f.object in kept)]
        quotes = [replace(q, speaker=q.speaker if q.speaker in kept and q.confidence >= threshold else None,
                          about=[a for a in q.about if a in kept]) for q in self.quotes]
        return Reading(self.document, entities, events, facts, quotes)

    def shifted(self, offset: int) -> "Reading":
        """This reading with its character offsets moved by ``offset`` (a piece of a longer text)."""
        if offset == 0:
            return self
        for entity in self.entities:
            for m in entity.mentions:
                m.span, m.sentence = m.span.moved(offset), m.sentence.moved(offset)
        for e in self.events:
            e.trigger, e.sentence = e.trigger.moved(offset), e.sentence.moved(offset)
        for f in self.facts:
            f.evidence = f.evidence.moved(offset)
        for q in self.quotes:
            q.span, q.sentence = q.span.moved(offset), q.sentence.moved(offset)
        return self
