"""Quotations: who said what.

A direct quotation is three or more words between double quotation marks (straight or curly). News
style marks a quotation that runs on into the next paragraph with an opening mark at the start of each
paragraph and no closing one at the end; a text that lost its paragraph breaks shows the same thing as
an opening mark while a quotation is open. Each paragraph's part is one quotation. Not quotations: the
headline's quotes, words in quotation marks under three words (scare quotes), and titles of works
(a few capitalised words with no sentence in them).

The speaker, the way a careful reader finds it (each way its own rule):

- ``quote.say``: a verb of saying in the sentence, outside the quotation marks: "X said:", "said X",
  "X told the BBC:", "X said in a statement:", "X was quoted as saying"; its subject is the speaker
  (a pronoun, "the company" or "the world champion" through coreference); "according to X";
- ``quote.spokesperson``: an unnamed spokesperson or statement of a named organisation ("a Met spokesman
  said", "a spokeswoman for Acme", "Acme's statement said") is the organisation;
- ``quote.continued``: a quotation with no verb of saying of its own continues the quotation just before
  it (the next paragraph of the same statement, "He added: ..." is a verb of its own), or follows a
  sentence in which someone is reported as saying something ("X said he would appeal. "We ...");
- no speaker when the text gives none.

Reported speech ("she said the council would review it") becomes a quotation marked ``indirect``
(``quote.indirect``) when the speaker is a named person or organisation; the pipeline keeps these only
when asked (``kg build --reported-speech``).
"""
from __future__ import annotations

import re

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..records import Quotation, Span
from .rules import confidence
from .state import State, text_of

if TYPE_CHECKING:  # coref finds the quotation marks with quote_spans
    from .coref import Referents

SAY = frozenset("""
say tell add explain insist claim warn state argue admit announce write comment declare continue conclude question
note reply respond ask suggest acknowledge confirm deny maintain agree recall describe complain urge
predict stress emphasise emphasize observe remark reveal testify boast concede joke quote tweet told said
""".split())
SPOKES = frozenset("spokesman spokeswoman spokesperson spokespeople statement representative".split())
OPENING, CLOSING = "\u201c", "\u201d"
MIN_WORDS = 3


