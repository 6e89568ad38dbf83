"""Group the mentions of one document into entities.

A mention joins an entity when it is the same name again (or the same country:
"US", "America"), or a short form of a longer name:

- people: a surname or first name ("Reed", "Tom" -> "Tom Reed"), kept
  apart by sex (titles, known first names): "Mrs Reed" does not join "Tom
  Reed". When several people fit, the one named most recently before wins;
- organisations and places: an acronym ("BNF" -> "Borsetshire National Front",
  "NRW" -> "North Rhine-Westphalia"), or any abbreviation put in brackets after the name
  ("Kelby Petrochemicals Limited (KPCL)"), the leading word(s) of a name whose other words
  are generic, each maybe clipped or plural ("Metro" -> "Metropolitan Council", "Acme" ->
  "Acme Motors", "Soc Dems" -> "Social Democrats"), the first word of exactly one longer
  organisation's name named before ("Cairnby" -> "Cairnby Energy"), another name of the same
  organisation (``organisation_aliases``: "Tories" -> the party of that name), or its last words
  after a place ("Rail Safety Agency" for "Kenya Rail Safety Agency").

Places do not join by a shared word: "Kingsbridge" and "Kingsbridge Road"
are two places. An entity's type is the one with the most evidence summed over
all its mentions (see ``kg.extract.mentions``).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict

from ..lang.en import FEMALE_TITLES, GENERIC_ORG_WORDS, MALE_TITLES, NAME_CONNECTORS, ORGANISATION_ALIASES, VENUE_HEADS
from ..lang.en.names import first_name_sex
from ..lang.en.places import country_code, place_kind
from ..records import Entity, Mention, Span
from .rules import confidence
from .state import State, text_of

STRONG = 3  # a vote this large (a title, a head word) is not overruled by a name match


@functools.lru_cache(maxsize=65536)  # entities are compared by it pairwise: the same names again and again
def normalise(name: str) -> str:
    """A name's matching key: case, accents, punctuation and "the" do not matter."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def votes(mentions) -> dict[str, float]:
    """Evidence per type: each distinct name counts once, with the strongest of its mentions' votes for
    each type, so a surname that spaCy mislabels in every paragraph does not outvote the full name, and
    one telling context ("oil giant Kelbco") outweighs the same label repeated."""
    by_name = defaultdict(list)
    for m in mentions:
        by_name[normalise(m.text)].append(m)
    total: dict[str, float] = defaultdict(float)
    for group in by_name.values():
        strongest: dict[str, float] = defaultdict(float)
        for m in group:
            for kind, weight in m.votes or ((m.type, 1.0),):
                strongest[kind] = max(strongest[kind], weight)
        for kind, weight in strongest.items():
            total[kind] += weight
    return total


def entity_type(mentions) -> str:
    """The type with the most evidence; a tie goes to the longest name's own type."""
    total = votes(mentions)
    longest = max(mentions, key=lambda m: (len(m.name.split()), -m.span.start))
    return max(total, key=lambda k: (total[k], k == longest.type))


def sex_of(entity_mentions, lone_name: bool = True) -> str | None:
    """"female" / "male" from titles, else from the first word of a full name; None if unknown.

    With ``lone_name``, a single untitled name is read as a first name ("his widow Michelle").
    """
    titles = {p.rstrip(".").lower() for m in entity_mentions for p in m.prefixes}
    female, male = bool(titles & FEMALE_TITLES), bool(titles & MALE_TITLES)
    if female != male:
        return "female" if female else "male"
    if female and male:
        return None
    full = max(entity_mentions, key=lambda m: len(m.name.split())).name.split()
    if len(full) > 1 or (lone_name and not titles):
        sex = first_name_sex(full[0])
        return sex if sex in ("female", "male") else None
    return None


def run(state: State) -> None:
    """The stage: ``state.entities`` (keyed ``e0``, ``e1`` ...) from ``state.mentions``."""
    entities = state.run("entity.resolve", resolve_entities, state.mentions, text_of(state.doc)) or []
    state.run("mention.repeat", add_repeats, state.doc, entities)
    for i, entity in enumerate(entities):
        entity.key = f"e{i}"
    state.entities, state.mentions = entities, []


