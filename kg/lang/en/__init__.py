"""What the reader knows about English, read once from the data files beside this module.

- ``lexicon.toml``: closed word lists (titles, head words of names, job nouns, family words, demonyms ...);
- ``first_names.tsv``: first names and the sex they mostly belong to (``names.first_name_sex``),
  derived by ``scripts/derive_first_names.py``;
- ``ontology/events.toml``: the event classes with their English triggers (``kg.events``);
- places come from the gazetteer packages (``places``).

A new word is a change to a data file, not to code.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load() -> dict:
    with open(HERE / "lexicon.toml", "rb") as f:
        return tomllib.load(f)


_DATA = _load()


def words(name: str) -> frozenset[str]:
    """A word list of ``lexicon.toml``."""
    return frozenset(_DATA[name].split())


def table(name: str) -> dict[str, str]:
    """A table of ``lexicon.toml``."""
    return dict(_DATA[name])


PREFIX_TITLES = words("prefix_titles")
FEMALE_TITLES = words("female_titles")
MALE_TITLES = words("male_titles")
SUFFIX_TITLES = words("suffix_titles")
ORG_HEADS = words("org_heads")
PLACE_HEADS = words("place_heads")
VENUE_HEADS = words("venue_heads")
ORG_NOUNS = words("org_nouns")
PART_OF_NOUNS = words("part_of_nouns")
OWNER_NOUNS = words("owner_nouns")
PLACE_NOUNS = words("place_nouns")
NAME_CONNECTORS = words("name_connectors")
NAME_STARTING_TITLES = words("name_starting_titles")
NOT_ORG_ABBREVIATIONS = frozenset(w.upper() for w in words("not_org_abbreviations"))
GENERIC_ORG_WORDS = words("generic_org_words") | ORG_HEADS | VENUE_HEADS
JOB_NOUNS = words("job_nouns")
JOB_ENDINGS = tuple(sorted(words("job_endings")))
RANK_TITLES = table("rank_titles")
SUFFIX_JOBS = table("suffix_jobs")
KIN_WORDS = table("kin_words")
NOT_JOBS = words("not_jobs") | frozenset(KIN_WORDS)
NOT_JOB_HEADS = words("not_job_heads")
JOB_FIELDS = {word: field for field, listed in table("job_fields").items() for word in listed.split()}
NOT_ENTITY_HEADS = words("not_entity_heads")
WORK_NOUNS = words("work_nouns")
DATE_WORDS = words("date_words")
NOT_ORGANISED_GROUPS = words("not_organised_groups")
ORG_POSSESSIONS = words("org_possessions")
PARTY_ROLES = words("party_roles")
PARTY_WORDS = words("party_words")
SEAT_HOLDERS = words("seat_holders")
NOT_PERSON_NOUNS = words("not_person_nouns")
NATIONS = words("nations")
PORTFOLIOS = words("portfolios")
MONEY_NOUNS = words("money_nouns")
VIOLENCE_CUES = words("violence_cues")
ORGANISATION_ALIASES = table("organisation_aliases")
DEMONYMS = table("demonyms")
COUNTRY_ALIASES = table("country_aliases")


def is_job_noun(t) -> bool:
    """A noun (spaCy token) for a person's job or position ("coroner", "executive"), not for a thing."""
    word = t.lower_
    if word in NOT_JOBS or word in NOT_JOB_HEADS or not t.is_alpha:
        return False
    return word in JOB_NOUNS or t.lemma_.lower() in JOB_NOUNS or (len(word) > 4 and word.endswith(JOB_ENDINGS))
