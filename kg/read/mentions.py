"""Find the names of people, organisations and places in a parsed ``Doc``.

spaCy's entities are the starting point. These rules then mend what the small
pipeline gets wrong in news text, and weigh the evidence for each name's type:

- honorifics and ranks ("Pc", "Mrs", "Det Insp") make a person and are split
  off the name ("Pc Jane Roe" -> "Jane Roe"); a title before capitalised words that
  spaCy missed is a person too; post-nominals ("QC") are split off;
- a name's last word ("Avonshire Police", "Tanner Street") or the noun
  before it ("the Dutch bank Vanterpool") says organisation or place;
- a known first name says person ("Marta Lindqvist" labelled ORG);
- a place in the gazetteer after "in", "from", "at" ... is a place;
- a span spaCy glued across a lowercase word is split ("Zentek boss Harold
  Vane" -> "Zentek", "Harold Vane"), and names spaCy cut in two are joined
  ("US" + "Fisheries Agency", "Hobson's" + "Travel Group");
- a name owned by a person ("Johann Brandt's Die Nacht") or named by a noun for a work or a product
  ("the film Jungle Days", "the drug Zolarin"), a law or treaty ("the Kelby Agreement"), a contest
  ("the European Indoor Championships"), a date ("Sunday") or a name with an indefinite article ("an
  Emmy") is no person, organisation or place; neither is a lone capitalised job word ("Minister");
- a span is cut at a lowercase word that cannot be inside a name, before a title inside it ("Times Mr
  Lee" -> "Times", "Mr Lee"), and loses leading amounts ("745bn Indian") and trailing small words;
- leading "the" and a trailing possessive are not part of the name.

Each mention keeps its votes (type -> weight); the resolver sums them over all
the mentions of an entity, so one mislabelled mention does not decide.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from spacy.tokens import Doc

from ..lang.en import (DATE_WORDS, JOB_NOUNS, KIN_WORDS, NAME_CONNECTORS, NAME_STARTING_TITLES, NOT_ENTITY_HEADS,
                       NOT_JOBS, NOT_ORG_ABBREVIATIONS, NOT_ORGANISED_GROUPS, ORG_HEADS, ORG_NOUNS, ORG_POSSESSIONS,
                       ORGANISATION_ALIASES, OWNER_NOUNS, PARTY_ROLES, PARTY_WORDS, SEAT_HOLDERS, NOT_PERSON_NOUNS,
                       PORTFOLIOS, PART_OF_NOUNS, PLACE_HEADS, PLACE_NOUNS, PREFIX_TITLES, SUFFIX_TITLES, VENUE_HEADS,
                       WORK_NOUNS, is_job_noun)
from ..lang.en.names import first_name_sex
from ..lang.en.places import country_of_demonym, is_big_city, is_language, place_kind
from ..records import Mention, Span
from .rules import confidence
from .state import State, text_of

LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
# labels whose spans are names only when a title shows they are people
TITLE_ONLY_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP"}
LOCATIVE = {"in", "at", "from", "near", "outside", "across", "to", "into", "around", "towards"}
POLICE_WORDS = {"police", "constabulary"}
COMPASS_WORDS = {"north", "south", "east", "west", "central"}
MINISTERS = {"Minister", "Secretary", "Spokesman", "Spokeswoman"}  # after a brief: "Health Minister X"
PERSON_LED = {"government", "administration", "cabinet", "camp", "team", "side"}  # "the Blair government"
NAME_PARTICLES = NAME_CONNECTORS | {"bin", "ibn", "ben", "binti", "al", "-"}
PERSON_NOUNS = NOT_JOBS - PART_OF_NOUNS - {"people", "family", "couple", "part", "member"}  # "rival", "winner"


def is_title(token) -> bool:
    return token.text.rstrip(".").lower() in PREFIX_TITLES and token.text[:1].isupper()


PLURAL_PERSONAL_TITLES = {"lords", "ladies", "justices"}  # (not "Queens Park", "Kings College", "Earls Court")


def _plural_title(token) -> bool:
    text = token.text.lower()
    return token.text[:1].isupper() and text.endswith("s") and (text[:-1] in PREFIX_TITLES or text[:-2] in PREFIX_TITLES)


def is_suffix(token) -> bool:
    return token.text.rstrip(".").lower() in SUFFIX_TITLES and token.text[:1].isupper()


def run(state: State) -> None:
    """The stage: ``state.mentions`` from the parsed ``Doc``."""
    state.mentions = state.run("mention", find_mentions, state.doc) or []


def find_mentions(doc: Doc) -> list[Mention]:
    """The mentions of named entities in ``doc``, in text order."""
    people = _people(doc)
    spans = _join(doc, _split(doc, _candidates(doc), people))
    lowercase_words = {t.text for t in doc if t.is_lower}
    mentions = []
    dropped: set[int] = set()  # first tokens of spans that name no entity (their list fellows follow)
    for i, (start, end, label, rule) in enumerate(spans):
        if _is_owned_work(doc, spans, i) or _names_no_entity(doc, start, end, dropped):
            dropped.add(start)
            continue
        if end - start == 1 and doc[start].is_sent_start and doc[start].lower_ in lowercase_words:
            continue  # "Landlord charged over fire": a capitalised common word, as the text shows elsewhere
        mention = _mention(doc, start, end, label, rule, people)
        if mention is not None:
            mentions.append(mention)
    return mentions


# --- spans ---------------------------------------------------------------------------------------

def _candidates(doc: Doc) -> list[tuple[int, int, str, str]]:
    spans = [(e.start, e.end, "ORG", "mention.group") if _is_organised_group(e)
             else (*_ner_span(doc, e), e.label_, "mention.ner")
             for e in doc.ents if e.label_ in LABEL_TYPES or e.label_ in TITLE_ONLY_LABELS]
    kin = _kin_names(doc)
    spans = [(s, e, "PERSON", "mention.kin") if e - s == 1 and s in kin else (s, e, label, rule)
             for s, e, label, rule in spans]
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    spans += [(i, i + 1, "PERSON", "mention.kin") for i in sorted(kin - covered)]
    covered |= kin
    spans += _unlabelled_names(doc, covered)
    return sorted(spans)


def _kin_names(doc: Doc) -> set[int]:
    """One-word names given right after a word of kin, and the names listed with them: "their two children
    Emma, 16, and Tom, 14", "is survived by three children Nora, Ali and Guy" (first names, of people)."""
    found = set()
    for t in doc:
        if t.lower_ not in KIN_WORDS:
            continue
        stack = [c for c in t.children if c.dep_ == "appos" and c.i > t.i]
        while stack:
            x = stack.pop()
            if x.is_alpha and x.text[:1].isupper() and not x.text.isupper() and not is_title(x) \
                    and not any(c.dep_ == "compound" for c in x.children) and x.head.dep_ != "compound":
                found.add(x.i)
                stack += [c for c in x.children if c.dep_ == "conj"]
    return found


