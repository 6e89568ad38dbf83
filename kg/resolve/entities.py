"""Group the mentions of one document into entities.

A mention joins an entity when it is the same name again, or a short form of
a longer name of a compatible type:

- people: a surname or first name ("Palmer", "Keith" -> "Keith Palmer"),
  kept apart by titles of the other sex ("Mrs Palmer" does not join a "Mr
  Palmer"); when several people fit, the one named most recently before wins;
- organisations: an acronym ("BNP" -> "British National Party") or the leading
  word(s) of a name whose other words are generic ("Met" -> "Metropolitan
  Police", "Acme" -> "Acme Motors").

Places join only by the same name: "Westminster" and "Westminster Bridge" are
two places.
"""
from __future__ import annotations

import re
import unicodedata

from ..extract.lexicon import FEMALE_TITLES, MALE_TITLES, ORG_HEADS
from ..records import Entity, Mention

MINOR_WORDS = {"of", "and", "the", "for", "&", "de", "du", "la", "le", "von", "van"}


def normalise(name: str) -> str:
    """A name's matching key: case, accents, punctuation and "the" do not matter."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s


def sex_of(mentions) -> str | None:
    titles = {p.rstrip(".").lower() for m in mentions for p in m.prefixes}
    if titles & FEMALE_TITLES and not titles & MALE_TITLES:
        return "female"
    if titles & MALE_TITLES and not titles & FEMALE_TITLES:
        return "male"
    return None


def resolve_entities(mentions: list[Mention]) -> list[Entity]:
    """The entities of one document, each with its mentions, in order of first mention."""
    entities: list[Entity] = []
    # longer names first, so that short forms find the full name they stand for
    for mention in sorted(mentions, key=lambda m: (-len(m.name.split()), m.span.start)):
        target = _same_name(entities, mention) or _short_form_of(entities, mention)
        if target is None:
            entities.append(Entity(type=mention.type, mentions=[mention]))
        else:
            target.mentions.append(mention)
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.span.start)
        entity.type = _vote_type(entity)
    entities.sort(key=lambda e: e.mentions[0].span.start)
    return entities


def _compatible(entity: Entity, mention: Mention) -> bool:
    if entity.type == "Person" or mention.type == "Person":
        # a titled mention is surely a person; spaCy often calls a lone surname an organisation
        if entity.type != mention.type and (len(mention.name.split()) > 1 and not mention.prefixes):
            return False
        sexes = {sex_of(entity.mentions), sex_of([mention])} - {None}
        return len(sexes) < 2
    return entity.type == mention.type


def _same_name(entities: list[Entity], mention: Mention) -> Entity | None:
    key = normalise(mention.name)
    for entity in entities:
        if any(normalise(m.name) == key for m in entity.mentions) and (
                entity.type == mention.type or _compatible(entity, mention)):
            return entity
    return None


def _short_form_of(entities: list[Entity], mention: Mention) -> Entity | None:
    words = normalise(mention.name).split()
    candidates = []
    for entity in entities:
        full = normalise(entity.name).split()
        if len(full) <= len(words) or not _compatible(entity, mention):
            continue
        if entity.type == "Person" and mention.type in ("Person", "Organization", "Place"):
            if full[-len(words):] == words or full[:len(words)] == words:
                candidates.append(entity)
        elif entity.type == "Organization" == mention.type:
            if _is_acronym(mention.name, entity.name) or _is_leading_words(words, full):
                candidates.append(entity)
    if len(candidates) > 1:
        before = [e for e in candidates if e.mentions[0].span.start < mention.span.start]
        if not before:
            return None
        # the one named most recently before this mention
        return max(before, key=lambda e: max(m.span.start for m in e.mentions if m.span.start < mention.span.start))
    return candidates[0] if candidates else None


def _is_acronym(short: str, full: str) -> bool:
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isupper()):
        return False
    initials = "".join(w[0] for w in full.split() if w.lower() not in MINOR_WORDS and w[:1].isalpha()).upper()
    return letters == initials


def _is_leading_words(words: list[str], full: list[str]) -> bool:
    """"Met" for "Metropolitan Police": leading words, the last maybe clipped, the rest generic."""
    n = len(words)
    if full[:n - 1] != words[:n - 1] or not full[n - 1].startswith(words[-1]) or len(words[-1]) < 3:
        return False
    return all(w in ORG_HEADS for w in full[n:])


def _vote_type(entity: Entity) -> str:
    if any(m.prefixes for m in entity.mentions if m.type == "Person"):
        return "Person"
    longest = max(entity.mentions, key=lambda m: (len(m.name.split()), -m.span.start))
    return longest.type
