"""Which entity a token refers to: names, pronouns and descriptions.

The coreference stage (``run``) links each pronoun and description to an entity and records the link
on ``doc._.kg`` (token -> entity key, with the rule); ``Referents`` answers "which entity is this
token?" for the later stages from the names' mentions and those links.

Names map through their mentions. A pronoun ("he", "her", "its", "they")
refers to the nearest fitting entity before it, preferring the subject of its
own sentence, then of the sentences before (up to two back), and failing those
the most mentioned fitting entity named earlier (the article's main character);
fitting means a person of a compatible sex for he/she, an organisation for
it/its, an organisation or a person for they/their. A definite description refers the
same way: "the firm", "the company" to the last organisation, "the
57-year-old", "the former minister" to the last person.
"""
from __future__ import annotations

import bisect

import re

from spacy.tokens import Doc, Token

from ..lang.en import ORG_NOUNS, is_job_noun
from ..lang.en.places import country_code
from ..records import Entity
from .entities import sex_of
from .quotes import quote_spans
from .state import State, text_of

PRONOUNS = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
    "it": "org", "its": "org", "itself": "org",
    "they": "group", "them": "group", "their": "group", "theirs": "group",
}
WINDOW = 2  # sentences back
AGED = re.compile(r"\b(\d{1,3})-year-old\b")


def run(state: State) -> None:
    """The stage: ``state.coref``, token index -> (entity key, rule) for pronouns and descriptions."""
    state.coref = state.run("coref", find_links, state.doc, state.entities) or {}


def find_links(doc: Doc, entities: list[Entity]) -> dict[int, tuple[str, str]]:
    """Pronouns ("he", "its"), descriptions ("the firm") and "the 57-year-old" linked to entities."""
    refs = Referents(doc, entities)
    links = {}
    quoted = {i for s, e, _ in quote_spans(text_of(doc)) for i in range(s, e)}  # characters inside quotation marks
    for t in doc:
        if t.i in refs.by_token:
            continue
        kind = PRONOUNS.get(t.lower_)
        found, rule = None, None
        if kind is not None:
            found = refs.antecedent(t, kind)
            rule = "coref.pronoun" if found is None or refs.only_fit(t, kind, found) else "coref.pronoun-nearest"
            if found is not None and t.dep_ in ("nsubj", "nsubjpass") and t.idx not in quoted:
                # "He said ... He added": the pronoun stands for its antecedent from here on (not one in a
                # quotation: its "he" is the speaker's)
                bisect.insort(refs.mention_starts, (t.i, t.i + 1, found), key=lambda m: m[0])
        elif t.tag_ in ("NNS", "NNPS"):
            pass  # "the three unions that met him": many, never one body or one person
        elif t.lemma_.lower() in ORG_NOUNS and t.lower_ != "government" and any(c.lower_ == "the" for c in t.children):
            found, rule = refs.antecedent(t, "org"), "coref.description"
        elif t.lower_ == "country" and any(c.lower_ == "the" for c in t.children):
            found, rule = refs.antecedent(t, "country"), "coref.place-description"  # "the country's leader"
        elif t.pos_ == "NOUN" and is_job_noun(t) and any(c.lower_ == "the" for c in t.children) \
                and not any(c.dep_ in ("appos", "compound") and c.i in refs.by_token for c in t.children):
            found, rule = refs.antecedent(t, "person"), "coref.person-description"  # "the world champion said"
        if found is not None:
            links[t.i] = (found.key, rule)
    for m in AGED.finditer(text_of(doc)):  # "the 57-year-old", unless a name follows ("57-year-old Jane Roe")
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or span.start == 0 or doc[span.start - 1].lower_ != "the":
            continue
        if span.end < len(doc) and span.end in refs.by_token:
            continue
        person = refs.antecedent(doc[span.start - 1], "person")
        if person is not None:
            links[span.start - 1] = (person.key, "coref.aged")
    return links