def _ner_span(doc: Doc, ent) -> tuple[int, int]:
    """spaCy's span of a name, with the words it left off: "O'" before it, a surname after it, or "'" and the
    surname after a name it ended at "O"."""
    start = ent.start - 2 if _apostrophe_prefix(doc, ent.start) else ent.start
    if _left_out_surname(doc, ent):
        return start, ent.end + 1
    return start, ent.end + 2 if _apostrophe_prefix(doc, ent.end + 1) else ent.end


def _apostrophe_prefix(doc: Doc, start: int) -> bool:
    """The name at ``start`` follows "O'" or "D'" that spaCy split off it: "Mr O' Kelly" read as "Kelly" (or
    "Rory O" and "Kelly" as two)."""
    return 1 < start < len(doc) and doc[start - 1].text in ("'", "\u2019") and doc[start - 2].text in ("O", "D") \
        and not doc[start - 2].whitespace_ and doc[start].text[:1].isupper()


def _left_out_surname(doc: Doc, ent) -> bool:
    """spaCy ended a person's name a word early: "Tory Ann" of "Tory Ann Hale said", the last word of its
    span a part (compound) of the proper noun after it."""
    last = doc[ent.end - 1]
    return ent.label_ == "PERSON" and ent.end < len(doc) and last.dep_ == "compound" and last.head.i == ent.end \
        and last.head.tag_ == "NNP" and last.head.text[:1].isupper() and not last.head.ent_type_ \
        and not is_job_noun(last.head) and not is_title(last.head)


def _is_organised_group(ent) -> bool:
    """A party that spaCy labels as a group of people (NORP): "Labour MP X", "a Tory frontbencher", "the
    Conservatives said"; not a nationality ("Polish"), a language, a religion or a people ("Muslims")."""
    words = ent.text.split()
    if ent.label_ != "NORP" or not words[0][:1].isupper() or country_of_demonym(ent.text) \
            or country_of_demonym(ent.text.rstrip("s")) or any(w.lower() in NOT_ORGANISED_GROUPS for w in words) \
            or is_language(ent.text):
        return False
    doc, after = ent.doc, ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and after.lower_ in PARTY_ROLES:
        return True  # "Labour MP", "Conservative leader"
    subject = ent.root.dep_ == "nsubj" and ent.start > 0 and doc[ent.start - 1].lower_ == "the"
    return subject and ent.text.endswith("s")  # "the Conservatives said"


def _unlabelled_names(doc: Doc, covered: set[int]) -> list[tuple[int, int, str, str]]:
    """Runs of proper nouns that spaCy did not mark but a title or a head word gives away."""
    found = []
    i = 0
    while i < len(doc):
        if i in covered or not (doc[i].tag_ == "NNP" or is_title(doc[i])):
            i += 1
            continue
        if _party_before_role(doc, i, covered):
            found.append((i, i + 1, "ORG", "mention.group"))  # "Labour MP Dan Hobbs", "a Green candidate"
            i += 1
            continue
        j = i
        while j < len(doc) and j not in covered and doc[j].sent == doc[i].sent and (
                (doc[j].tag_ == "NNP" or is_title(doc[j]) or j > i and doc[j].tag_ == "NNPS") and doc[j].text[:1].isupper()
                or j > i and _inner_hyphen(doc, j) and j + 1 not in covered):
            j += 1
        if j - i >= 2:
            last = doc[j - 1].lower_
            if is_title(doc[i]):
                found.append((i, j, "PERSON", "mention.title"))
            elif last in ORG_HEADS:
                found.append((i, j, "ORG", "mention.head"))
            elif last in PLACE_HEADS or last in VENUE_HEADS:
                found.append((i, j, "FAC", "mention.head"))
            elif j - i <= 3 and first_name_sex(doc[i].text) in ("male", "female") and not is_big_city(doc[i].text):
                found.append((i, j, "PERSON", "mention.first-name"))
            elif j - i <= 3 and _aged(doc, j):
                found.append((i, j, "PERSON", "mention.aged"))  # "mother-of-two Ana Lopes, 44,"
            elif _after_locative(doc, i):
                found.append((i, j, "FAC", "mention.after-locative"))  # "a hearing at the Old Granary"
        elif _is_acronym_name(doc[i]):
            found.append((i, j, "ORG", "mention.acronym"))

        i = max(j, i + 1)
    return found


def _inner_hyphen(doc: Doc, j: int) -> bool:
    """A hyphen inside a double-barrelled name ("Mr Kelby-Hale's"): no space on either side, a capital after."""
    return doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ and j + 1 < len(doc) \
        and doc[j + 1].text[:1].isupper() and doc[j + 1].is_alpha


