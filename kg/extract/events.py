"""ACE 2005 events from their trigger words, with participants, place and date.

A trigger is a verb or noun lemma of the tables below. Its participants come
from the parse: for a verb, the subject and object (a passive subject is the
object; "by X" is the subject) and some prepositions; for a noun, its
prepositions ("the attack on X", "the trial of X"), its possessor, an
organisation modifying it ("the party conference") and the subject of the verb
that governs it ("X filed a lawsuit"; "X faces legal action" makes X the
defendant). Lists ("A, B and C were killed") give every member; pronouns and
descriptions go through ``Referents``.

Events that the text does not report as having happened are left out: negated
("did not resign"), modal ("could face", "would buy"; but "will stand trial"
and other scheduled justice events stay), conditional ("if convicted"),
intended or attempted ("tried to merge", "called for his release").

Where: a place named in a locative phrase of the trigger ("in Madrid", "at a
London hospice"); a court there is the adjudicator of a justice event.
When: a date attached to the trigger, normalised by ``kg.extract.dates``.
Mentions of one class whose people do not conflict are one event.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Entity, Event, Fact, Span
from ..resolve.coref import Referents
from .dates import normalise_date
from .lexicon import is_job_noun
from .sentences import sentence_of


@dataclass(frozen=True)
class Verb:
    event: str
    subject: str | None  # role of the active subject (and of "by X" in the passive)
    object: str | None  # role of the object (and of the passive subject)
    preps: dict = field(default_factory=dict)  # preposition -> role
    particle: str | None = None  # "step down": the particle the verb needs
    needs: tuple = ()  # roles without which this trigger is no event ("join" needs an employer)


@dataclass(frozen=True)
class Noun:
    event: str
    preps: dict = field(default_factory=dict)  # preposition (or "poss", "compound") -> role
    agent: str | None = None  # role of the subject of the verb that governs the noun
    patient: str | None = None  # role of that subject after "face", "undergo", "stand"
    modifier: str | None = None  # "legal action": the modifier the noun needs


_ATTACK = Verb("Attack", "attacker", "target")
_ARREST = Verb("ArrestJail", "agent", "person")
_START = Verb("StartPosition", "entity", "person", {"as": None})
_END_SELF = Verb("EndPosition", "person", None, {"from": "entity", "as": None})
_END_BY = Verb("EndPosition", "entity", "person")
_BUY = Verb("TransferOwnership", "buyer", "artifact", {"from": "seller", "for": None})

VERBS: dict[str, list[Verb]] = {
    "attack": [_ATTACK], "stab": [_ATTACK], "shoot": [_ATTACK], "bomb": [_ATTACK], "assault": [_ATTACK],
    "kill": [Verb("Die", "agent", "victim")], "murder": [Verb("Die", "agent", "victim")],
    "die": [Verb("Die", "victim", None)],
    "injure": [Verb("Injure", "agent", "victim")], "wound": [Verb("Injure", "agent", "victim")],
    "arrest": [_ARREST], "detain": [_ARREST], "jail": [_ARREST], "imprison": [_ARREST],
    "release": [Verb("ReleaseParole", "entity", "person")], "free": [Verb("ReleaseParole", "entity", "person")],
    "charge": [Verb("ChargeIndict", "prosecutor", "defendant", {"with": None})],
    "indict": [Verb("ChargeIndict", "prosecutor", "defendant")],
    "accuse": [Verb("ChargeIndict", "prosecutor", "defendant")],
    "convict": [Verb("Convict", "adjudicator", "defendant")],
    "sentence": [Verb("Sentence", "adjudicator", "defendant")],
    "acquit": [Verb("Acquit", "adjudicator", "defendant")],
    "fine": [Verb("Fine", "adjudicator", "entity")],
    "sue": [Verb("Sue", "plaintiff", "defendant")],
    "pardon": [Verb("Pardon", "adjudicator", "defendant")],
    "execute": [Verb("Execute", "agent", "person")],
    "extradite": [Verb("Extradite", "agent", "person", {"to": "destination", "from": "origin"})],
    "appoint": [_START], "hire": [_START], "recruit": [_START],
    "join": [Verb("StartPosition", "person", "entity", needs=("entity",))],
    "take": [Verb("StartPosition", "person", None, {"at": "entity", "as": None}, particle="over")],
    "resign": [_END_SELF], "quit": [Verb("EndPosition", "person", "entity")], "retire": [_END_SELF],
    "step": [Verb("EndPosition", "person", None, {"from": "entity", "as": None}, particle="down")],
    "stand": [Verb("EndPosition", "person", None, {"from": "entity", "as": None}, particle="down")],
    "sack": [_END_BY], "fire": [_END_BY], "dismiss": [_END_BY], "oust": [_END_BY],
    "replace": [Verb("StartPosition", "person", None), Verb("EndPosition", None, "person")],
    "succeed": [Verb("StartPosition", "person", None), Verb("EndPosition", None, "person")],
    "elect": [Verb("Elect", "agent", "person")], "nominate": [Verb("Nominate", "agent", "person")],
    "buy": [_BUY], "acquire": [_BUY], "purchase": [_BUY],
    "sell": [Verb("TransferOwnership", "seller", "artifact", {"to": "buyer"})],
    "pay": [Verb("TransferMoney", "giver", None, {"to": "recipient"})],
    "donate": [Verb("TransferMoney", "giver", None, {"to": "recipient"})],
    "merge": [Verb("MergeOrg", "agent", "org", {"with": "org"})],
    "found": [Verb("StartOrg", "agent", "org")], "establish": [Verb("StartOrg", "agent", "org")],
    "bear": [Verb("BeBorn", None, "person")],
    "marry": [Verb("Marry", "person", "person")], "divorce": [Verb("Divorce", "person", "person")],
    "meet": [Verb("Meet", "entity", "entity", {"with": "entity"})],
    "protest": [Verb("Demonstrate", "entity", None)], "demonstrate": [Verb("Demonstrate", "entity", None)],
}

NOUNS: dict[str, list[Noun]] = {
    "attack": [Noun("Attack", {"on": "target", "against": "target", "by": "attacker", "poss": "attacker"}, agent="attacker")],
    "stabbing": [Noun("Attack", {"of": "target", "by": "attacker"})],
    "shooting": [Noun("Attack", {"of": "target", "by": "attacker"})],
    "bombing": [Noun("Attack", {"by": "attacker", "poss": "attacker"})],
    "assault": [Noun("Attack", {"on": "target", "by": "attacker"}, agent="attacker")],
    "death": [Noun("Die", {"of": "victim", "poss": "victim"})],
    "murder": [Noun("Die", {"of": "victim", "poss": "victim", "by": "agent"})],
    "killing": [Noun("Die", {"of": "victim", "by": "agent"})],
    "arrest": [Noun("ArrestJail", {"of": "person", "poss": "person", "by": "agent"})],
    "trial": [Noun("TrialHearing", {"of": "defendant", "poss": "defendant"}, patient="defendant")],
    "hearing": [Noun("TrialHearing", {"of": "defendant", "poss": "defendant"})],
    "inquest": [Noun("TrialHearing", {}, agent="adjudicator")],
    "charge": [Noun("ChargeIndict", {"against": "defendant"}, patient="defendant")],
    "indictment": [Noun("ChargeIndict", {"against": "defendant", "poss": "defendant"}, patient="defendant")],
    "conviction": [Noun("Convict", {"poss": "defendant", "of": "defendant"})],
    "sentence": [Noun("Sentence", {"poss": "defendant"})],
    "lawsuit": [Noun("Sue", {"against": "defendant", "poss": "plaintiff"}, agent="plaintiff")],
    "action": [Noun("Sue", {"against": "defendant"}, agent="plaintiff", patient="defendant", modifier="legal")],
    "resignation": [Noun("EndPosition", {"poss": "person", "of": "person"})],
    "sacking": [Noun("EndPosition", {"poss": "person", "of": "person"})],
    "dismissal": [Noun("EndPosition", {"poss": "person", "of": "person"})],
    "email": [Noun("PhoneWrite", {"to": "entity", "from": "entity", "poss": "entity"}, agent="entity")],
    "appointment": [Noun("StartPosition", {"poss": "person", "of": "person"})],
    "merger": [Noun("MergeOrg", {"between": "org", "of": "org", "with": "org"})],
    "takeover": [Noun("TransferOwnership", {"of": "artifact", "by": "buyer"}, agent="buyer")],
    "acquisition": [Noun("TransferOwnership", {"of": "artifact", "by": "buyer"}, agent="buyer")],
    "payment": [Noun("TransferMoney", {"to": "recipient", "by": "giver"}, agent="giver")],
    "payout": [Noun("TransferMoney", {"to": "recipient", "by": "giver"}, agent="giver")],
    "protest": [Noun("Demonstrate", {"by": "entity"})], "demonstration": [Noun("Demonstrate", {"by": "entity"})],
    "conference": [Noun("Meet", {"compound": "entity", "poss": "entity"})],
    "summit": [Noun("Meet", {"compound": "entity"})], "talks": [Noun("Meet", {"between": "entity", "with": "entity"})],
}

# What can fill a role (ACE's argument types, on our three classes).
ROLE_TYPES = {
    "person": ("Person",), "victim": ("Person",), "org": ("Organization",), "entity": ("Person", "Organization", "Place"),
    "attacker": ("Person", "Organization", "Place"), "target": ("Person", "Organization", "Place"),
    "defendant": ("Person", "Organization"), "plaintiff": ("Person", "Organization"),
    "adjudicator": ("Person", "Organization"), "agent": ("Person", "Organization", "Place"),
}
JUSTICE = {"TrialHearing", "ChargeIndict", "Sue", "Convict", "Sentence", "Acquit", "Fine", "Appeal", "Pardon"}
SCHEDULED = JUSTICE | {"Elect"}  # "will stand trial" is reported as fact
MODALS = {"will", "would", "could", "might", "may", "should", "must", "can", "shall", "'ll", "'d"}
INTENT = {"try", "attempt", "plan", "want", "seek", "hope", "expect", "threaten", "aim", "fail", "refuse",
          "consider", "propose", "intend", "vow", "promise", "deny", "need", "urge", "call", "ask", "plot",
          "prepare", "decide", "agree", "demand", "work"}
LOCATIVE = {"in", "at", "near", "outside", "inside"}
LIGHT_PATIENT = {"face", "undergo", "stand", "await"}
ADJUDICATOR_HEADS = {"court", "tribunal", "coroner", "judge", "magistrate", "magistrates"}


def find_events(doc: Doc, refs: Referents, today: str | None) -> tuple[list[Event], list[Fact]]:
    """The events of a document and their facts (roles, place, date), keyed ``v0``, ``v1`` ..."""
    frames = []
    for t in doc:
        for spec in _specs(t):
            if not asserted(t, spec.event):
                continue
            frame = _Frame(spec.event, t)
            if isinstance(spec, Verb):
                _verb_roles(frame, t, spec, refs)
                if not all(r in frame.roles for r in spec.needs):
                    continue
            else:
                _noun_roles(frame, t, spec, refs)
            _place_and_date(frame, t, refs, today)
            frames.append(frame)
    return _merge(frames)


class _Frame:
    def __init__(self, event: str, trigger: Token):
        self.event, self.trigger = event, trigger
        self.roles: dict[str, list[Entity]] = {}
        self.location: Entity | None = None
        self.date: str | None = None
        self.implies: list[tuple[str, dict]] = []  # further events this one states ("shot dead": Die)
        self.age: int | None = None  # "died at 50": the victim's age

    def add(self, role: str | None, entities: list[Entity]) -> None:
        if role is None:
            return
        allowed = ROLE_TYPES.get(role, ("Person", "Organization", "Place"))
        for e in entities:
            if e.type in allowed and not any(e in v for v in self.roles.values()):
                self.roles.setdefault(role, []).append(e)

    def people(self) -> set[int]:
        core = ("person", "defendant", "victim", "target", "org", "artifact", "plaintiff")
        return {id(e) for r in core for e in self.roles.get(r, [])}


COURT_WORDS = {"court", "tribunal", "magistrates", "inquest", "hearing"}
CUSTODY = {"custody", "detention", "prison", "jail", "captivity", "hostage"}
# A frame without these roles says too little to be an event.
REQUIRED = {
    **{c: ("org",) for c in ("StartOrg", "EndOrg", "MergeOrg", "DeclareBankruptcy")},
    **{c: ("person",) for c in ("StartPosition", "EndPosition", "BeBorn")},
    "Die": ("victim",), "Injure": ("victim",),
}


def _specs(t: Token):
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and lemma == "appear":  # "X appeared at Leeds Crown Court"
        places = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "before")]
        if any(x.lower_ in COURT_WORDS for p in places for x in p.subtree):
            return [Verb("TrialHearing", "defendant", None)]
        return []
    if t.pos_ in ("VERB", "AUX") and lemma == "become":  # "X became chief conductor of Y"
        if any(c.dep_ == "attr" and is_job_noun(c) and any(p.lower_ in ("of", "at") for p in c.children)
               for c in t.children):
            return [Verb("StartPosition", "person", None)]
        return []
    if t.pos_ == "VERB" and lemma == "hold":  # "X is still being held", "held in custody"
        passive = any(c.dep_ == "auxpass" for c in t.children)
        custody = any(c.lower_ == "still" for c in t.children) or any(
            x.lower_ in CUSTODY for c in t.children if c.dep_ == "prep" for x in c.subtree)
        return [Verb("ArrestJail", "agent", "person")] if passive and custody else []
    if t.pos_ == "NOUN" or (t.tag_ == "VBG" and t.dep_ in ("pobj", "dobj", "nsubj") and any(
            c.dep_ == "poss" for c in t.children)):  # "after his sacking", tagged as a verb
        specs = NOUNS.get(lemma, []) or NOUNS.get(t.lower_, [])
        return [s for s in specs if s.modifier is None or any(c.lower_ == s.modifier for c in t.children)]
    if t.pos_ == "VERB":
        specs = next((VERBS[c] for c in _verb_lemmas(t) if c in VERBS), [])
        return [s for s in specs if s.particle is None or any(c.dep_ == "prt" and c.lower_ == s.particle for c in t.children)]
    return []


def _verb_lemmas(t: Token) -> list[str]:
    """The lemma, then guesses from the form: the lemmatiser has "fined" -> "fin"."""
    word = t.lower_
    guesses = [t.lemma_.lower(), word]
    if word.endswith("ed"):
        guesses += [word[:-1], word[:-2]]
    elif word.endswith("ing"):
        guesses += [word[:-3] + "e", word[:-3]]
    elif word.endswith("s"):
        guesses += [word[:-1]]
    return guesses


def _governing_verb(t: Token) -> Token | None:
    head = t
    for _ in range(4):
        if head.head is head:
            return None
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    return None


def asserted(t: Token, event: str) -> bool:
    """Whether the text reports the event as having happened (or as scheduled, for trials)."""
    verb = t if t.pos_ == "VERB" else _governing_verb(t)
    for v in {t, verb} - {None}:
        for c in v.children:
            if c.dep_ == "neg":
                return False
            if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS and not (event in SCHEDULED and c.lower_ in ("will", "'ll")):
                return False
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return False
    node = verb
    while node is not None and node.dep_ in ("xcomp", "advcl", "ccomp", "conj", "acl", "pcomp", "pobj", "dobj", "prep"):
        if node.dep_ in ("xcomp", "advcl") and any(c.lower_ == "if" for c in node.children):
            return False
        head = node.head
        if head.lemma_.lower() in INTENT and node.dep_ in ("xcomp", "pobj", "dobj", "pcomp", "prep"):
            return False
        if node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return False  # purpose: "to secure his release"
        node = head if head is not node else None
    return True


def _fillers(token: Token, refs: Referents) -> list[Entity]:
    """The entities a role-filling token stands for, following lists ("A, B and C").

    An apposition is followed only to another name of the same kind ("Pc Jane Roe, Polish builder
    Marek Nowicki, ..."), not to a description ("Ian Holt, the chairman of Acme,").
    """
    found = []
    stack = [token]
    seen = set()
    while stack:
        t = stack.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        e = refs.entity(t) or refs.description(t)
        if e is not None and e not in found:
            found.append(e)
        for c in t.children:
            if c.dep_ == "conj":
                stack.append(c)
            elif c.dep_ == "appos":
                other = refs.named(c)
                if e is None or (other is not None and other.type == e.type):
                    stack.append(c)
    return found


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


RELATIVE = {"who", "which", "that", "whom"}


def _subject_fillers(c: Token, t: Token, refs: Referents) -> list[Entity]:
    """A subject's entities; a relative pronoun stands for the noun its clause hangs on."""
    if c.lower_ in RELATIVE and t.dep_ == "relcl":
        head = t.head
        while head.dep_ == "conj" and head.head is not head:  # "A and B, who stepped down"
            head = head.head
        return _fillers(head, refs)
    return _fillers(c, refs)


def _headline_passive(t: Token) -> bool:
    """Headlines drop the auxiliary: "Party leader Jane Roe arrested" is passive."""
    sent = sentence_of(t)
    headline = sent.start == 0 and not sent.text.rstrip().endswith((".", "!", "?", '"'))
    return headline and t.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("aux", "dobj") for c in t.children)