def resolve_entities(mentions: list[Mention], text: str = "") -> list[Entity]:
    """The entities of one document, each with its mentions, in order of first mention."""
    entities: list[Entity] = []
    bracketed = _bracketed(mentions, text)
    # longer names first, so that short forms find the full name they stand for
    for mention in sorted(mentions, key=lambda m: (-len(m.name.split()), m.span.start)):
        target = _same_name(entities, mention) or _bracketed_for(entities, bracketed.get(_key(mention))) \
            or _short_form_of(entities, mention)
        if target is None:
            entities.append(Entity(type=mention.type, mentions=[mention]))
        else:
            target.mentions.append(mention)
            target.type = entity_type(target.mentions)
    entities = [e for e in entities if not _unfounded_person(e)]
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.span.start)
    entities.sort(key=lambda e: e.mentions[0].span.start)
    return entities


def _unfounded_person(entity: Entity) -> bool:
    """A "person" known by one word alone, with no title, first name or word around it that says so: only
    spaCy's label ("in Kelby", "Labour says", "the Tembrook"). News names a person in full at least once."""
    return entity.type == "Person" and all(
        len(m.name.split()) == 1 and not m.prefixes and dict(m.votes or ()).get("Person", 0) <= 1
        for m in entity.mentions)


def _bracketed(mentions: list[Mention], text: str) -> dict[str, Mention]:
    """Abbreviation key -> the name it follows in brackets: "Kelby Petrochemicals Limited (KPCL)"."""
    found = {}
    for a, b in zip(mentions, mentions[1:]):
        if text[a.span.end:b.span.start].strip() == "(" and text[b.span.end:b.span.end + 1] == ")" \
                and len(b.name.split()) == 1 and b.name[:1].isupper() and len(a.name.split()) > 1 \
                and b.type != "Person" and a.type != "Person":
            found[_key(b)] = a
    return found


def _bracketed_for(entities: list[Entity], full: Mention | None) -> Entity | None:
    return next((e for e in entities if full in e.mentions), None) if full is not None else None


def _strongly(mention: Mention) -> str | None:
    best = max(mention.votes, key=lambda kv: kv[1], default=None)
    return best[0] if best and best[1] >= STRONG else None


def _conflict(entity: Entity, mention: Mention) -> bool:
    """Both sides have strong evidence for different types, or the sexes differ."""
    strong = {_strongly(m) for m in entity.mentions} - {None}
    mine = _strongly(mention)
    if mine and strong and mine not in strong:
        return True
    if entity.type == "Person":
        sexes = {sex_of(entity.mentions), sex_of([mention], lone_name=False)} - {None}
        generations = {s.rstrip(".").lower() for m in entity.mentions + [mention] for s in m.suffixes} & {"jr", "sr"}
        return len(sexes) > 1 or len(generations) > 1  # "Paul Roe Jr." is not "Paul Roe Sr."
    return False


def _key(mention: Mention) -> str:
    return _name_key(mention.name, mention.type)


@functools.lru_cache(maxsize=65536)
def _name_key(name: str, kind: str) -> str:
    code = country_code(name) if kind == "Place" else None
    if code:
        return f"country:{code}"
    key = normalise(re.sub(r"\.(com|co\.uk|org|net)$", "", name))  # "PayPal.com" is PayPal
    return ORGANISATION_ALIASES.get(key, key) if kind == "Organization" else key


def _same_name(entities: list[Entity], mention: Mention) -> Entity | None:
    key = _key(mention)
    for entity in entities:
        if any(_key(m) == key for m in entity.mentions) and not _conflict(entity, mention):
            return entity
    return None


