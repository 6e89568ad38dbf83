"""The last stage: facts that follow from others, as a careful reader would conclude them, and
married names.

- a person who died at a place has it as ``deathPlace``; one born there as ``birthPlace``;
- a person who took up or left a post at an organisation is (or was) a ``memberOf`` it;
- a person who started an organisation is its ``founder``;
- the child of one of a married couple is taken as the child of both ("his widow
  Michelle", "her daughter Amy").

Inferred facts carry the evidence of the facts they come from and their own rule.

Last, a fact between entities of classes the contract does not allow for its property (a person
``memberOf`` a place, a place's ``jobTitle``) is left out: the class or the relation is misread, and a
graph keeps to its own shapes.

Married names: "his widow Sarah" and "Mrs Reed" are one woman. After family relations are read, a
first-name-only relative of a person with a surname takes that surname, and an entity known only as a
titled surname of the same family ("Mrs Reed") and a compatible sex joins her, when exactly one such
relative fits.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..lang.en import VENUE_HEADS
from ..records import Entity, Event, Fact
from ..vocab import ENTITY_CLASSES, LITERAL_DOMAIN, RELATION_DOMAIN, RELATION_RANGE
from .entities import normalise, sex_of
from .rules import confidence
from .state import State

PLACE_OF = {"Die": ("victim", "deathPlace", "infer.death-place"), "BeBorn": ("person", "birthPlace", "infer.birth-place")}
FAMILY = {"spouse", "parent", "sibling"}


def run(state: State) -> None:
    """The stage: married names merged in ``state.entities``; inferred facts added to ``state.facts``."""
    merged = state.run("infer.married-name", merge_family_names, state.entities, state.facts)
    if merged:
        state.entities, state.facts, renamed = merged
        for q in state.quotes:
            q.speaker = renamed.get(q.speaker, q.speaker)
            q.about = sorted({renamed.get(a, a) for a in q.about})
    types = {e.key: e.type for e in state.entities}
    state.facts += state.run("infer", infer, state.events, state.facts, types) or []
    employers = {f.object for f in state.facts if f.predicate in ("memberOf", "worksFor") and not f.is_literal}
    places = {f.object for f in state.facts if RELATION_RANGE.get(f.predicate) == "Place" and not f.is_literal} \
        | {f.subject for f in state.facts if RELATION_DOMAIN.get(f.predicate) == "Place"}
    for e in state.entities:  # "chief conductor of the Kelby Opera": a venue with staff and no place facts is a body
        if e.key in employers and e.key not in places and e.type == "Place" \
                and normalise(e.name).split()[-1] in VENUE_HEADS:
            e.type = types[e.key] = "Organization"
    state.facts = [f for f in state.facts if fits_contract(f, types)]


def fits_contract(fact: Fact, types: dict[str, str]) -> bool:
    """The fact's subject and entity value are of the classes its property takes (``types``: the class of
    each entity key; events and literals are checked where they are made)."""
    def fits(key, cls: str | None) -> bool:
        return key not in types or cls not in ENTITY_CLASSES or types[key] == cls

    if fact.is_literal:
        return fits(fact.subject, LITERAL_DOMAIN.get(fact.predicate))
    return fits(fact.subject, RELATION_DOMAIN.get(fact.predicate)) and fits(fact.object, RELATION_RANGE.get(fact.predicate))


def _fact(subject: str, predicate: str, obj: str, evidence, rule: str) -> Fact:
    return Fact(subject, predicate, obj, False, confidence(rule), evidence, rule)
POSITIONS = {"StartPosition", "EndPosition"}


def infer(events: list[Event], facts: list[Fact], types: dict[str, str]) -> list[Fact]:
    """New facts implied by ``facts``; ``types`` maps entity keys to their class."""
    event_type = {e.key: e.type for e in events if e.happened}  # nothing follows from a planned death
    roles = defaultdict(lambda: defaultdict(list))  # event key -> role -> facts
    for f in facts:
        if f.subject in event_type:
            roles[f.subject][f.predicate].append(f)
    new = []
    for key, by_role in roles.items():
        kind = event_type[key]
        if kind in PLACE_OF:
            role, prop, rule = PLACE_OF[kind]
            for who in by_role.get(role, []):
                for where in by_role.get("location", [])[:1]:  # the place itself, not those it is in
                    new.append(_fact(who.object, prop, where.object, where.evidence, rule))
        if kind == "StartOrg":
            for who in by_role.get("agent", []):
                for org in by_role.get("org", []):
                    if types.get(who.object) == "Person":
                        new.append(_fact(org.object, "founder", who.object, org.evidence, "infer.founder"))
        if kind in POSITIONS:
            for who in by_role.get("person", []):
                for org in by_role.get("entity", []):
                    if types.get(org.object) == "Organization":
                        new.append(_fact(who.object, "memberOf", org.object, org.evidence, "infer.member"))
    spouses = defaultdict(set)
    for f in facts:
        if f.predicate == "spouse":
            spouses[f.subject].add(f.object)
            spouses[f.object].add(f.subject)
    for f in facts:
        if f.predicate == "parent":
            for other in spouses.get(f.object, ()):
                new.append(_fact(f.subject, "parent", other, f.evidence, "infer.child-of-spouse"))
    return new


def merge_family_names(entities: list[Entity], facts: list[Fact]) -> tuple[list[Entity], list[Fact], dict]:
    """Married names joined: the entities and facts after the merge, and old key -> new key."""
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
        return entities, facts, renamed
    kept = [e for e in entities if e.key not in renamed]
    moved = []
    for f in facts:
        s, o = renamed.get(f.subject, f.subject), f.object if f.is_literal else renamed.get(f.object, f.object)
        if s != o:
            moved.append(replace(f, subject=s, object=o))
    return kept, moved, renamed