def _noun_phrase_head(t: Token) -> Token:
    while t.dep_ in ("compound", "amod") and t.head is not t:
        t = t.head
    return t


def _verb_roles(frame: _Frame, t: Token, spec: Verb, refs: Referents) -> None:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) or _headline_passive(t)
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
    for c in t.children:
        if c.dep_ == "nsubj" and not passive:
            frame.add(spec.subject, _subject_fillers(c, t, refs))
        elif c.dep_ == "nsubjpass" or c.dep_ == "nsubj":  # a passive that the parser read as active
            frame.add(spec.object, _subject_fillers(c, t, refs))
        elif c.dep_ == "dobj" and not passive:
            frame.add(spec.object, _fillers(c, refs))
        elif c.dep_ == "agent" and (obj := _pobj(c)) is not None:
            frame.add(spec.subject, _fillers(obj, refs))
        elif c.dep_ == "prep" and c.lower_ in spec.preps and (obj := _pobj(c)) is not None:
            frame.add(spec.preps[c.lower_], _fillers(obj, refs))
    if t.dep_ in ("acl", "amod") and not has_subject:
        # "the man arrested yesterday", "Acme's newly-appointed chief executive X"
        head = _noun_phrase_head(t.head)
        frame.add(spec.object, _fillers(head, refs))
        for c in head.children:
            if c.dep_ == "poss" and "entity" in (spec.subject, *spec.preps.values()):
                frame.add("entity", [e for e in _fillers(c, refs) if e.type == "Organization"])
    elif not has_subject and t.tag_ in ("VBD", "VBZ", "VBP") and t.i > sentence_of(t).start:
        # the parser lost the subject in a coordination: "Acme's chairman and chief executive X resigned"
        before = t.doc[t.i - 1]
        if before.pos_ == "PROPN" and refs.named(before) is not None:
            frame.add(spec.subject, [refs.named(before)])
    shared = None
    if t.dep_ == "conj" and not has_subject:
        shared = t.head  # "X ploughed into ... and was shot dead": the subject is shared
    elif t.dep_ == "pcomp" and t.head.dep_ == "prep" and not has_subject and t.tag_ == "VBG":
        shared = t.head.head  # "X ploughed ... before stabbing Y": the main clause's subject acts
    if shared is not None:
        for c in shared.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                frame.add(spec.object if passive else spec.subject, _fillers(c, refs))
    for c in t.children:
        if c.dep_ == "attr" and spec.event == "StartPosition":  # "became chief conductor of the Bergen Opera"
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in ("of", "at") and (obj := _pobj(p)) is not None:
                    frame.add("entity", [e for e in _fillers(obj, refs) if e.type == "Organization"])
    if spec.event == "Die":
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "at" and (obj := _pobj(c)) is not None and obj.text.isdigit() \
                    and 0 < int(obj.text) < 120:
                frame.age = int(obj.text)
    if spec.event == "Attack" and any(c.lower_ == "dead" for c in t.children):
        # "shot dead": the target died too
        frame.implies.append(("Die", {"victim": frame.roles.get("target", []), "agent": frame.roles.get("attacker", [])}))