def _aged(doc: Doc, j: int) -> bool:
    """", 44," right after token ``j - 1``: the age that news gives after a person's name."""
    return j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].like_num and doc[j + 1].text.isdigit() \
        and 0 < int(doc[j + 1].text) < 120 and doc[j + 2].text in (",", ".", ";")


def _starts_person(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B"


def _party_before_role(doc: Doc, i: int, covered: set[int]) -> bool:
    """One capitalised word that no one named before a party role: "Labour MP", "Green candidate"."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is not None and nxt.lower_ in PARTY_ROLES and doc[i].is_alpha and doc[i].text[:1].isupper() \
        and not is_title(doc[i]) and not first_name_sex(doc[i].text) and not country_of_demonym(doc[i].text) \
        and place_kind(doc[i].text) is None and (doc[i].is_sent_start or doc[i - 1].tag_ != "NNP")


def _after_locative(doc: Doc, i: int) -> bool:
    """Proper nouns right after "at the", "in the", "near the": a named place."""
    return i >= 2 and doc[i - 1].lower_ == "the" and doc[i - 2].lower_ in LOCATIVE and not doc[i].is_sent_start


def _is_acronym_name(token) -> bool:
    """An unlabelled capitalised abbreviation, such as a party or a sports body ("UCPF", "NRWA")."""
    text = token.text
    return (3 <= len(text) <= 6 and text.isalpha() and text.isupper() and token.tag_ == "NNP"
            and text not in NOT_ORG_ABBREVIATIONS and place_kind(text) is None)


class _People(NamedTuple):
    """The names spaCy labels PERSON in a text, the last words of those of two words or more, and the
    names written after "Mr", "Mrs", "Ms", "Miss" or "Dr" ("Mr Kavala": Kavala is someone's surname)."""
    names: frozenset[str]
    surnames: frozenset[str]
    addressed: frozenset[str]


ADDRESSED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? ([A-Z][\w-]*(?:'[A-Z][\w-]*)?)")  # "Mr Kavala", "Dr O'Hale"


def _people(doc: Doc) -> _People:
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    return _People(frozenset(e.text for e in persons), frozenset(e[-1].text for e in persons if len(e) > 1),
                   frozenset(ADDRESSED.findall(text_of(doc))))


def _split(doc: Doc, spans, people: _People):
    """Cut spans at lowercase words that cannot be inside a name ("and" between people: "Reed and Hale")
    and before a title inside them; drop leading amounts ("745bn") and trailing small words ("Night Rain and")."""
    out = []
    for start, end, label, rule in spans:
        piece = start
        for i in range(start, end):
            t = doc[i]
            two_people = t.lower_ == "and" and i > start and (
                label == "PERSON" or doc[i - 1].text in people.surnames and i + 1 < end and doc[i + 1].text in people.surnames)
            cut = (t.is_alpha and t.text.islower() and (t.lower_ not in NAME_PARTICLES or two_people)
                   and not (i > start and doc[i - 1].text == "-" and not doc[i - 1].whitespace_)  # "Won-yong"
                   ) or (t.text in ("-", "\u2013", "\u2014") and t.whitespace_ and i > start
                         and doc[i - 1].whitespace_  # "MPs - Keith Vaz": a dash between words
                         ) or (t.text == "," and label == "PERSON" and i > start and not (
                             i + 1 < end and doc[i + 1].lower_.rstrip(".") in ("jr", "sr")))  # "Lords Kelby, Reed"
            after_role = i > piece and doc[i - 1].text.isupper() and doc[i - 1].lower_ in PARTY_ROLES  # "Green Party MP" X
            if cut or after_role or (i > piece and t.text.rstrip(".").lower() in NAME_STARTING_TITLES
                                     and not is_title(doc[i - 1])):
                if i > piece:
                    out.append((piece, i, label, rule))
                piece = i + (1 if cut else 0)
        if piece < end:
            out.append((piece, end, label, rule))
    trimmed = []
    for start, end, label, rule in out:
        while start < end and (doc[start].text[:1].isdigit() and not re.fullmatch(r"\d+(st|nd|rd|th)", doc[start].text)
                               or not doc[start].text[:1].isalnum()) and doc[start].text != "(":
            start += 1
        while end > start and (doc[end - 1].lower_ in NAME_CONNECTORS or doc[end - 1].text in "(-&,"):
            end -= 1
        if start < end:
            trimmed.append((start, end, label, rule))
    return trimmed


def _join(doc: Doc, spans):
    """Join names that spaCy cut in two, and "<place> police"."""
    out = []
    for start, end, label, rule in spans:
        if out:
            p_start, p_end, p_label, p_rule = out[-1]
            head = doc[end - 1].lower_
            glued = p_end == start and head in ORG_HEADS
            owned = p_end + 1 == start and p_end - p_start == 1 and doc[p_end].tag_ == "POS" and head in ORG_HEADS
            if glued or owned:
                out[-1] = (p_start, end, "ORG", p_rule)
                continue
        out.append((start, end, label, rule))
    for k, (start, end, label, rule) in enumerate(out):
        if label in ("GPE", "LOC") and end < len(doc) and doc[end].lower_ in POLICE_WORDS:
            out[k] = (start, end + 1, "ORG", rule)
    return out


def _names_no_entity(doc: Doc, start: int, end: int, dropped: set[int]) -> bool:
    """A work, product, law, contest, date, an "an Emmy", a lone job word, or a list fellow of one."""
    words = [t.lower_ for t in doc[start:end]]
    head = next((words[k - 1] for k in range(1, len(words)) if words[k] in ("of", "on", "for")), words[-1])
    titled = start > 0 and is_title(doc[start - 1])
    lone = len(words) == 1 and not titled
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) \
            and doc[end + 1].is_lower and (lone or _made_of_name(doc[end + 1])):
        return True  # "the Oscar-nominated film", "a Gordon Kelby-style tax cut"
    if end - start >= 3 and doc[end - 2].text == "-" and not doc[end - 3].whitespace_ and _made_of_name(doc[end - 1]):
        return True  # "a Tom Reed-style tax cut" (spaCy's span holds the "-style")
    if _paired_adjective(doc, start, end):
        return True  # "the old Tory-Labour debate", "the Franco-German plan", "the Reed-Hale feud"
    if lone and start > 0 and doc[start - 1].lower_ == "the" and nxt is not None and nxt.is_lower \
            and nxt.pos_ == "NOUN" and doc[start].dep_ == "compound" and not first_name_sex(doc[start].text) \
            and doc[start].ent_type_ == "PERSON" and nxt.lemma_ not in PLACE_NOUNS and not place_kind(doc[start].text):
        return True  # "the James report", "the Hale inquiry": named after someone, not about them
    if head in NOT_ENTITY_HEADS or (lone and (words[0] in DATE_WORDS or words[0] in NOT_ORGANISED_GROUPS or words[0] in JOB_NOUNS
                                            or country_of_demonym(doc[start].text))):
        return True
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("the", "a", "an", "his", "her", "its", "their", "new", "latest", "first", "hit"):
        if doc[i].lower_ in ("a", "an") and end - start == 1 and i == start - 1 \
                and doc[start].dep_ not in ("compound", "amod", "nmod"):
            return True  # "won an Oscar": a name takes no indefinite article ("a London hospice" modifies)
        i -= 1
    if i >= 0 and doc[i].lemma_.lower() in WORK_NOUNS and doc[i].is_lower and doc[i].pos_ == "NOUN":
        return True  # "the film Jungle Days", "the drugs Zolarin and Vexa"
    if _names_work(doc, start, end):
        return True
    if all(w in PORTFOLIOS for w in words if w != "and") and nxt is not None and nxt.text in MINISTERS:
        return True  # "Health Minister X": a brief, not a body
    if nxt is not None and nxt.is_lower and nxt.pos_ == "NOUN" and nxt.lemma_ in ("programme", "show", "series", "documentary") \
            and start > 1 and (doc[start - 1].tag_ == "POS" or doc[start - 1].lower_ in NAME_CONNECTORS | {"with"}
                               and doc[start - 2].text[:1].isupper()):
        return True  # "Kelby TV's Breakfast with Hale programme": a programme, not its host
    if i >= 0 and doc[i].lower_ in ("and", "or", ",") and i > 0 and not (nxt is not None and nxt.lower_ == "for"):
        # "... Zolarin and Vexa": the list's first decides (not "X for Night Rain and Y for Dust": Y is no title)
        j = i - 1
        while j >= 0 and j not in dropped and doc[j].text[:1].isupper() and doc[j].ent_iob_ == "I":
            j -= 1
        return j in dropped
    return False


def _paired_adjective(doc: Doc, start: int, end: int) -> bool:
    """Words of parties or peoples, or two people's surnames, joined by a hyphen ("Tory-Labour", "Franco-German",
    "the Reed-Hale feud"): an adjective of two sides, no name."""
    last = end
    while last + 1 < len(doc) and doc[last].text == "-" and not doc[last - 1].whitespace_ and not doc[last].whitespace_:
        last += 2  # the parts spaCy left out of the span
    parts = [t.text for t in doc[start:min(last, len(doc))] if not t.is_punct and t.lower_ not in ("the", "a", "an")]
    if len(parts) < 2 or not any(t.text == "-" for t in doc[start:min(last, len(doc))]):
        return False
    # or the surnames of two people the text names in full: "the Reed-Hale feud" after Tom Reed and Ann Hale
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and "-" not in e.text}
    after = next((t for t in doc[min(last, len(doc)):min(last, len(doc)) + 2] if not t.is_punct), None)
    return all(p.lower() in PARTY_WORDS or p.lower() in COMBINING_FORMS or country_of_demonym(p) for p in parts) \
        or len(set(parts)) == len(parts) and all(p in surnames for p in parts) \
        and after is not None and after.is_lower and after.pos_ == "NOUN"  # (not "Reed-Hale, who was born")


COMBINING_FORMS = {"anglo", "franco", "sino", "afro", "euro", "indo", "russo", "greco", "austro", "italo", "judeo"}


def _made_of_name(token) -> bool:
    """The word after a name and a hyphen that makes an adjective of it: "-style", "-era" (not "-led": "a Jane
    Roe-led coalition" tells what she did)."""
    return token.lower_ in ("style", "era", "type", "like", "esque")


def _is_work_noun(token) -> bool:
    return token.is_lower and token.pos_ == "NOUN" and token.lemma_.lower() in WORK_NOUNS


def _names_work(doc: Doc, start: int, end: int) -> bool:
    """A title the sentence shows to be one: "his play, Gentle Thunder", "films including Night Rain",
    "in Night Rain starring X", and in a list of nominees "X for Night Rain"."""
    root = doc[start:end].root
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.lower_ == "starring" and not first_name_sex(doc[start].text):
        return True
    head = root.head
    if root.dep_ == "appos" and _is_work_noun(head):
        return True
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:  # a list's first decides: "including Night Rain and Dust"
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ in ("including", "like") and _is_work_noun(first.head.head):
        return True
    if root.dep_ == "pobj" and head.lower_ == "for" and head.head.pos_ == "PROPN" and head.head.ent_type_ == "PERSON" \
            and not (nxt is not None and nxt.lower_ == "for") and not (start > 0 and is_job_noun(doc[start - 1])) \
            and any(t.lemma_.lower() in ("nominee", "nominate", "nomination", "award", "prize") for t in root.sent):
        return True
    return False


def _is_owned_work(doc: Doc, spans, i: int) -> bool:
    """"Johann Brandt's Die Nacht": a name right after a person's possessive names a work."""
    start, end, label, _ = spans[i]
    if i == 0 or start < 2 or doc[start - 1].tag_ != "POS":
        return False
    p_start, p_end, p_label, _ = spans[i - 1]
    return p_end == start - 1 and p_label == "PERSON" and doc[end - 1].lower_ not in ORG_HEADS | PLACE_HEADS | VENUE_HEADS \
        and not is_title(doc[start]) and doc[p_start].lower_ not in PARTY_WORDS  # (not "Labour's Ann Hale")


# --- one mention ---------------------------------------------------------------------------------

WORDS: frozenset[str] = frozenset()  # the lemmas of WordNet, from the pipeline's lemmatizer (none: no rule uses them)


def learn_words(nlp) -> None:
    """Keep the English words that the pipeline's rule lemmatizer knows (its WordNet lemma index)."""
    global WORDS
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return
    WORDS = frozenset(word for words in table.values() for word in words)


def _left_out_first_name(doc: Doc, start: int, end: int) -> bool:
    """spaCy left a first name that is no English word out of a name that starts a sentence ("Shani
    Ellis Hale is worried" read as "Ellis Hale"; not "Blairite Tom Reed"), or the first word of a name
    that starts with no first name, when it is no English word or the name has three words or more
    ("Kelbury Hale Rail Maintenance" read as "Hale Rail Maintenance"; not "Rivals Kelby Rovers")."""
    t = doc[start - 1] if start > 0 else None
    return bool(WORDS) and t is not None and t.is_sent_start and t.tag_ == "NNP" and t.is_alpha \
        and t.text.istitle() and not t.ent_type_ \
        and (first_name_sex(t.text) is not None and t.lower_ not in WORDS
             or (end - start >= 3 or t.lower_ not in WORDS and t.lower_.removesuffix("s") not in WORDS)
             and first_name_sex(doc[start].text) is None and t.dep_ == "compound" and start <= t.head.i) \
        and not is_title(t) and not country_of_demonym(t.text) and t.lower_ not in PARTY_WORDS


def _mention(doc: Doc, start: int, end: int, label: str, rule: str, people: _People) -> Mention | None:
    if label == "PERSON" and end - start >= 2 and _left_out_first_name(doc, start, end):
        start -= 1
    # a title just before the entity belongs to it: "Mr" + "Roe"
    while start > 0 and is_title(doc[start - 1]) and doc[start - 1].sent == doc[start].sent \
            and not (start > 1 and doc[start - 1].lower_ == "general" and doc[start - 2].text[:1].isupper()):
        start -= 1  # (not "General" of "Attorney General Lord X")
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end - start > 1 and doc[start].is_sent_start and first_name_sex(doc[start].text) is None and (
            doc[start].is_stop and doc[start].pos_ in ("ADP", "ADV", "CCONJ") or doc[start].tag_ == "VBG"):
        start += 1  # "Across Wales, ...", "Entering Kelby Hall, he": the sentence's first word is no name's
    while end - start > 2 and (doc[start].is_sent_start or doc[start].is_upper) and is_job_noun(doc[start]) \
            and not is_title(doc[start]) and (first_name_sex(doc[start + 1].text) is not None
                                              or label == "PERSON" and doc[start + 1].tag_ == "NNP"
                                              and first_name_sex(doc[start].text) is None):
        start += 1  # "Runner Marta Lindqvist won", "radio DJ Ann Hale", "Baker Kit Vane": the first word is a job
    while end - start > 2 and (country_of_demonym(doc[start].text) or doc[start].lower_ in ORGANISATION_ALIASES
                               or country_of_demonym(re.sub(r"(wo)?man$", "", doc[start].text))) \
            and first_name_sex(doc[start + 1].text) is not None:
        start += 1  # "fellow Tory David Hale", "Welshman Ray Hale": the party or nation is no part of the name
    party = start
    while party < end - 2 and doc[party].lower_ in PARTY_WORDS:
        party += 1
    if party > start and (first_name_sex(doc[party].text) is not None or is_title(doc[party])):
        start = party  # "Lib Dem Nora Hale", "Tory Lord Kelby"
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    while end < len(doc) and label not in ("ORG", "GPE", "LOC", "FAC") and is_suffix(doc[end]) \
            and not _starts_person(doc, end + 1):  # "Mary Clegg" + "QC"
        end += 1  # (not "Labour" + "MP" in "Labour MP Dan Hobbs": that MP is Dan Hobbs)
    if start >= end:
        return None
    if _possessive_name(doc, start, end, label):
        end += 1
        label = "ORG"
    tokens = list(doc[start:end])
    prefixes = []
    while len(tokens) > 1 and (is_title(tokens[0]) or _plural_title(tokens[0]) and (
            prefixes or tokens[0].lower_ in PLURAL_PERSONAL_TITLES)) and tokens[1].tag_ != "POS":
        prefixes.append(tokens.pop(0).text)  # "Lord Justices Kelby and Hale", "Lords Kelby and Hale"
    suffixes = []
    while len(tokens) > 1 and is_suffix(tokens[-1]):
        suffixes.insert(0, tokens.pop().text)
    titled = bool(prefixes)
    if titled and (tokens[0].lower_ == "of" or all(t.lower_ in KIN_WORDS for t in tokens)):
        tokens, prefixes = list(doc[start:start + len(prefixes)]) + tokens, []  # "Prince of Wales", "Queen Mother"
    if all(is_suffix(t) or is_title(t) for t in tokens) or (prefixes and all(t.lower_ in JOB_NOUNS for t in tokens)) \
            or (len(tokens) > 1 and is_title(tokens[-1]) and (is_title(tokens[0]) or tokens[0].lower_ in JOB_NOUNS
                                                             or tokens[0].lower_ in PARTY_WORDS)) \
            or (prefixes and [t.lower_ for t in tokens] == ["consort"]) or _party_brief(tokens):
        return None  # "Lord Chancellor", "Mr President", "Tory Lord", "Princess Consort", "Lib Dem Treasury": no name
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens):
        return None
    name = " ".join(doc[tokens[0].i:tokens[-1].i + 1].text.split())  # (doc.text would join the whole text again)
    votes = _votes(doc, start, tokens, name, label, titled, people)
    if rule == "mention.kin" and votes:
        votes["Person"] = votes.get("Person", 0) + 3  # "his children Nora and Ali": the word of kin says they are people
    if not votes:
        return None
    kind = max(votes, key=lambda k: (votes[k], k == LABEL_TYPES.get(label)))
    span = doc[start:end]
    sent = span[0].sent
    return Mention(
        text=name if any(_plural_title(t) and not is_title(t) for t in span) else " ".join(span.text.split()),
        name=name, type=kind,
        span=Span(span.start_char, span.end_char), sentence=Span(sent.start_char, sent.end_char),
        prefixes=tuple(prefixes), suffixes=tuple(suffixes),
        confidence=round(min(0.95, confidence(rule) + 0.1 * votes[kind]), 2), votes=tuple(sorted(votes.items())),
        rule=rule,
    )


def _possessive_name(doc: Doc, start: int, end: int, label: str) -> bool:
    """"McKelby's are listed as donors", "at Kelbury's": a one-word business name ending in "'s", told by
    spaCy's label and by the "'s" that owns nothing (the name is itself subject or object)."""
    return label == "ORG" and end - start == 1 and end < len(doc) and doc[end].tag_ == "POS" \
        and doc[end].lower_ in ("'s", "\u2019s") and not doc[start].whitespace_ and doc[end].head.i == start \
        and doc[start].dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")


def _votes(doc: Doc, start: int, tokens, name: str, label: str, titled: bool, people: _People) -> dict[str, float]:
    votes: dict[str, float] = defaultdict(float)
    if titled:
        votes["Person"] += 3
    of = next((k for k, t in enumerate(tokens) if k and t.lower_ == "of"), None)
    head = tokens[-1].lower_
    if of and tokens[of - 1].lower_ in ORG_HEADS:
        head = tokens[of - 1].lower_  # "the Kelby Council of Wales", "the Bank of Kelbania"
    multi = len(tokens) > 1
    known_first_name = first_name_sex(tokens[0].text) is not None
    # a business word ending a name that starts with no first name: "Kelby Stockbrokers", "Hale Brokers"
    business = multi and not known_first_name and tokens[-1].text[:1].isupper() and head in ORG_NOUNS \
        and label != "PERSON"  # (not "Kelby Brand, 45, said")
    if label in TITLE_ONLY_LABELS and not titled and not (business and label == "PRODUCT"):
        return {}
    surname_a_person = multi and (known_first_name and tokens[-1].text in people.names
                                  or len(tokens) == 2 and tokens[-1].text in people.addressed
                                  and label not in ("GPE", "LOC", "ORG") and not tokens[0].is_upper and not place_kind(name))
    if (label == "PERSON" or surname_a_person) and known_first_name and multi \
            and not (len(tokens) > 2 and (head in ORG_HEADS or head in VENUE_HEADS)):
        head = ""  # "Mary Lane", "Victoria Street" as spaCy reads them: the first name wins (not "Ann Hale Centre")
    if surname_a_person:
        votes["Person"] += 2  # "Ann Forest ... Forest's role": her surname alone is a person's elsewhere
    if head in ORG_HEADS and (multi or label != "PERSON") or business:
        votes["Organization"] += 3
    elif head in PLACE_HEADS and multi:
        votes["Place"] += 3
    elif head in VENUE_HEADS and multi:
        votes["Place"] += 2
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.text == "," and start > 1 and doc[start - 2].lemma_.lower() in ORG_NOUNS \
            and not known_first_name:  # (not "the governor of the Bank, Mervyn King")
        votes["Organization"] += 3  # "the country's biggest bank, Vanterpool Holland"
    end = tokens[-1].i + 1
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an", "the"):
        described = doc[end + 2]
        while described.dep_ in ("compound", "amod", "nmod") and described.head.i > described.i:
            described = described.head  # "a fund manager": the phrase's head
        if _animal(doc, end + 2):
            return {}  # "Bess, a black retriever cross": an animal
        if described.lemma_.lower() in ORG_NOUNS | PART_OF_NOUNS:
            votes["Organization"] += 3  # "Hobson Travel, a subsidiary of ..."
        elif is_job_noun(described):
            votes["Person"] += 2  # "Ruth Gale, a fund manager with ..."
    elif end + 2 < len(doc) and doc[end].text == "," and doc[end + 2].lower_ in ("of", "at") \
            and label not in ("GPE", "LOC") and doc[end + 1].lower_ in JOB_NOUNS - OWNER_NOUNS - {"host"}:
        votes["Person"] += 2  # "Ruth Gale, leader of the council group"
    after = doc[end] if end < len(doc) else None
    if multi and tokens[-1].lower_ in COMPASS_WORDS and not known_first_name:
        votes["Place"] += 3  # "Dorset West", "Surrey South West": a seat or region, not a person
    if after is not None and after.text.islower() and after.lemma_.lower() in PLACE_NOUNS:
        votes["Place"] += 3  # "the Tabriz area"
    if before is not None and before.text.islower():
        noun = before.lemma_.lower()
        if before.lower_ == "of" and start > 1:  # "the town of Kelby"
            noun = doc[start - 2].lemma_.lower() if doc[start - 2].lemma_.lower() in PLACE_NOUNS else ""
        elif start > 2 and not known_first_name and (before.lower_ == "as" and doc[start - 2].lower_ == "known"
                                                     or before.lower_ in ("called", "named") and before.tag_ == "VBN"):
            called = doc[start - 2] if before.lower_ != "as" else doc[start - 3]  # "a group known as X", "a firm called X"
            noun = called.lemma_.lower() if called.lemma_.lower() in ORG_NOUNS | PLACE_NOUNS else ""
        if noun in ORG_NOUNS:
            votes["Organization"] += 3
        elif noun in PLACE_NOUNS:
            votes["Place"] += 3
        elif before.lower_ in KIN_WORDS:
            votes["Person"] += 3  # "her daughter Ella"
        elif noun in NOT_PERSON_NOUNS:
            return {}  # "his guide dog Lucy", "the character Mr Grimble": no person
        elif (is_job_noun(before) or before.lower_ in PERSON_NOUNS) and before.pos_ == "NOUN" \
                and before.dep_ in ("compound", "amod", "nmod"):
            votes["Person"] += 2  # "conductor Luca Benedetti", "Belgian rival Kim Peeters"
    elif before is not None and before.tag_ == "NNP" and before.text.istitle() and before.lower_ in JOB_NOUNS \
            and not before.is_sent_start and not is_title(before) and before.lower_ not in ORG_HEADS and multi:
        votes["Person"] += 2  # "General Secretary Ann Hale", "Managing Director Tom Reed"
    if multi and not votes and known_first_name and tokens[-1].text[:1].isupper():
        votes["Person"] += 2
    if start > 1 and doc[start - 1].tag_ == "POS" and doc[start - 2].ent_type_ in ("GPE", "LOC") \
            and not titled and not known_first_name and head not in ORG_HEADS:
        votes["Place"] += 2  # "Lisbon's Alfama Square": a place's own building or body
    kind = place_kind(name)
    surname = name in people.surnames
    if kind == "country" or (kind == "region" and not known_first_name and not surname) \
            or (kind and before is not None and before.lower_ in LOCATIVE):
        votes["Place"] += 2  # "a tour of Africa", "in Kelby"
    if label in ("GPE", "LOC") and _is_acronym_name(tokens[0]) and not multi:
        votes["Organization"] += 1.5  # "the UCPF": an unknown abbreviation is a body, not a place
    for kind, weight in _context(doc, start, end, name).items():
        votes[kind] += weight
    if label in LABEL_TYPES:
        votes[LABEL_TYPES[label]] += 1
    if before is not None and before.lower_ == "for" and start > 1 and doc[start - 2].lower_ in SEAT_HOLDERS:
        votes["Place"] += 3  # "the MP for Kelby and Hale", "candidate for Kelby": a constituency
    if before is not None and before.lower_ in ("in", "near") and not multi and label != "PERSON" \
            and not (after is not None and after.tag_ == "POS"):
        votes["Place"] += 1.5  # "also in Kelby": people are seldom "in" anything
    if all(t.lower_ in PARTY_WORDS for t in tokens):
        votes["Organization"] += 3  # "Labour says", "the Greens would": a party
    kind_of = _instance_of(doc, start, end)
    if kind_of is not None:
        noun = kind_of.lemma_.lower()
        if noun in ORG_NOUNS:
            votes["Organization"] += 3  # "firms such as Kelbco"
        elif noun in PLACE_NOUNS:
            votes["Place"] += 3  # "towns such as Kelby"
    if (not titled or _before_place_noun(doc, end) or _plural_job(tokens, known_first_name)) \
            and _no_person_name(doc, start, tokens, known_first_name):
        votes.pop("Person", None)
        if not votes and label == "PERSON" and (any(c.isdigit() for c in name) or _determiner(doc, start) == "the"):
            votes["Organization"] = 1.0  # "KTV1", "Kanal 7", "the Storting"
    return dict(votes)


def _animal(doc: Doc, start: int) -> bool:
    """The phrase from ``start`` to the next punctuation names an animal: its head is one ("a black
    retriever", "a Labrador-retriever cross"), not a modifier only ("a dog-loving mother", "a pet food firm")."""
    stop = start
    while stop < len(doc) and (not doc[stop].is_punct or doc[stop].text == "-"):
        stop += 1
    if stop == start:
        return False
    phrase = doc[start:stop]
    head = phrase.root
    return head.lemma_.lower() in NOT_PERSON_NOUNS \
        or head.lower_ in ("cross", "mix") and any(t.lemma_.lower() in NOT_PERSON_NOUNS for t in phrase)


def _plural_job(tokens, known_first_name: bool) -> bool:
    """The name ends in the plural of a job or title: "Law Lords", "Chief Fire Officers"."""
    last = tokens[-1].lower_
    return len(tokens) > 1 and not known_first_name and last.endswith("s") \
        and (last[:-1] in JOB_NOUNS or last[:-1] in PREFIX_TITLES)


def _party_brief(tokens) -> bool:
    """A party and a government brief, the start of a spokesman's title: "Lib Dem Treasury", "Tory Home
    Affairs"."""
    words = [t.lower_ for t in tokens]
    return words[0] in PARTY_WORDS and words[-1] in PORTFOLIOS and all(w in PARTY_WORDS | PORTFOLIOS for w in words)


def _before_place_noun(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].is_lower and doc[end].lemma_ in PLACE_NOUNS | VENUE_HEADS


def _no_person_name(doc: Doc, start: int, tokens, known_first_name: bool) -> bool:
    """A name that cannot be one person's: with a digit ("BBC1"), a plural of a title or job ("Law Lords"),
    after "the" but for a first name ("the Tembrook"), before a place noun ("Queen Mary station"), or a brief
    before a minister ("Lifelong Learning Minister")."""
    end = tokens[-1].i + 1
    if any(c.isdigit() for t in tokens for c in t.text):
        return True
    if _plural_job(tokens, known_first_name) or tokens[-1].tag_ == "NNPS" and tokens[-1].lower_ in WORDS:
        return True  # "Law Lords", "Young People": no one person
    if _determiner(doc, start) and not known_first_name:
        return True  # "the Tembrook", "a Kelby Sprint": no one is "the" Jane Roe
    if _before_place_noun(doc, end):
        return True  # "Queen Mary station", "the Hale Road area"
    if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].text == ",":
        return True  # "Bob Hale, of Kelby, said": where he is from or works
    return end + 1 < len(doc) and doc[end].text in MINISTERS \
        and _starts_person(doc, end + 1)


