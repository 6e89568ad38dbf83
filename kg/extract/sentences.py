"""The sentence of a token, in constant time.

spaCy's ``Token.sent`` checks the whole document's annotation on every call,
which makes per-token lookups quadratic on long articles; this index is built
once per document.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_last: dict = {"doc": None, "index": []}


def _index(doc: Doc) -> list[Span]:
    if _last["doc"] is not doc:
        index: list[Span] = [None] * len(doc)  # type: ignore[list-item]
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                index[i] = sent
        _last["doc"], _last["index"] = doc, index
    return _last["index"]


def sentence_of(token: Token) -> Span:
    return _index(token.doc)[token.i]


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, in order."""
    seen, out = set(), []
    for sent in _index(doc):
        if sent.start not in seen:
            seen.add(sent.start)
            out.append(sent)
    return out