def _noun_roles(frame: _Frame, t: Token, spec: Noun, refs: Referents) -> None:
    preps = [c for c in t.children if c.dep_ == "prep"]
    for p in list(preps):  # "a lawsuit for defamation against X": one level further down
        if (obj := _pobj(p)) is not None and p.lower_ not in spec.preps:
            preps += [c for c in obj.children if c.dep_ == "prep" and c.lower_ in spec.preps]
    for c in preps:
        if c.lower_ in spec.preps and (obj := _pobj(c)) is not None:
            frame.add(spec.preps[c.lower_], _fillers(obj, refs))
    for c in t.children:
        if c.dep_ == "prep":
            continue
        elif c.dep_ == "poss" and "poss" in spec.preps:
            frame.add(spec.preps["poss"], _fillers(c, refs))
        elif c.dep_ == "compound" and "compound" in spec.preps:
            frame.add(spec.preps["compound"], _fillers(c, refs))
    if t.dep_ in ("dobj", "pobj", "attr") and (verb := _governing_verb(t)) is not None:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        role = spec.patient if verb.lemma_.lower() in LIGHT_PATIENT else spec.agent
        for s in subjects:
            frame.add(role, _fillers(s, refs))
    if spec.event == "TrialHearing" and t.head.lower_ in ("at", "during", "in") and (verb := _governing_verb(t)) is not None:
        for c in verb.children:  # "Chief coroner X found ... at an inquest"
            if c.dep_ == "nsubj" and spec.agent:
                frame.add(spec.agent, [e for e in _fillers(c, refs) if e.type == "Person"])


