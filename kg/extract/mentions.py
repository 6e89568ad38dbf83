"""Find the names of people, organisations and places in a parsed ``Doc``.

spaCy's entities are the starting point; these rules then correct what the
small pipeline gets wrong in news text:

- honorifics and ranks ("Pc", "Mrs", "Det Insp") make a person, whatever label
  the name got, and are split off the name ("Pc Palmer" -> "Palmer");
- a title followed by capitalised words that spaCy missed is a person;
- the last word of a name decides between organisation and place
  ("West Yorkshire Police", "New Palace Yard");
- leading "the" and a trailing possessive are not part of the name.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan

from ..records import Mention, Span
from .lexicon import ORG_HEADS, PLACE_HEADS, PREFIX_TITLES, SUFFIX_TITLES

LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
# labels whose spans are names only when a title shows they are people
TITLE_ONLY_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP"}


def is_title(token) -> bool:
    return token.text.rstrip(".").lower() in PREFIX_TITLES and token.text[:1].isupper()


def _is_suffix(token) -> bool:
    return token.text.rstrip(".").lower() in SUFFIX_TITLES and token.text[:1].isupper()


def find_mentions(doc: Doc) -> list[Mention]:
    """The mentions of named entities in ``doc``, in text order."""
    mentions = []
    covered = set()
    for ent in doc.ents:
        mention = _from_span(doc, ent.start, ent.end, ent.label_)
        if mention is not None:
            mentions.append(mention)
            covered.update(range(ent.start, ent.end))
    mentions += _unlabelled_names(doc, covered)
    mentions.sort(key=lambda m: m.span.start)
    return mentions


def _from_span(doc: Doc, start: int, end: int, label: str) -> Mention | None:
    # a title just before the entity belongs to it: "Mr" + "Lucraft"
    while start > 0 and is_title(doc[start - 1]) and doc[start - 1].sent == doc[start].sent:
        start -= 1
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    # a post-nominal title just after it: "Mark Lucraft" + "QC"
    while end < len(doc) and _is_suffix(doc[end]):
        end += 1
    if start >= end:
        return None
    tokens = list(doc[start:end])
    prefixes = []
    while len(tokens) > 1 and is_title(tokens[0]):
        prefixes.append(tokens.pop(0).text)
    suffixes = []
    while len(tokens) > 1 and _is_suffix(tokens[-1]):
        suffixes.insert(0, tokens.pop().text)
    if all(_is_suffix(t) or is_title(t) for t in tokens):
        return None
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens):
        return None
    kind = _entity_type(label, tokens, bool(prefixes or (suffixes and label == "PERSON")))
    if kind is None:
        return None
    span = doc[start:end]
    name = doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]
    sent = span.sent
    return Mention(
        text=span.text, name=name, type=kind,
        span=Span(span.start_char, span.end_char), sentence=Span(sent.start_char, sent.end_char),
        prefixes=tuple(prefixes), suffixes=tuple(suffixes),
        confidence=0.9 if prefixes else 0.8,
    )


def _entity_type(label: str, tokens, titled: bool) -> str | None:
    if titled:
        return "Person"
    if label in TITLE_ONLY_LABELS or label not in LABEL_TYPES:
        return None
    head = tokens[-1].lower_
    if len(tokens) > 1 or label != "PERSON":
        if head in ORG_HEADS:
            return "Organization"
        if head in PLACE_HEADS and label != "PERSON":
            return "Place"
    return LABEL_TYPES[label]


def _unlabelled_names(doc: Doc, covered: set[int]) -> list[Mention]:
    """Names that spaCy did not mark but a title or a head word gives away.

    "Det Insp Jane Roe" (a title, then proper nouns) is a person; "Metropolitan
    Police" or "Kingsway Road" (proper nouns ending in an organisation or place
    word) is an organisation or a place.
    """
    found = []
    i = 0
    while i < len(doc):
        if i in covered or not (doc[i].tag_ == "NNP" or is_title(doc[i])):
            i += 1
            continue
        j = i
        while j < len(doc) and j not in covered and (doc[j].tag_ == "NNP" or is_title(doc[j])) \
                and doc[j].text[:1].isupper() and doc[j].sent == doc[i].sent:
            j += 1
        mention = None
        if j - i >= 2 and is_title(doc[i]):
            mention = _from_span(doc, i, j, "PERSON")
        elif j - i >= 2 and doc[j - 1].lower_ in ORG_HEADS:
            mention = _from_span(doc, i, j, "ORG")
        elif j - i >= 2 and doc[j - 1].lower_ in PLACE_HEADS:
            mention = _from_span(doc, i, j, "FAC")
        if mention is not None:
            found.append(mention)
        i = max(j, i + 1)
    return found
