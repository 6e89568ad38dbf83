"""Identity across articles: which node of the graph each entity and event read from a new article is.

``nodes(G, reading, base)`` decides, before the reading is added to the graph (``kg.graph.add_reading``):

- an entity is the node of its type and fullest name (``person/jane-roe``); a one-word person name stays
  inside its article; a country is one node whatever an article calls it ("UK", "Britain": by its ISO
  code); a place the article puts elsewhere than its name alone means ("Paris, Texas" beside "Paris")
  is a node of its own, named by its GeoNames id;
- a person with a full name is the node of that name unless what the two say conflicts: ages that give
  birth years more than a year apart (more than five apart when an article has no date, as the articles
  may be years apart), titles of the other sex, or jobs in different fields. Only ages read next to the
  name count ("Jane Roe, 52", rules ``NAMED_AGE``): one read through a description ("the 52-year-old")
  is too often another person's to split on. Then they are namesakes, and the newcomer joins the next
  node of that name it agrees with (``person/jane-roe--2``, ``--3`` ...) or starts one. An article
  without such attributes joins the first node of the name;
- an event joins an event of another article when it has the same class, a compatible date (equal, or
  one a more precise form of the other, to the month at least) and a participant node in common, else
  it is a node of its own.

The first article decides IRIs (an event told twice keeps the first article's IRI; the first of two
conflicting namesakes gets the plain one), so adding articles one at a time gives the same graph as
building them at once in that order.
"""
from __future__ import annotations

import networkx as nx

from . import iris, link
from .lang.en import FEMALE_TITLES, JOB_FIELDS, MALE_TITLES
from .lang.en.places import country_code, country_name
from .records import Entity, Event, Fact, Reading
from .vocab import ROLES

NAMED_AGE = {"age.apposition", "age.compound"}  # rules that read an age next to the name ("Jane Roe, 52")
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
                for attr, value, confidence, spans, rules in data.get("literalEvidence", ())
                if attr == "age" and spans and NAMED_AGE & set(rules)]
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


def person_node(G: nx.MultiDiGraph, root: str, profile: Profile, taken: set[str]) -> str:
    """The node for a person whose name gives the IRI ``root`` (``taken``: nodes of this article)."""
    n = 1
    while True:
        node = root if n == 1 else f"{root}--{n}"
        if node not in G or node in taken or Profile.of_node(G, node).agrees(profile):
            return node
        n += 1


def same_event(G: nx.MultiDiGraph, event_type: str, date: str | None, participants: set[str],
               article: str, factuality: str | None = None) -> str | None:
    """An event of another article that this one is, if any (the first by IRI)."""
    if not date or len(date) < 7:
        return None
    found = set()
    for node in participants:
        for event, _, role in G.in_edges(node, keys=True):
            data = G.nodes[event]
            other = data.get("startDate")
            if (role in ROLES and data["type"] == event_type and data.get("factuality") == factuality
                    and other and len(other) >= 7
                    and (other.startswith(date) or date.startswith(other))
                    and not G.has_edge(article, event, "mentions")):
                found.add(event)
    return min(found) if found else None


def nodes(G: nx.MultiDiGraph, reading: Reading, base: str) -> dict[str, str]:
    """The node of each entity and event of ``reading`` (by key), given the graph so far."""
    doc = reading.document
    article = iris.article_iri(base, doc.text)
    year = int(doc.date[:4]) if doc.date else None
    said: dict[str, list[Fact]] = {}  # what the article says of each entity and event
    for fact in reading.facts:
        said.setdefault(fact.subject, []).append(fact)
    names = {e.key: e.name for e in reading.entities}
    keys: dict[str, str] = {}
    for entity in reading.entities:
        keys[entity.key] = entity_node(G, base, entity, article, said.get(entity.key, []), names, year,
                                       set(keys.values()))
    for event in reading.events:
        keys[event.key] = event_node(G, base, event, article, said.get(event.key, []), keys)
    return keys


def entity_node(G: nx.MultiDiGraph, base: str, entity: Entity, article: str, said: list[Fact],
                names: dict[str, str], year: int | None, taken: set[str]) -> str:
    """The entity's node: by name and type (a country by its ISO code); people apart from namesakes
    they conflict with, a place apart from the one its name alone means when the article puts it
    elsewhere."""
    node = entity_root(base, entity.type, entity.name, article)
    if entity.type == "Place":
        code = country_code(entity.name)
        containers = [names[f.object] for f in said if f.predicate == "containedInPlace" and f.object in names]
        other = link.namesake_id(entity.name, containers) if containers and not code else None
        return f"{node}--{other}" if other else node  # "Paris, Texas" is not the node of "Paris"
    if entity.type != "Person" or len(entity.name.split()) == 1:
        return node
    ages = [(f.object, year) for f in said if f.predicate == "age" and f.rule in NAMED_AGE]
    profile = Profile(ages, [p for m in entity.mentions for p in m.prefixes],
                      [f.object for f in said if f.predicate == "jobTitle"])
    return person_node(G, node, profile, taken)


def entity_root(base: str, entity_type: str, name: str, article: str) -> str:
    """The node of an entity by its type and name alone, before namesakes: a country is one node
    whatever it is called ("UK", "Britain": by its ISO code). ``kg.corrections`` moves a retyped or
    renamed entity there."""
    code = country_code(name) if entity_type == "Place" else None
    return iris.entity_iri(base, entity_type, country_name(code) if code else name, article)


def event_node(G: nx.MultiDiGraph, base: str, event: Event, article: str, said: list[Fact],
               keys: dict[str, str]) -> str:
    """The event's node: one of another article when it is the same happening, else its own."""
    date = next((f.object for f in said if f.predicate == "startDate"), None)
    participants = {keys[f.object] for f in said if f.predicate in ROLES and f.object in keys}
    factuality = None if event.factuality == "Asserted" else event.factuality
    return (same_event(G, event.type, date, participants, article, factuality)
            or iris.event_iri(base, event.type, article, event.trigger.start))