def _place_and_date(frame: _Frame, t: Token, refs: Referents, today: str | None) -> None:
    anchors = [t]
    verb = _governing_verb(t) if t.pos_ != "VERB" else None
    if verb is not None:
        anchors.append(verb)
    anchors += [c for c in t.children if c.dep_ == "acl"]  # "her lawsuit, filed in the Kelby County Court"
    for c in t.children:  # "sentenced by a military court in the Tabriz area"
        obj = _pobj(c) if c.dep_ == "agent" else None
        if obj is not None:
            anchors.append(obj)
    for anchor in anchors:
        for c in anchor.children:
            if c.dep_ == "prep" and c.lower_ in LOCATIVE and (obj := _pobj(c)) is not None:
                for tok in obj.subtree:
                    e = refs.named(tok)
                    if e is None:
                        continue
                    if e.type == "Place" and frame.location is None:
                        frame.location = e
                    elif e.type == "Organization" and frame.event in JUSTICE and \
                            e.name.split()[-1].lower() in ADJUDICATOR_HEADS:
                        frame.add("adjudicator", [e])
                    break
        if frame.date is None:
            frame.date = _date_of(anchor, today)


def _date_of(anchor: Token, today: str | None) -> str | None:
    """A date phrase attached to the anchor: "on March 22 2017", "in October 2018", "last month"."""
    for c in anchor.children:
        tokens = None
        if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "advmod", "nmod"):
            tokens = c
        elif c.dep_ == "prep" and c.lower_ in ("on", "in", "during", "since") and (obj := _pobj(c)) is not None \
                and obj.ent_type_ == "DATE":
            tokens = obj
        if tokens is not None:
            text = " ".join(x.text for x in tokens.subtree if x.ent_type_ == "DATE")
            value = normalise_date(text, today)
            if value:
                return value
    return None