def run(state: State) -> None:
    """The stage: ``state.quotes``, the quotations of the document with their speakers."""
    state.quotes = state.run("quote", find_quotes, state.doc, state.refs) or []


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, continued) of the text between quotation marks; ``continued`` when it goes on
    from the quotation before it (the next paragraph of one statement)."""
    spans: list[tuple[int, int, bool]] = []
    start, continued = None, False
    for m in re.finditer(r'["\u201c\u201d]|\n\s*\n', text):
        i, mark = m.start(), m.group()
        if mark.strip() == "":  # a paragraph break ends an open quotation; the next may go on with it
            if start is not None:
                spans.append((start, i, continued))
                start, continued = None, True
            else:
                continued = False
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = mark == OPENING or (mark == '"' and (before.isspace() or before in "([-\u2014\u2013/")
                                      and not after.isspace())
        if start is None:
            if opens:
                start = i + 1
            else:
                continued = False
        elif opens and mark != CLOSING:  # an opening mark while one is open: the paragraph went on
            spans.append((start, i, continued))
            start, continued = i + 1, True
        else:
            spans.append((start, i, continued))
            start, continued = None, False
    if start is not None:
        spans.append((start, len(text), continued))
    return [(s, e, c) for s, e, c in (_trimmed(text, *x) for x in spans) if e > s]


def _trimmed(text: str, start: int, end: int, continued: bool) -> tuple[int, int, bool]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, continued


def is_title_of_work(words: list[str]) -> bool:
    """"The Woody Woodpecker Song": a few words, most capitalised, no sentence punctuation."""
    content = [w for w in words if w.lower() not in ("a", "an", "the", "of", "and", "in", "on", "to", "for")]
    capitalised = sum(1 for w in content if w[:1].isupper())
    return len(words) <= 8 and content and capitalised == len(content) and not words[-1].endswith((".", "!", "?"))


def find_quotes(doc: Doc, refs: Referents) -> list[Quotation]:
    text = text_of(doc)
    headline_end = _headline_end(text)
    quotes: list[Quotation] = []
    inside = [(s, e) for s, e, _ in quote_spans(text)]
    speakers = _speakers(doc, refs, inside)
    previous: Quotation | None = None
    previous_sentence = -1  # the sentence (its first token) where the last quotation ended
    for start, end, continued in quote_spans(text):
        words = text[start:end].split()
        if start < headline_end or len(words) < MIN_WORDS or is_title_of_work(words):
            previous = None
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span[0].sent
        speaker, rule = _speaker(refs, sent, start, end, inside, speakers)
        if rule is None and previous is not None and (continued or previous_sentence in (sent.start, _before(sent))):
            speaker, rule = previous.speaker, "quote.continued"
        if rule is None:
            speaker, rule = _reported_before(doc, sent, speakers)
        about = sorted({e.key for t in span if (e := refs.named(t)) is not None and e.key != speaker})
        quote = Quotation(text=" ".join(words).rstrip(",").strip(), span=Span(start, end),
                          sentence=Span(sent.start_char, max(sent.end_char, end)), speaker=speaker,
                          rule=rule or "quote.none", confidence=confidence(rule or "quote.none"), about=about)
        quotes.append(quote)
        previous, previous_sentence = quote, span[-1].sent.start
    return quotes + _reported_speech(doc, refs, inside)


def _headline_end(text: str) -> int:
    """Where the headline ends: a first line with no full stop, followed by a blank line."""
    first = text.split("\n\n", 1)[0]
    return len(first) if "\n\n" in text and not first.rstrip().endswith((".", '"', "\u201d", "?", "!")) else 0


def _outside(t: Token, inside: list[tuple[int, int]]) -> bool:
    return not any(s <= t.idx < e for s, e in inside)


def _speakers(doc: Doc, refs: Referents, inside) -> dict[int, tuple[str | None, str]]:
    """Each verb of saying outside quotation marks (token index) -> (speaker key, rule)."""
    found = {}
    for verb in doc:
        if verb.lemma_.lower() in SAY and verb.pos_ in ("VERB", "AUX") and _outside(verb, inside):
            speaker, rule = _subject_of(verb, refs)
            found[verb.i] = (speaker, rule or "quote.unknown")
    return found


def _speaker(refs: Referents, sent, start: int, end: int, inside, speakers) -> tuple[str | None, str | None]:
    """The speaker from a verb of saying in the quotation's sentence (outside the marks), nearest first;
    (None, "quote.unknown") when the verb's subject is no one the text names ("the document said");
    (None, None) when the sentence has no verb of saying."""
    verbs = sorted((t for t in sent if t.i in speakers), key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
    according = [t for t in sent if t.lower_ == "according" and _outside(t, inside)]
    if verbs:
        speaker, rule = speakers[verbs[0].i]
        return speaker, (None if rule == "quote.unknown" and not _has_subject(verbs[0]) else rule)
    for t in according:  # "according to X"
        for prep in t.children:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if prep.lower_ == "to" and obj is not None:
                entity = _entity(obj, refs)
                if entity is not None:
                    return entity, "quote.say"
    return None, None


def _subject_of(verb: Token, refs: Referents) -> tuple[str | None, str | None]:
    """The entity that speaks through ``verb``: its subject, or the subject of the verb it depends on
    ("X was quoted as saying", "X is alleged to have said")."""
    node = verb
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = subjects[0]
            entity = _entity(subject, refs)
            if entity is not None:
                return entity, "quote.say"
            org = _spokesperson_of(subject, refs)
            return (org, "quote.spokesperson") if org is not None else (None, None)
        if node.dep_ not in ("xcomp", "advcl", "ccomp", "conj", "pcomp", "prep") or node.head is node:
            break
        node = node.head
    return None, None


def _entity(token: Token, refs: Referents) -> str | None:
    entity = refs.entity(token) or refs.description(token) or refs.person(token)
    if entity is None and token.dep_ in ("nsubj", "nsubjpass"):
        # "Acme chairman Bob Lee said": the subject's head is the name's last word
        entity = next((refs.named(c) for c in token.children if c.dep_ in ("appos", "compound")
                       and refs.named(c) is not None and refs.named(c).type == "Person"), None)
    return entity.key if entity is not None and entity.type in ("Person", "Organization") else None


def _spokesperson_of(subject: Token, refs: Referents) -> str | None:
    """"a Met spokesman", "a spokeswoman for Acme", "Acme's statement": the organisation speaking."""
    if subject.lemma_.lower() not in SPOKES:
        return None
    for c in subject.children:
        if c.dep_ in ("compound", "poss", "nmod"):
            entity = refs.named(c) or refs.description(c)
            if entity is not None and entity.type == "Organization":
                return entity.key
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "at"):
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            entity = refs.named(obj) if obj is not None else None
            if entity is not None and entity.type == "Organization":
                return entity.key
    return None


def _before(sent) -> int:
    """The first token of the sentence before ``sent`` (-1 for the first sentence)."""
    return sent.doc[sent.start - 1].sent.start if sent.start else -1


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _reported_before(doc: Doc, sent, speakers) -> tuple[str | None, str | None]:
    """A quotation on its own after "X said he would appeal.": X goes on speaking."""
    if sent.start == 0:
        return None, None
    for verb in doc[sent.start - 1].sent:
        speaker, _ = speakers.get(verb.i, (None, None))
        if speaker is not None and any(c.dep_ == "ccomp" for c in verb.children):
            return speaker, "quote.continued"
    return None, None


def _reported_speech(doc: Doc, refs: Referents, inside) -> list[Quotation]:
    """"She said the council would review it": the clause a named speaker is reported as saying."""
    found = []
    for verb in doc:
        if verb.lemma_.lower() not in SAY or verb.pos_ != "VERB" or not _outside(verb, inside):
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None or any(not _outside(t, inside) for t in clause.subtree):
            continue
        speaker, _ = _subject_of(verb, refs)
        if speaker is None:
            continue
        tokens = [t for t in clause.subtree if not (t.i == clause.left_edge.i and t.lower_ == "that")]
        if len(tokens) < MIN_WORDS:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        sent = verb.sent
        about = sorted({e.key for t in tokens if (e := refs.named(t)) is not None and e.key != speaker})
        found.append(Quotation(text=text_of(doc)[start:end], span=Span(start, end),
                               sentence=Span(sent.start_char, sent.end_char), speaker=speaker,
                               rule="quote.indirect", confidence=confidence("quote.indirect"), about=about,
                               indirect=True))
    return found
