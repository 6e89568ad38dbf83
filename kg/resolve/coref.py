"""Which entity a token refers to: names, pronouns and descriptions.

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

from spacy.tokens import Doc, Token

from ..extract.lexicon import ORG_NOUNS
from ..extract.sentences import sentence_of, sentences
from ..records import Entity
from .entities import sex_of

PRONOUNS = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
    "it": "org", "its": "org", "itself": "org",
    "they": "group", "them": "group", "their": "group", "theirs": "group",
}
WINDOW = 2  # sentences back


class Referents:
    """The entity behind each token of a document."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.entities = entities
        self.by_token: dict[int, Entity] = {}
        self.mention_starts: list[tuple[int, int, Entity]] = []  # (first token, last token + 1, entity)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the token index (after entities were merged)."""
        self.by_token.clear()
        self.mention_starts.clear()
        self.mention_at = {}  # first token -> the Mention that starts there
        self.sex = {id(e): sex_of(e.mentions) for e in self.entities}
        self.sent_starts = [s.start for s in sentences(self.doc)]
        for entity in self.entities:
            for m in entity.mentions:
                span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    self.by_token[t.i] = entity
                self.mention_starts.append((span.start, span.end, entity))
                self.mention_at[span.start] = m
        self.mention_starts.sort(key=lambda x: x[0])

    def entity(self, token: Token) -> Entity | None:
        """The entity a token names or refers to, else None."""
        if token.i in self.by_token:
            return self.by_token[token.i]
        kind = PRONOUNS.get(token.lower_)
        if kind is not None:
            return self.antecedent(token, kind)
        return None

    def named(self, token: Token) -> Entity | None:
        return self.by_token.get(token.i)

    def description(self, head: Token) -> Entity | None:
        """"the firm" -> the last organisation; "the 57-year-old" -> the last person."""
        if not any(c.lower_ == "the" for c in head.children):
            return None
        if head.lemma_.lower() in ORG_NOUNS:
            return self.antecedent(head, "org")
        return None

    def antecedent(self, token: Token, kind: str) -> Entity | None:
        sent_starts = self.sent_starts
        here = bisect.bisect_right(sent_starts, token.i) - 1
        lowest = sent_starts[max(0, here - WINDOW)]
        before = [(start, end, e) for start, end, e in self.mention_starts if lowest <= start < token.i
                  and self._fits(e, kind) and not (start <= token.i < end)]
        if not before:
            # "After his sacking, Ian Holt moved abroad": the subject later in the same sentence
            sent = sentence_of(token)
            later = [e for start, end, e in self.mention_starts if token.i < start < sent.end and self._fits(e, kind)
                     and self.doc[start:end].root.dep_ in ("nsubj", "nsubjpass")]
            if later and token.tag_ == "PRP$":
                return later[0]
            # nothing near: the article's main character of that kind, if one was named before
            earlier = [e for start, _, e in self.mention_starts if start < token.i and self._fits(e, kind)]
            return max(earlier, key=lambda e: (len(e.mentions), -self.entities.index(e))) if earlier else None
        own_sentence = sent_starts[here]

        def rank(item):
            start, end, e = item
            head = self.doc[start:end].root
            subject = head.dep_ in ("nsubj", "nsubjpass")
            return (start >= own_sentence and subject, subject, start)
        return max(before, key=rank)[2]

    def _fits(self, entity: Entity, kind: str) -> bool:
        if kind in ("male", "female"):
            return entity.type == "Person" and self.sex.get(id(entity)) in (kind, None)
        if kind == "org":
            return entity.type == "Organization"
        if kind == "person":
            return entity.type == "Person"
        return entity.type in ("Organization", "Person")