# How an event is named: the words before its main participants, and the role they fill.
NAMES = {
    "Attack": ("attack on", "target"), "Die": ("death of", "victim"), "Injure": ("injury to", "victim"),
    "ArrestJail": ("arrest of", "person"), "ReleaseParole": ("release of", "person"),
    "TrialHearing": ("trial of", "defendant"), "ChargeIndict": ("charges against", "defendant"),
    "Sue": ("lawsuit against", "defendant"), "Convict": ("conviction of", "defendant"),
    "Sentence": ("sentencing of", "defendant"), "Acquit": ("acquittal of", "defendant"),
    "Appeal": ("appeal by", "defendant"), "Pardon": ("pardon of", "defendant"), "Fine": ("fine on", "entity"),
    "Execute": ("execution of", "person"), "Extradite": ("extradition of", "person"),
    "StartPosition": ("appointment of", "person"), "EndPosition": ("departure of", "person"),
    "Elect": ("election of", "person"), "Nominate": ("nomination of", "person"),
    "TransferOwnership": ("purchase of", "artifact"), "TransferMoney": ("payment to", "recipient"),
    "MergeOrg": ("merger of", "org"), "StartOrg": ("founding of", "org"), "EndOrg": ("end of", "org"),
    "DeclareBankruptcy": ("bankruptcy of", "org"), "BeBorn": ("birth of", "person"),
    "Marry": ("marriage of", "person"), "Divorce": ("divorce of", "person"), "Meet": ("meeting of", "entity"),
    "PhoneWrite": ("communication between", "entity"), "Demonstrate": ("protest by", "entity"),
    "Transport": ("journey of", "artifact"),
}


