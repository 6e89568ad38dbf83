"""Typed records passed between the pipeline stages.

text -> ``Document`` -> spaCy ``Doc`` -> ``Mention`` -> ``Entity`` / ``Event`` and
``Fact`` -> NetworkX graph (see ``kg.graph``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass
class Event:
    """A happening of one ACE event class, anchored on its trigger word."""

    type: str  # an ACE class name, e.g. "Attack"
    trigger: Span
    sentence: Span
    key: str = ""
    confidence: float = 0.7
    name: str | None = None  # readable: "Arrest of Jane Roe (2024-04-14)"


@dataclass
class Reading:
    """Everything read from one document."""

    document: Document
    entities: list[Entity]
    events: list[Event]
    facts: list[Fact]

    def above(self, threshold: float) -> "Reading":
        """Only what was read with at least ``threshold`` confidence (and facts about what is kept)."""
        entities = [e for e in self.entities if max(m.confidence for m in e.mentions) >= threshold]
        facts = [f for f in self.facts if f.confidence >= threshold]
        subjects = {f.subject for f in facts}
        events = [e for e in self.events if e.confidence >= threshold and e.key in subjects]
        kept = {e.key for e in entities} | {e.key for e in events}
        facts = [f for f in facts if f.subject in kept and (f.is_literal or f.object in kept)]
        return Reading(self.document, entities, events, facts)
