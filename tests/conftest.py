from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbour-street-fire.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def example_graph():
    import kg
    return kg.build([EXAMPLE])


@pytest.fixture(scope="session")
def shared():
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared is not here")
    return SHARED


def triples(reading):
    """A Reading as a set of readable triples: (subject name or @Event, predicate, object name or value)."""
    names = {e.key: e.name for e in reading.entities}
    names.update({e.key: f"@{e.type}" for e in reading.events})
    return {(names[f.subject], f.predicate, f.object if f.is_literal else names[f.object]) for f in reading.facts}


@pytest.fixture(scope="session")
def read(nlp):
    """Read a text we wrote: ``read(text, date=None)`` -> set of readable triples."""
    from kg.pipeline import read_text

    def run(text, date=None):
        return triples(read_text(text, date))
    return run


@pytest.fixture(scope="session")
def entities_of(nlp):
    """``entities_of(text)`` -> {name: (type, sorted aliases)} of the resolved entities."""
    from kg.pipeline import read_text

    def run(text):
        return {e.name: (e.type, sorted(e.aliases - {e.name})) for e in read_text(text).entities}
    return run
