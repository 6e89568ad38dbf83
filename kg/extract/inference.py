"""Facts that follow from others, as a careful reader would conclude them.

- a person who died at a place has it as ``deathPlace``; one born there as ``birthPlace``;
- a person who took up or left a post at an organisation is (or was) a ``memberOf`` it;
- a person who started an organisation is its ``founder``;
- the child of one of a married couple is taken as the child of both ("his widow
  Michelle", "her daughter Amy").

Inferred facts carry the evidence of the facts they come from and a lower confidence.
"""
from __future__ import annotations

from collections import defaultdict

from ..records import Event, Fact

PLACE_OF = {"Die": ("victim", "deathPlace"), "BeBorn": ("person", "birthPlace")}
POSITIONS = {"StartPosition", "EndPosition"}


def infer(events: list[Event], facts: list[Fact], types: dict[str, str]) -> list[Fact]:
    """New facts implied by ``facts``; ``types`` maps entity keys to their class."""
    event_type = {e.key: e.type for e in events}
    roles = defaultdict(lambda: defaultdict(list))  # event key -> role -> facts
    for f in facts:
        if f.subject in event_type:
            roles[f.subject][f.predicate].append(f)
    new = []
    for key, by_role in roles.items():
        kind = event_type[key]
        if kind in PLACE_OF:
            role, prop = PLACE_OF[kind]
            for who in by_role.get(role, []):
                for where in by_role.get("location", []):
                    new.append(Fact(who.object, prop, where.object, False, 0.5, where.evidence))
        if kind == "StartOrg":
            for who in by_role.get("agent", []):
                for org in by_role.get("org", []):
                    if types.get(who.object) == "Person":
                        new.append(Fact(org.object, "founder", who.object, False, 0.5, org.evidence))
        if kind in POSITIONS:
            for who in by_role.get("person", []):
                for org in by_role.get("entity", []):
                    if types.get(org.object) == "Organization":
                        new.append(Fact(who.object, "memberOf", org.object, False, 0.5, org.evidence))
    spouses = defaultdict(set)
    for f in facts:
        if f.predicate == "spouse":
            spouses[f.subject].add(f.object)
            spouses[f.object].add(f.subject)
    for f in facts:
        if f.predicate == "parent":
            for other in spouses.get(f.object, ()):
                new.append(Fact(f.subject, "parent", other, False, round(f.confidence * 0.8, 3), f.evidence))
    return new
