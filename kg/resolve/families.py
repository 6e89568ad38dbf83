"""Married names: "his widow Sarah" and "Mrs Reed" are one woman.

After family relations are read, a first-name-only relative of a person with a
surname takes that surname, and an entity known only as a titled surname of
the same family ("Mrs Reed") and a compatible sex joins her, when exactly one
such relative fits.
"""
from __future__ import annotations

from ..records import Entity, Fact
from .entities import normalise, sex_of

FAMILY = {"spouse", "parent", "sibling"}


def merge_family_names(entities: list[Entity], facts: list[Fact]) -> tuple[list[Entity], list[Fact]]:
    by_key = {e.key: e for e in entities}
    relatives: dict[str, set[str]] = {}  # first-name-only person -> surnames of their family
    for f in facts:
        if f.predicate not in FAMILY or f.is_literal:
            continue
        for a, b in ((f.subject, f.object), (f.object, f.subject)):
            ea, eb = by_key.get(a), by_key.get(b)
            if ea and eb and ea.type == eb.type == "Person" and len(ea.name.split()) == 1 and len(eb.name.split()) > 1:
                relatives.setdefault(a, set()).add(normalise(eb.name.split()[-1]))
    renamed: dict[str, str] = {}
    for surname_only in entities:
        if surname_only.type != "Person" or len(surname_only.name.split()) != 1 \
                or not all(m.prefixes for m in surname_only.mentions):
            continue
        surname = normalise(surname_only.name)
        fits = [k for k, names in relatives.items() if surname in names and k != surname_only.key
                and {sex_of(by_key[k].mentions), sex_of(surname_only.mentions)} - {None} != {"male", "female"}]
        if len(fits) == 1:
            by_key[fits[0]].mentions += surname_only.mentions
            by_key[fits[0]].mentions.sort(key=lambda m: m.span.start)
            renamed[surname_only.key] = fits[0]
    if not renamed:
        return entities, facts
    kept = [e for e in entities if e.key not in renamed]
    moved = []
    for f in facts:
        s, o = renamed.get(f.subject, f.subject), f.object if f.is_literal else renamed.get(f.object, f.object)
        if s != o:
            moved.append(Fact(s, f.predicate, o, f.is_literal, f.confidence, f.evidence))
    return kept, moved