def event_name(kind: str, frames: list[_Frame]) -> str:
    """"Arrest of Jane Roe (2024-04-14)", or the class in words when no participant is named."""
    words, role = NAMES[kind]
    who = []
    for f in frames:
        who += [e.name for e in f.roles.get(role, []) if e.name not in who]
    date = next((f.date for f in frames if f.date), None)
    text = f"{words} {' and '.join(who)}" if who else words.split()[0]
    text = text[0].upper() + text[1:]
    return f"{text} ({date})" if date else text


def _merge(frames: list[_Frame]) -> tuple[list[Event], list[Fact]]:
    """One event per class and happening: frames merge unless their people or dates differ."""
    for old in list(frames):
        for event, roles in old.implies:
            new = _Frame(event, old.trigger)
            for role, entities in roles.items():
                new.add(role, entities)
            new.location, new.date = old.location, old.date
            frames.append(new)
    frames = [f for f in frames if (f.roles or f.location) and all(r in f.roles for r in REQUIRED.get(f.event, ()))]
    groups: list[list[_Frame]] = []
    for f in frames:
        for g in groups:
            if g[0].event != f.event:
                continue
            people = set().union(*(x.people() for x in g))
            dates = {x.date for x in g} - {None}
            if (people and f.people() and not (people & f.people())) or (f.date and dates and f.date not in dates):
                continue
            g.append(f)
            break
        else:
            groups.append([f])
    events, facts = [], []
    for n, g in enumerate(groups):
        first = g[0]
        key = f"v{n}"
        sent = sentence_of(first.trigger)
        events.append(Event(type=first.event, key=key, name=event_name(first.event, g),
                            trigger=Span(first.trigger.idx, first.trigger.idx + len(first.trigger.text)),
                            sentence=Span(sent.start_char, sent.end_char)))
        for f in g:
            s = sentence_of(f.trigger)
            evidence = Span(s.start_char, s.end_char)
            for role, entities in f.roles.items():
                for e in entities:
                    facts.append(Fact(key, role, e.key, False, 0.6, evidence))
            if f.location is not None:
                facts.append(Fact(key, "location", f.location.key, False, 0.55, evidence))
            if f.date is not None:
                facts.append(Fact(key, "startDate", f.date, True, 0.6, evidence))
            if f.age is not None:
                for e in f.roles.get("victim", []):
                    facts.append(Fact(e.key, "age", f.age, True, 0.7, evidence))
    return events, facts
