"""Resolution across articles: which node of the graph a person or event read from a new article is.

A person with a full name is the node of that name unless what the two say conflicts: ages that give
birth years more than a year apart (more than five apart when an article has no date, as the articles
may be years apart), titles of the other sex, or jobs in different fields. Only ages read next to the
name count ("Jane Roe, 52"): one read through a description ("the 52-year-old") is too often another
person's to split on. Then they are
namesakes, and the newcomer joins the next node of that name it agrees with (``person/jane-roe--2``,
``--3`` ...) or starts one. An article without such attributes joins the first node of the name.

An event joins an event of another article when it has the same class, a compatible date (equal, or
one a more precise form of the other, to the month at least) and a participant node in common.
"""
from __future__ import annotations

import networkx as nx

from ..extract.lexicon import FEMALE_TITLES, JOB_FIELDS, MALE_TITLES
from ..vocab import ROLES

SURE_AGE = 0.8  # the confidence of an age read next to the name
UNDATED = 5  # years two ages may differ by when an article has no date


class Profile:
    """What tells namesakes apart: ages with the year they were given in, sex by title, fields of work."""

    def __init__(self, ages=(), titles=(), jobs=()):
        self.ages = set(ages)  # (age, year of publication or None)
        lowered = {t.rstrip(".").lower() for t in titles}
        self.sexes = {s for s, words in (("female", FEMALE_TITLES), ("male", MALE_TITLES)) if lowered & words}
        self.fields = {JOB_FIELDS[job.split()[-1].lower()] for job in jobs if job.split()[-1].lower() in JOB_FIELDS}

    @classmethod
    def of_node(cls, G: nx.MultiDiGraph, node: str) -> "Profile":
        data = G.nodes[node]
        ages = [(value, year_of(G, spans[0].split("#", 1)[0]))
                for attr, value, confidence, spans in data.get("literalEvidence", ())
                if attr == "age" and spans and confidence >= SURE_AGE]
        return cls(ages, data.get("honorificPrefix", ()), data.get("jobTitle", ()))

    def agrees(self, other: "Profile") -> bool:
        if self.ages and other.ages and not any(_same_birth(a, b) for a in self.ages for b in other.ages):
            return False
        if len(self.sexes) == len(other.sexes) == 1 and self.sexes != other.sexes:
            return False
        return not (self.fields and other.fields and not self.fields & other.fields)


def _same_birth(a: tuple[int, int | None], b: tuple[int, int | None]) -> bool:
    (age_a, year_a), (age_b, year_b) = a, b
    if year_a is None or year_b is None:
        return abs(age_a - age_b) <= UNDATED
    return abs((year_a - age_a) - (year_b - age_b)) <= 1


def year_of(G: nx.MultiDiGraph, article: str) -> int | None:
    date = G.nodes[article].get("datePublished") if article in G else None
    return int(date[:4]) if date else None


def person_node(G: nx.MultiDiGraph, root: str, profile: Profile, article: str) -> str:
    """The node for a person read from ``article`` whose name gives the IRI ``root``."""
    n = 1
    while True:
        node = root if n == 1 else f"{root}--{n}"
        if node not in G or G.has_edge(article, node, "mentions") or Profile.of_node(G, node).agrees(profile):
            return node
        n += 1


def same_event(G: nx.MultiDiGraph, event_type: str, date: str | None, participants: set[str],
               article: str) -> str | None:
    """An event of another article that this one is, if any (the first by IRI)."""
    if not date or len(date) < 7:
        return None
    found = set()
    for node in participants:
        for event, _, role in G.in_edges(node, keys=True):
            data = G.nodes[event]
            other = data.get("startDate")
            if (role in ROLES and data["type"] == event_type and other and len(other) >= 7
                    and (other.startswith(date) or date.startswith(other))
                    and not G.has_edge(article, event, "mentions")):
                found.add(event)
    return min(found) if found else None