def _determiner(doc: Doc, start: int) -> str | None:
    """"the" or "a" right before a name: "the Storting", "a Kelby Sprint"."""
    word = doc[start - 1].lower_ if start > 0 else ""
    return "the" if word == "the" else "a" if word in ("a", "an") else None


def _instance_of(doc: Doc, start: int, end: int):
    """The plural noun that a name is given as an instance of: "firms such as X", "cities including X and
    Y", "sports like X" (the first of a list stands in it)."""
    first = doc[start:end].root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    prep = first.head if first.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("as", "including", "like"):
        return None
    noun = prep.head
    if prep.lower_ == "as":
        if not (prep.i > 0 and doc[prep.i - 1].lower_ == "such"):
            return None
        if noun.lower_ == "such":
            noun = noun.head
    return noun if noun.tag_ == "NNS" and noun.i < start else None


def _context(doc: Doc, start: int, end: int, name: str) -> dict[str, float]:
    """What the words around a name say of its type: "shares in X", "X's shareholders", "X said it",
    "the X newspaper" (an organisation); "X, who", "X said he", "X, 44," (a person); "X, Kent" (a place)."""
    votes: dict[str, float] = defaultdict(float)
    nxt = [doc[k] for k in range(end, min(end + 3, len(doc)))]
    words = [t.lower_ for t in nxt]
    before = [doc[k].lower_ for k in range(max(0, start - 2), start)]
    if words[:1] == ["'s"] and len(words) > 1 and words[1] in ORG_POSSESSIONS:
        votes["Organization"] += 2  # "X's shareholders", "X's chief executive"
    if before[-2:] in (["shares", "in"], ["stake", "in"], ["shares", "of"]) or words[:1] == ["shares"]:
        votes["Organization"] += 3  # "shares in X", "X shares"
    if nxt and nxt[0].is_lower and nxt[0].lemma_ in ORG_NOUNS and nxt[0].lemma_ not in PERSON_LED \
            and not place_kind(name):
        votes["Organization"] += 2  # "the Kelby Courier newspaper", "the Labour party" (not "Lyon authorities")
    if words[:1] in (["said"], ["says"]) and len(words) > 1:
        if words[1] in ("it", "its"):
            votes["Organization"] += 1.5
        elif words[1] in ("he", "she", "his", "her"):
            votes["Person"] += 2
    if words[:1] and words[0] in PARTY_ROLES and " " not in name and not first_name_sex(name):
        votes["Organization"] += 3  # "Labour MP", "Tory leader"
    if words[:2] == [",", "who"] or (words[:1] == ["'s"] and len(words) > 1 and words[1] in KIN_WORDS):
        votes["Person"] += 2  # "X, who ...", "X's wife"
    elif words[:2] == [",", "which"]:
        votes["Place" if place_kind(name) else "Organization"] += 2  # "X, which ...": a thing, not a person
    if nxt and nxt[0].is_lower and nxt[0].pos_ == "NOUN" and doc[start].dep_ == "compound" and place_kind(name):
        votes["Place"] += 2  # "a former Leeds policeman", "the Brighton conference": a city naming where
    if words[:1] == [","] and len(nxt) > 1 and nxt[1].ent_type_ in ("GPE",) and place_kind(nxt[1].text):
        votes["Place"] += 1  # "Markby, Leicestershire"
    if before[-1:] == [","] and start > 1 and doc[start - 2].pos_ == "PROPN" and place_kind(name) \
            and (end - start > 1 or doc[start].ent_type_ in ("GPE", "LOC")):  # (not "Reed, Lincoln and Hale scored")
        votes["Place"] += 4  # "at Kelby Lodge, Milton Keynes": a known place after a name, the place it is in
    if words[:1] == [","] and len(nxt) > 2 and nxt[1].lower_ in COMPASS_WORDS and place_kind(nxt[2].text):
        votes["Place"] += 2  # "RAF Kelby, west London"
    fellow, fellows = doc[start:end].root, []
    while fellow.dep_ in ("conj", "appos") and fellow.head.i < fellow.i:
        fellow = fellow.head  # the list's earlier names: "in Guildford, Kelby and Hale"
        fellows.append(fellow)
    if any(place_kind(f.text) and (f.ent_type_ in ("GPE", "LOC", "FAC") or end - start == 1) for f in fellows) \
            and not first_name_sex(doc[start].text) and doc[start].ent_type_ != "ORG":
        votes["Place"] += 2  # "in Guildford and Kelby", "Wells prison, London, and Kelby"
    if doc[start].lower_ in COMPASS_WORDS | {"upper", "lower", "great"} and end - start > 1 \
            and doc[start].ent_type_ != "ORG" and doc[end - 1].lower_ not in ORG_HEADS:
        votes["Place"] += 1.5  # "North Kelby" (not "shares in South West Trains")
    return votes