class Referents:
    """The entity behind each token of a document: names through their mentions, pronouns and
    descriptions through the links of the coreference stage."""

    def __init__(self, doc: Doc, entities: list[Entity], links: dict[int, tuple[str, str]] | None = None):
        self.doc = doc
        self.entities = entities
        self.by_key = {e.key: e for e in entities}
        self.links = links or {}
        self.by_token: dict[int, Entity] = {}
        self.mention_starts: list[tuple[int, int, Entity]] = []  # (first token, last token + 1, entity)
        self.mention_at = {}  # first token -> the Mention that starts there
        self.sex = {id(e): sex_of(e.mentions) for e in self.entities}
        self.acting: set[str] = set()  # organisations named as the subject of a clause: what "they" may be
        self.sent_starts = [s.start for s in doc.sents]
        for entity in self.entities:
            for m in entity.mentions:
                span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    self.by_token[t.i] = entity
                self.mention_starts.append((span.start, span.end, entity))
                self.mention_at[span.start] = m
                if span.root.dep_ in ("nsubj", "nsubjpass"):
                    self.acting.add(entity.key)
        self.mention_starts.sort(key=lambda x: x[0])

    def entity(self, token: Token, sure: bool = False) -> Entity | None:
        """The entity a token names or (a pronoun) refers to, else None. With ``sure``, a pronoun counts
        only when one entity of its kind was named just before it (an event's participant is a claim
        about that person: no guess between two men for "he")."""
        if token.i in self.by_token:
            return self.by_token[token.i]
        if sure and PRONOUNS.get(token.lower_) == "group":
            return None  # "they await trial": most often people the text does not name
        return self._linked(token, "coref.pronoun") or (None if sure else self._linked(token, "coref.pronoun-nearest"))

    def only_fit(self, token: Token, kind: str, found: Entity) -> bool:
        """Whether a careful reader could not take the pronoun for anyone else: ``found`` is the only entity
        of its kind named in its sentence and the one before, or the subject of the main clause there with
        no one else of its kind named after it."""
        here = bisect.bisect_right(self.sent_starts, token.i) - 1
        lowest = self.sent_starts[max(0, here - 1)]
        near = [(start, end, e) for start, end, e in self.mention_starts if lowest <= start < token.i and self._fits(e, kind)]
        if all(e is found for _, _, e in near):
            return True
        def alone(start: int, end: int) -> bool:  # no one else of its kind after it or inside its phrase
            root = self.doc[start:end].root
            return not any(other is not found and (later > start or root.left_edge.i <= later <= root.right_edge.i)
                           for later, _, other in near)
        return any(e is found and self.doc[start:end].root.dep_ in ("nsubj", "nsubjpass")
                   and self.doc[start:end].root.head.dep_ == "ROOT" and alone(start, end)
                   for start, end, e in near)  # not "X said Y had complained he had inherited ...": Y is nearer;
        # not "Ali Kelby's MP Tom Reed welcomed his release": another of its kind inside the subject's phrase

    def named(self, token: Token) -> Entity | None:
        return self.by_token.get(token.i)

    def description(self, head: Token) -> Entity | None:
        """"the firm" -> the organisation it stands for."""
        return self._linked(head, "coref.description")

    def aged(self, the: Token) -> Entity | None:
        """"the 57-year-old" (its "the") -> the person it stands for."""
        return self._linked(the, "coref.aged")

    def person(self, head: Token) -> Entity | None:
        """"the world champion" -> the person it stands for (for speakers: descriptions of people are too
        often someone new to be read as participants of events)."""
        return self._linked(head, "coref.person-description")

    def linked(self, token: Token, rule: str) -> Entity | None:
        """The entity the coreference stage linked ``token`` to by ``rule``."""
        return self._linked(token, rule)

    def _linked(self, token: Token, rule: str) -> Entity | None:
        link = self.links.get(token.i)
        return self.by_key.get(link[0]) if link and link[1] == rule else None

    def antecedent(self, token: Token, kind: str) -> Entity | None:
        sent_starts = self.sent_starts
        here = bisect.bisect_right(sent_starts, token.i) - 1
        lowest = sent_starts[max(0, here - WINDOW)]
        before = [(start, end, e) for start, end, e in self.mention_starts if lowest <= start < token.i
                  and self._fits(e, kind) and not (start <= token.i < end)]
        if not before:
            # "After his sacking, Ian Holt moved abroad": the subject later in the same sentence
            sent = token.sent
            later = [e for start, end, e in self.mention_starts if token.i < start < sent.end and self._fits(e, kind)
                     and self.doc[start:end].root.dep_ in ("nsubj", "nsubjpass")]
            if later and token.tag_ == "PRP$":
                return later[0]
            # nothing near: the article's main character of that kind, if one was named before
            earlier = [e for start, _, e in self.mention_starts if start < token.i and self._fits(e, kind)]
            return max(earlier, key=lambda e: (len(e.mentions), -self.entities.index(e))) if earlier else None
        own_sentence = sent_starts[here]

        def rank(item):  # a subject in this sentence, a subject, the subject of a main clause, the nearest
            start, end, e = item
            head = self.doc[start:end].root
            if head.dep_ == "appos":  # "The Attorney General, Lord Hale, has ..."
                head = head.head
            subject = head.dep_ in ("nsubj", "nsubjpass")
            main = subject and head.head.dep_ == "ROOT"
            return (start >= own_sentence and subject, subject, main, start)
        return max(before, key=rank)[2]

    def fits(self, entity: Entity, kind: str) -> bool:
        """Whether ``entity`` can be what a word of this kind refers to ("male", "org", "person" ...)."""
        return self._fits(entity, kind)

    def _fits(self, entity: Entity, kind: str) -> bool:
        if kind in ("male", "female"):
            return entity.type == "Person" and self.sex.get(id(entity)) in (kind, None)
        if kind == "org":
            return entity.type == "Organization"
        if kind == "person":
            return entity.type == "Person"
        if kind == "group":  # "they": a body or a party, never one person
            return entity.type == "Organization" and entity.key in self.acting
        if kind == "country":
            return entity.type == "Place" and any(country_code(m.name) for m in entity.mentions)
        return entity.type in ("Organization", "Person")