def _short_form_of(entities: list[Entity], mention: Mention) -> Entity | None:
    words = normalise(mention.name).split()
    candidates = []
    for entity in entities:
        full = normalise(entity.name).split()
        if len(full) < len(words) or full == words or _conflict(entity, mention) \
                or (len(full) == len(words) and entity.type == "Person"):  # "Soc Dems" for "Social Democrats"
            continue
        if entity.type == "Person":
            if _strongly(mention) in (None, "Person") and (full[-len(words):] == words or full[:len(words)] == words) \
                    and not (_royal(mention) and not any(_royal(m) for m in entity.mentions)):
                candidates.append(entity)  # (not "Prince Tom" for Tom Reed: a royal goes by a first name)
        elif mention.type != "Person" or not mention.prefixes:
            same_kind = entity.type == mention.type or full[-1] in VENUE_HEADS  # "Nordlys" (Theatre)
            if _is_acronym(mention.name, entity.name) or (same_kind and _is_leading_words(words, full)) \
                    or _is_place_qualified(words, full, entity, mention):
                candidates.append(entity)
    if not candidates and len(words) == 1 and mention.type == "Organization" and not mention.name.isupper():
        # "Cairnby" after "Cairnby Energy": the first word of exactly one organisation named before
        first = [e for e in entities if e.type == "Organization" and len(e.name.split()) > 1
                 and normalise(e.name).split()[0] == words[0] and e.mentions[0].span.start < mention.span.start
                 and not _conflict(e, mention)]
        return first[0] if len(first) == 1 else None
    if len(candidates) > 1 and {p.lower() for p in mention.prefixes} & {"mr", "mrs", "ms", "miss"}:
        plain = [e for e in candidates if not any(p.lower() in ("sir", "dame", "lord", "lady") for m in e.mentions
                                                  for p in m.prefixes)]
        candidates = plain or candidates  # "Mr Reed" after Tom Reed and Sir Ian Reed: not the knight
    if len(candidates) > 1:
        before = [e for e in candidates if e.mentions[0].span.start < mention.span.start]
        if not before:
            return None
        # the one named most recently before this mention
        return max(before, key=lambda e: max(m.span.start for m in e.mentions if m.span.start < mention.span.start))
    return candidates[0] if candidates else None


ROYAL_TITLES = {"king", "queen", "prince", "princess", "emperor", "empress", "pope", "tsar", "sultan", "crown"}


def _royal(mention: Mention) -> bool:
    return any(p.rstrip(".").lower() in ROYAL_TITLES for p in mention.prefixes)


def _is_place_qualified(words: list[str], full: list[str], entity: Entity, mention: Mention) -> bool:
    """"Rail Safety Agency" for "Kenya Rail Safety Agency": the longer name only adds a place in front."""
    if len(words) < 2 or full[-len(words):] != words or entity.type != mention.type:
        return False
    qualifier = " ".join(full[:-len(words)])
    return country_code(qualifier) is not None or place_kind(qualifier) is not None


def _is_acronym(short: str, full: str) -> bool:
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isupper()):
        return False
    words = [w for w in re.split(r"[\s-]+", full) if w.lower() not in NAME_CONNECTORS and w[:1].isalpha()]
    return letters in ("".join(w[0] for w in words).upper(),  # "KIP" for "Kelby Independence Party"
                       "".join(w if w.isupper() else w[0] for w in words).upper())  # "UKKP" for "UK Kelby Party"


def _is_leading_words(words: list[str], full: list[str]) -> bool:
    """"Metro" for "Metropolitan Council", "Soc Dems" for "Social Democrats": leading words, each the
    same or clipped (and maybe plural), the rest generic."""
    n = len(words)
    for short, long in zip(words, full[:n]):
        stem = short[:-1] if short.endswith("s") and len(short) > 3 else short
        if short != long and (len(stem) < 3 or not long.startswith(stem)):
            return False
    return all(w in GENERIC_ORG_WORDS for w in full[n:])


def add_repeats(doc, entities: list[Entity]) -> None:
    """Mentions spaCy missed of names already found: a lone proper noun that is the one-word name
    of exactly one entity ("Acme's chairman" after "Acme Holdings ... Acme")."""
    covered = set()
    one_word: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            covered.update(range(m.span.start, m.span.end))
        for key in {normalise(m.name) for m in entity.mentions if len(m.name.split()) == 1}:
            one_word[key].append(entity)
    for t in doc:
        if t.pos_ != "PROPN" or t.idx in covered or not t.text[:1].isupper():
            continue
        owners = one_word.get(normalise(t.text), [])
        possessive = t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "POS"
        if len(owners) != 1 or (t.ent_type_ and t.ent_type_ not in ("PERSON", "ORG", "GPE", "LOC", "FAC") and not possessive):
            continue
        entity = owners[0]
        sent = t.sent
        entity.mentions.append(Mention(text=t.text, name=t.text, type=entity.type, span=Span(t.idx, t.idx + len(t.text)),
                                       sentence=Span(sent.start_char, sent.end_char),
                                       confidence=confidence("mention.repeat"), rule="mention.repeat"))
        entity.mentions.sort(key=lambda m: m.span.start)
