"""ACE 2005 events from their trigger words, with participants, place and date.

A trigger is a verb or noun lemma of the tables below. Its participants come
from the parse: for a verb, the subject and object (a passive subject is the
object; "by X" is the subject) and some prepositions; for a noun, its
prepositions ("the attack on X", "the trial of X"), its possessor, an
organisation modifying it ("the party conference") and the subject of the verb
that governs it ("X filed a lawsuit"; "X faces legal action" makes X the
defendant). Lists ("A, B and C were killed") give every member; pronouns and
descriptions go through ``Referents``.

Each event says whether the text reports it as having happened (``factuality``, the contract's
kgo:factuality): ``Negated`` ("did not resign", "denied that talks took place", "failed to buy"),
``Planned`` ("will stand trial", "is due to appear", "plans to buy"), ``Possible`` ("could face",
"would buy", "if convicted", "tried to merge", "called for his release"), ``Alleged`` ("allegedly",
"the alleged attack", "accused of killing") or ``Asserted``. Only asserted and alleged events are claims
that it happened; the others are kept, marked, so a user can see what is to come or was denied.

Where: a place named in a locative phrase of the trigger ("in Madrid", "at a
London hospice"); a court there is the adjudicator of a justice event.
When: a date attached to the trigger, normalised by ``kg.extract.dates``.
Mentions of one class whose people do not conflict are one event.

The classes, their roles and triggers are data: ``ontology/events.toml``. Each event and role fact
records its trigger's rule (``event.verb:arrest``, ``event.noun:trial``, or one of the special frames).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..lang.en import KIN_WORDS, MONEY_NOUNS, PARTY_WORDS, VIOLENCE_CUES, is_job_noun
from ..records import Entity, Event, Fact, Span
from ..vocab import EVENTS
from .coref import Referents
from .dates import normalise_date
from .quotes import MIN_WORDS, quote_spans
from .rules import confidence
from .state import State, text_of


@dataclass(frozen=True)
class Verb:
    event: str
    subject: str | None  # role of the active subject (and of "by X" in the passive)
    object: str | None  # role of the object (and of the passive subject)
    preps: dict = field(default_factory=dict)  # preposition -> role
    particle: str | None = None  # "step down": the particle the verb needs
    needs: tuple = ()  # roles without which this trigger is no event ("join" needs an employer)
    money_object: bool = False  # an object, if any, must be money ("paid tribute" is no payment)
    cue: str | None = None  # a word list of kg.lang.en one of whose words the sentence must hold
    not_objects: frozenset = frozenset()  # objects that make it no event ("met his target")
    intransitive: bool = False  # with an object or a that-clause it is no event ("demonstrated that")
    person_object: bool = False  # it needs an object that is a person ("replaced him", not "replacing the exams")


@dataclass(frozen=True)
class Noun:
    event: str
    preps: dict = field(default_factory=dict)  # preposition (or "poss", "compound") -> role
    agent: str | None = None  # role of the subject of the verb that governs the noun
    patient: str | None = None  # role of that subject after "face", "undergo", "stand"
    modifier: str | None = None  # "legal action": the modifier the noun needs
    cue: str | None = None  # as for Verb
    not_after: frozenset = frozenset()  # modifiers that make it no event ("press conference")
    not_in: bool = False  # after a bare "in" it says why, not what was held ("in protest at ...")


def _triggers() -> tuple[dict[str, list[Verb]], dict[str, list[Noun]]]:
    """Lemma -> the verb and noun frames of ``ontology/events.toml`` (classes in the file's order)."""
    verbs: dict[str, list[Verb]] = {}
    nouns: dict[str, list[Noun]] = {}
    for c in EVENTS.values():
        for v in c.verbs:
            spec = Verb(c.name, v.get("subject"), v.get("object"), {p: r or None for p, r in v.get("preps", {}).items()},
                        v.get("particle"), tuple(v.get("needs", ())), v.get("money_object", False), v.get("cue"),
                        frozenset(v.get("not_objects", "").split()), v.get("intransitive", False),
                        v.get("person_object", False))
            for lemma in v["lemmas"].split():
                verbs.setdefault(lemma, []).append(spec)
        for n in c.nouns:
            spec = Noun(c.name, dict(n.get("preps", {})), n.get("agent"), n.get("patient"), n.get("modifier"), n.get("cue"),
                        frozenset(n.get("not_after", "").split()), n.get("not_in", False))
            for lemma in n["lemmas"].split():
                nouns.setdefault(lemma, []).append(spec)
    return verbs, nouns


VERBS, NOUNS = _triggers()

GATHERINGS = {"Meet", "PhoneWrite"}  # events whose people are all alike (no one agent): one shared is not enough
MEMBERSHIP_VERBS = {"join", "rejoin", "leave", "quit", "defect", "resign"}  # with a party: a membership, no post
JUSTICE = {name for name, c in EVENTS.items() if "adjudicator" in c.roles}  # events before a court
FUTURE = {"will", "shall", "'ll"}
MODALS = {"would", "could", "might", "may", "should", "must", "can", "'d"}
# verbs that govern an event they do not report as done: the event is planned, possible or did not happen
PLAN = {"plan", "expect", "schedule", "prepare", "decide", "agree", "intend", "set", "due", "go"}
NOT_DONE = {"deny", "fail", "refuse", "reject", "avoid", "escape", "without", "cancel", "postpone", "boycott", "abandon"}
UNDONE = {"outstanding", "unpaid", "overdue"}  # "outstanding payments" have not been made
TO_COME = {"proposed", "planned", "future", "prospective", "forthcoming", "upcoming", "scheduled", "next"}
# words that govern an event they do not report as done ("tried to buy", "interested in letting him join", "his
# ambitions to replace X", "the decision to hold"); not "face": "X faces charges" reports charges brought
INTENT = {"try", "attempt", "want", "seek", "hope", "threaten", "aim", "consider", "propose", "vow", "promise",
          "need", "urge", "call", "ask", "plot", "demand", "work", "push", "fight", "campaign", "bid", "offer", "risk",
          "interested", "keen", "ready", "willing", "eager", "ambition", "effort", "desire", "intention", "pressure",
          "chance", "threat", "proposal", "decision", "prospect", "likelihood", "possibility", "talk", "speculation",
          "rumour", "wish", "right", "likely", "unlikely", "able", "allow", "permit"}
# words that propose what they govern when it is a verb ("recommended replacing X", "challenged X to stand down"),
# not a noun ("challenged his dismissal", "recommended changes after the death of X": those happened)
PROPOSE = {"recommend", "suggest", "advocate", "challenge", "dare"}
ALLEGED = {"allegedly", "alleged", "allege", "reportedly", "suspected", "suspect", "accused", "accuse", "purported",
           "purportedly", "claim"}  # "reports have claimed X chaired a meeting"
# what an author or a document tells is its claim: "the book says X met Y", "a leaked memo said ..."
# (not "a police report says", "the biography tells how": a record, not a claim)
HEARSAY = {"book", "memoir", "memoirs", "dossier", "reports", "rumour", "rumours", "allegation", "allegations", "tabloid"}
PERSON_PRONOUNS = {"him", "her", "them", "me", "you", "us", "himself", "herself", "whom"}
PERSON_WORDS = set(KIN_WORDS) | {"man", "woman", "incumbent", "veteran", "predecessor", "successor", "favourite", "favorite"}
SAYING = {"say", "suggest", "claim", "state"}
ARRIVING = {"arrive", "travel", "fly", "head", "leave", "set", "go", "come", "prepare", "gather"}
BEGINNING = {"begin", "start", "open", "resume", "convene"}
OBJECT_CONTROL = {"force", "ask", "persuade", "urge", "order", "tell", "allow", "hire", "want", "expect", "help",
                  "invite", "encourage", "require", "compel", "pressure", "press", "appoint", "choose", "elect",
                  "select", "instruct", "advise", "permit", "enable", "get", "convince", "lead", "pay"}
QUANTITIES = {"all", "most", "some", "many", "none", "each", "both", "half", "any", "few", "several", "one"}  # "all of"
LOCATIVE = {"in", "at", "near", "outside", "inside"}
CUES = {"violence": VIOLENCE_CUES}
LIGHT_PATIENT = {"face", "undergo", "stand", "await", "pay", "receive", "get"}  # "X faces trial", "X paid a fine"
ADJUDICATOR_HEADS = {"court", "tribunal", "coroner", "judge", "magistrate", "magistrates"}


def run(state: State) -> None:
    """The stage: ``state.events`` and their facts (roles, place, date) added to ``state.facts``."""
    found = state.run("event", find_events, state.doc, state.refs, state.date)
    if found:
        state.events, facts = found
        state.facts += facts


def find_events(doc: Doc, refs: Referents, today: str | None) -> tuple[list[Event], list[Fact]]:
    """The events of a document and their facts (roles, place, date), keyed ``v0``, ``v1`` ..."""
    frames = []
    text = text_of(doc)
    quoted = [(s, e) for s, e, _ in quote_spans(text) if len(text[s:e].split()) >= MIN_WORDS]  # not scare quotes
    for t in doc:
        specs = _specs(t)
        if specs and t.text[:1].isupper() and not t.is_upper and not t.is_sent_start and _after_a_word(t):
            continue  # "a report, Counting the Cost", "the film Trial by Fire": a capital inside a sentence makes a title
        for spec, rule in specs:
            if spec.cue and not _has_cue(t, spec.cue):
                continue  # "attacked the decision", "an explosion of quangos", "shot basketball hoops"
            frame = _Frame(spec.event, t, rule)
            frame.factuality = factuality(t)
            if EVENTS[spec.event].type == "Personnel":
                frame.post = _post(t)
            frame.vague = spec.cue is not None  # a word that is often no attack needs more to go on
            if isinstance(spec, Verb):
                if spec.money_object and not _money_or_none(t):
                    continue
                if spec.event in GATHERINGS and _crowd_object(t):
                    continue  # "meeting many people across the country": no one gathering
                if spec.person_object and not _person_object(t, refs):
                    continue
                _verb_roles(frame, t, spec, refs)
                if not all(r in frame.roles for r in spec.needs):
                    continue
                if t.lemma_.lower() in MEMBERSHIP_VERBS and frame.post is None and frame.roles.get("entity") \
                        and all(map(_is_party, frame.roles["entity"])):
                    continue  # "quit the Kelby Party", "joined the Greens": a membership, no post
            else:
                _noun_roles(frame, t, spec, refs)
            _place_and_date(frame, t, refs, today)
            if frame.factuality == "Asserted" and frame.date and today and frame.date[:len(today)] > today[:len(frame.date)]:
                frame.factuality = "Planned"  # dated after the article: "the summit begins on 16 December"
            inside = next(((s, e) for s, e in quoted if s <= t.idx < e), None)
            if inside is not None:  # in a quotation its speaker's words: no participant from outside them
                frame.keep_within(*inside)
            frames.append(frame)
    return _merge(frames)


class _Frame:
    def __init__(self, event: str, trigger: Token, rule: str):
        self.event, self.trigger, self.rule = event, trigger, rule
        self.types = EVENTS[event].roles
        self.roles: dict[str, list[Entity]] = {}
        self.locations: list[Entity] = []  # where: the place named first, then the places it is said to be in
        self.date: str | None = None
        self.implies: list[tuple[str, dict]] = []  # further events this one states ("shot dead": Die)
        self.age: int | None = None  # "died at 50": the victim's age
        self.factuality = "Asserted"
        self.vague = False
        self.post: str | None = None  # the job a personnel event is about: "became a clerk", "resigned as chairman"

    def add(self, role: str | None, entities: list[Entity]) -> None:
        if role is None:
            return
        allowed = self.types.get(role, ())
        for e in entities:
            if e.type in allowed and not any(e in v for v in self.roles.values()):
                self.roles.setdefault(role, []).append(e)

    def keep_within(self, start: int, end: int) -> None:
        """Only the participants and places named between characters ``start`` and ``end``."""
        def inside(e: Entity) -> bool:
            return any(start <= m.span.start < end for m in e.mentions)
        self.roles = {r: kept for r, es in self.roles.items() if (kept := [e for e in es if inside(e)])}
        self.locations = [e for e in self.locations if inside(e)]

    def people(self) -> set[int]:
        core = ("person", "defendant", "victim", "target", "org", "artifact", "plaintiff")
        if self.event in GATHERINGS:
            core += ("entity",)  # who met or spoke
        return {id(e) for r in core for e in self.roles.get(r, [])}


COURT_WORDS = {"court", "tribunal", "magistrates", "inquest", "hearing"}
CUSTODY = {"custody", "detention", "prison", "jail", "captivity", "hostage"}


def _is_party(e: Entity) -> bool:
    """A political party, by any of its names: "the Kelby Party", "Labour", "KIP" for the "Kelby Independence
    Party"."""
    names = (n.lower().split() for n in [e.name, *e.aliases])
    return e.type == "Organization" and any(words[-1] == "party" or all(w in PARTY_WORDS for w in words) for words in names)


def _crowd_object(t: Token) -> bool:
    """The verb's object is people at large: "met many people", "meeting voters", "met the public"."""
    for obj in (c for c in t.children if c.dep_ == "dobj"):
        if obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return False
        if obj.tag_ == "NNS" and any(c.lower_ in ("many", "countless") for c in obj.children if c.i < obj.i) \
                or obj.lemma_.lower() in ("people", "voter", "public"):
            return True
    return False


def _after_a_word(t: Token) -> bool:
    """``t`` follows a word or a comma of the running text (not a quotation mark, a colon or a bracket)."""
    before = t.doc[t.i - 1] if t.i > 0 else None
    return before is not None and (not before.is_punct or before.text == ",")


def _specs(t: Token) -> list[tuple[Verb | Noun, str]]:
    """The frames a token triggers, each with its rule."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and lemma == "appear":  # "X appeared at Leeds Crown Court"
        places = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "in", "before")]
        if any(x.lower_ in COURT_WORDS for p in places for x in p.subtree):
            return [(Verb("TrialHearing", "defendant", None), "event.appear-in-court")]
        return []
    if t.pos_ in ("VERB", "AUX") and lemma == "become":  # "X became chief conductor of Y"
        if any(c.dep_ == "attr" and is_job_noun(c) and any(p.lower_ in ("of", "at") for p in c.children)
               and not any(m.lower_.startswith(("longest", "oldest", "youngest")) or "serving" in m.lower_
                           for m in c.subtree if m.i < c.i)  # "became the longest-serving chancellor": a record
               for c in t.children):
            return [(Verb("StartPosition", "person", None), "event.become-post")]
        return []
    if t.pos_ == "VERB" and lemma == "find" and any(c.lower_ == "guilty" for c in t.children):
        return [(Verb("Convict", "adjudicator", "defendant"), "event.found-guilty")]  # "X was found guilty"
    if t.pos_ == "VERB" and lemma == "find" and any(c.lower_ == "dead" for c in t.children):
        return [(Verb("Die", None, "victim"), "event.found-dead")]  # "X was found dead", "found him dead"
    if t.pos_ == "VERB" and lemma == "blow" and any(c.lower_ == "up" for c in t.children):
        return [(Verb("Attack", "attacker", None), "event.blew-up")]  # "a bomber blew himself up"
    if t.pos_ == "VERB" and lemma == "hold":  # "X is still being held", "held in custody"
        passive = any(c.dep_ == "auxpass" for c in t.children)
        custody = any(c.lower_ == "still" for c in t.children) or any(
            x.lower_ in CUSTODY for c in t.children if c.dep_ == "prep" for x in c.subtree)
        return [(Verb("ArrestJail", "agent", "person"), "event.held-in-custody")] if passive and custody else []
    if t.pos_ == "NOUN" or (t.tag_ == "VBG" and t.dep_ in ("pobj", "dobj", "nsubj") and any(
            c.dep_ == "poss" for c in t.children)):  # "after his sacking", tagged as a verb
        word = lemma if lemma in NOUNS else t.lower_
        return [(s, f"event.noun:{word}") for s in NOUNS.get(word, [])
                if (s.modifier is None or any(c.lower_ == s.modifier for c in t.children))
                and not any(c.lower_ in s.not_after for c in t.children)
                and not (s.not_in and t.dep_ == "pobj" and t.head.lower_ == "in" and not any(
                    c.dep_ == "det" for c in t.children))]
    if t.pos_ == "VERB":
        word = next((c for c in _verb_lemmas(t) if c in VERBS), None)
        return [(s, f"event.verb:{word}") for s in VERBS.get(word, [])
                if (s.particle is None or any(c.dep_ == "prt" and c.lower_ == s.particle for c in t.children))
                and not any(c.dep_ == "dobj" and _object_lemmas(c) & s.not_objects for c in t.children)
                and not (s.intransitive and any(c.dep_ in ("dobj", "ccomp") for c in t.children))]
    return []


def _has_subject(verb: Token) -> bool:
    """A subject of the verb's own, or of the verbs it goes with ("marched and protested", "planned to
    protest"); not "it is easier to marry in Spain", where no one marries."""
    node = verb
    while True:
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "it" for c in node.children):
            return True
        if node.dep_ not in ("conj", "xcomp") or node.head.pos_ not in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head


def _object_lemmas(obj: Token) -> set[str]:
    """The lemma of an object, through a quantity ("met all of its promises": "promise"), and of a common
    noun before its name ("met his future wife Ann": "wife", "future_wife")."""
    if obj.lower_ in QUANTITIES:
        of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = _pobj(of) if of is not None else None
        if inner is not None:
            return {inner.lemma_.lower()}
    kinds = {obj.lemma_.lower()} | {c.lemma_.lower() for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
    if any(c.dep_ == "amod" and c.lower_ == "future" for c in obj.children):
        kinds |= {f"future_{k}" for k in kinds}  # "met his future wife": came to know her
    return kinds


def _has_cue(t: Token, cue: str) -> bool:
    """The trigger's sentence holds a word of the ``cue`` list ("violence": killed, wounded, gun ...)."""
    cues = CUES[cue]
    return any(x.lemma_.lower() in cues or x.lower_ in cues for x in t.sent if x.i != t.i)


def _money_or_none(verb: Token) -> bool:
    """The verb's object is an amount or a word for money, or it has none."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects and verb.head.lemma_ == "make" and verb.dep_ in ("ccomp", "xcomp"):
        return False  # "make Labour pay for it": to suffer, not to hand over money
    return all(o.ent_type_ == "MONEY" or o.lemma_.lower() in MONEY_NOUNS for o in objects)


def _post(t: Token) -> str | None:
    """The job a personnel trigger names ("became a clerk", "resigned as chairman", "took over as coach"), or
    the thing it leaves or takes ("quit his TV show", "resigned the party whip")."""
    for c in t.children:
        job = c if c.dep_ == "attr" else _pobj(c) if c.dep_ == "prep" and c.lower_ == "as" else None
        if job is not None and is_job_noun(job):
            return job.lemma_.lower()
        if c.dep_ == "dobj" and c.pos_ == "NOUN" and not c.ent_type_:
            return c.lemma_.lower()
    return None


def _person_object(verb: Token, refs: Referents) -> bool:
    """The verb's object (or its passive subject) is a person: a name, a personal pronoun, a word for a
    person, a job or a relative ("the incumbent", "the 64-year-old"); or the verb names the post ("replaced
    the veteran as captain")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.dep_ == "prep" and c.lower_ == "as" for x in [verb, *objects] for c in x.children):
        return True
    return any(o.pos_ == "PROPN" or o.lower_ in PERSON_PRONOUNS or is_job_noun(o) or o.lemma_.lower() in PERSON_WORDS
               or o.lower_ == "old" or any(e.type == "Person" for e in _fillers(o, refs)) for o in objects)


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


def factuality(t: Token) -> str:
    """How the text reports the event of trigger ``t``: "Asserted", "Alleged", "Negated", "Planned" or
    "Possible" (the contract's kgo:factuality), from its verb's negation, modals and mood, and the verbs
    that govern it."""
    verb = t if t.pos_ == "VERB" else _governing_verb(t)
    found = "Asserted"
    for v in {t, verb} - {None}:
        for c in v.children:
            word = c.lower_
            if c.dep_ == "neg":
                return "Negated"
            if c.dep_ in ("aux", "auxpass") and word in FUTURE:
                found = "Planned"
            elif c.dep_ in ("aux", "auxpass") and word in MODALS:
                return "Possible"
            elif c.dep_ == "mark" and word in ("if", "unless", "whether"):
                return "Possible"
            elif word in ALLEGED and c.dep_ in ("advmod", "amod", "acomp"):
                found = "Alleged"
            elif c.dep_ == "amod" and v.i == t.i and word in UNDONE:
                return "Negated"
            elif c.dep_ == "amod" and v.i == t.i and word in TO_COME:
                found = "Planned"
    k = t.i - 1
    while k > t.sent.start and t.doc[k].dep_ in ("aux", "auxpass") and t.doc[k].head.i == t.i:
        k -= 1  # "rather than be sacked": back over the auxiliaries
    if k > t.sent.start and (t.doc[k - 1].lower_, t.doc[k].lower_) in (("rather", "than"), ("instead", "of")):
        return "Negated"  # "allowed to resign rather than be sacked" (not "police rather than soldiers attacked")
    if t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and (
            t.dep_ == "ROOT" or t.dep_ == "xcomp" and t.head.lemma_ == "be"):
        return "Planned"  # "Hale to step down at election", "X is to step down"
    if t.head.lower_ == "of" and t.head.head.lower_ == "ahead":
        return "Planned"  # "ahead of an EU summit"
    if t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lemma_ in ARRIVING:
        return "Planned"  # "arrives in Kelbania for a summit", "flew in for talks": the purpose of the journey
    if t.pos_ == "NOUN" and t.dep_ == "nsubj" and t.head.lemma_ in BEGINNING and t.head.tag_ in ("VBZ", "VBP") \
            and any(c.ent_type_ == "DATE" for c in t.head.subtree if c.i > t.head.i):
        return "Planned"  # "the summit begins on 16 December": a timetable"
    if t.pos_ == "NOUN" and any(c.dep_ in ("poss", "npadvmod") and any(x.lower_ == "next" for x in c.children)
                                for c in t.children):
        return "Planned"  # "next week's summit", "the talks next week"
    if t.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'s", "'re") for c in t.children) \
            and _to_come(t.sent):
        return "Planned"  # "X is meeting officials this week": to come, not yet done (not "are protesting")
    if t.tag_ == "VB" and t.dep_ == "ROOT" and not any(c.dep_ in ("nsubj", "aux", "mark") for c in t.children):
        return "Possible"  # the imperative: "Recruit the right people, Robert, and ..." asks, it does not report
    node = t  # up from the trigger: "called for the release of X", "tried to buy X", "would be happy to meet"
    while node is not None and node.dep_ in ("xcomp", "advcl", "ccomp", "conj", "acl", "pcomp", "pobj", "dobj", "prep",
                                             "acomp", "nsubj", "nsubjpass", "csubj", "csubjpass"):
        if node.dep_ in ("xcomp", "acomp") and any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.head.children):
            return "Possible"
        if node.dep_ in ("xcomp", "advcl") and any(c.lower_ == "if" for c in node.children):
            return "Possible"
        head = node.head
        lemmas = set(_verb_lemmas(head))  # (the lemmatiser has "hoped" -> "hop")
        if node.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass"):  # "replacing him would not bring ..."
            if any(c.dep_ == "neg" for c in head.children):
                return "Negated"
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in head.children) or lemmas & PLAN:
                return "Planned" if lemmas & PLAN else "Possible"
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE for c in head.children):
                return "Planned"  # "meetings will be held on Wednesday"
            break
        if node.dep_ in ("xcomp", "pobj", "dobj", "pcomp", "prep", "ccomp", "acl"):
            if lemmas & NOT_DONE or (node.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)):
                return "Negated"
            if node.dep_ == "ccomp" and lemmas & SAYING and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in HEARSAY for c in head.children):
                return "Alleged"
            if lemmas & ALLEGED:  # "accused of killing", "suspected of fraud"
                return "Alleged"
            # not a that-clause ("hoped that X had met"), but an infinitive the parser calls one ("asked X to go")
            to_do = node.dep_ != "ccomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
            if (lemmas & INTENT or lemmas & PROPOSE and node.pos_ in ("VERB", "AUX")) and to_do:
                return "Possible"
            if lemmas & PLAN and to_do:
                return "Planned"
        if node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return "Possible"  # purpose: "to secure his release"
        node = head if head is not node else None
    return found


def _to_come(sent) -> bool:
    """The sentence speaks of a time to come: "tomorrow", "next week", "later", "this week"."""
    words = [t.lower_ for t in sent]
    return any(w in ("tomorrow", "tonight", "next", "later") or w == "this" and after in ("week", "weekend", "month")
               for w, after in zip(words, words[1:] + [""]))


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
        e = refs.entity(t, sure=True) or refs.description(t)
        if e is not None and e not in found:
            found.append(e)
        for c in t.children:
            if c.dep_ == "conj":
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ == "including" and (obj := _pobj(c)) is not None:
                stack.append(obj)  # "leftists were arrested, including A, B and C"
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


def _lost_subject(t: Token) -> Token | None:
    """The subject the parser hung elsewhere, right before the verb's auxiliary: in "X was chosen after the
    candidate, Y, was sacked" "sacked" is read as a conjunct of "chosen", yet "was" follows Y, its subject."""
    aux = next((c for c in t.children if c.dep_ in ("aux", "auxpass") and c.i < t.i), None)
    if aux is None or t.dep_ != "conj":
        return None
    k = aux.i - 1
    while k > t.head.i and t.doc[k].is_punct:
        k -= 1
    before = t.doc[k]
    if k > t.head.i and before.pos_ in ("NOUN", "PROPN", "PRON") and before.head.i != t.i \
            and before.dep_ not in ("pobj", "npadvmod", "dobj") and not before.ent_type_ in ("DATE", "TIME") \
            and not any(x.dep_ == "cc" or x.lower_ in ("and", "but", "or") for x in t.doc[k:aux.i]):
        return before
    return None


def _controller(t: Token) -> Token | None:
    """Who does what an infinitive says: the object of a verb that makes its object act ("forced X to
    resign"), else the subject of the verb above ("X plans to buy Y", "X is to buy Y", "X was asked to quit";
    "X beat Y to buy Z", "X promised Y to resign": X)."""
    node = t
    while node.dep_ == "xcomp" and node.head.i != node.i:
        head = node.head
        made = next((c for c in head.children if c.dep_ == "dobj"), None) if head.lemma_ in OBJECT_CONTROL else None
        found = made or next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None:
            return None if found.lower_ in ("it", "there") or found.tag_ == "WDT" else found
        node = head
    return None


def _headline_passive(t: Token) -> bool:
    """Headlines drop the auxiliary: "Party leader Jane Roe arrested" is passive."""
    sent = t.sent
    headline = sent.start == 0 and not sent.text.rstrip().endswith((".", "!", "?", '"'))
    return headline and t.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("aux", "dobj") for c in t.children)


def _noun_phrase_head(t: Token) -> Token:
    while t.dep_ in ("compound", "amod") and t.head is not t:
        t = t.head
    return t


def _verb_roles(frame: _Frame, t: Token, spec: Verb, refs: Referents) -> None:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) or _headline_passive(t)
    subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    has_subject = bool(subjects)
    # one clause, one subject: of two the parser gave it across an "after", "when" ..., the nearest before the
    # verb ("X, on his first day after Y was sacked, admitted": Y was sacked; not "A, 81, and B, 19, died")
    marks = [c.i for c in t.children if c.dep_ == "mark"]
    nearest = max((c for c in subjects if c.i < t.i), key=lambda c: c.i, default=None)
    subjects = [c for c in subjects if nearest is None or not any(c.i < m < nearest.i for m in marks)]
    lost = None if has_subject else _lost_subject(t) or _controller(t)
    if lost is not None and (found := _fillers(lost, refs)):
        frame.add(spec.object if passive else spec.subject, found)
    else:
        lost = None
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass") and all(c.i != x.i for x in subjects):
            continue
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
        elif c.dep_ == "prep" and c.lower_ == "including" and (obj := _pobj(c)) is not None:
            frame.add(spec.object, _fillers(obj, refs))  # "several people were arrested, including A and B"
    if t.dep_ in ("acl", "amod") and not has_subject:
        # "the man arrested yesterday", "Acme's newly-appointed chief executive X"
        head = _noun_phrase_head(t.head)
        frame.add(spec.object, _fillers(head, refs))
        for c in head.children:
            if c.dep_ == "poss" and "entity" in (spec.subject, *spec.preps.values()):
                frame.add("entity", [e for e in _fillers(c, refs) if e.type == "Organization"])
    elif not has_subject and t.tag_ in ("VBD", "VBZ", "VBP") and t.i > t.sent.start:
        # the parser lost the subject in a coordination: "Acme's chairman and chief executive X resigned"
        before = t.doc[t.i - 1]
        if before.pos_ == "PROPN" and refs.named(before) is not None:
            frame.add(spec.subject, [refs.named(before)])
    shared = None
    if t.dep_ == "conj" and not has_subject and lost is None:
        shared = t.head  # "X ploughed into ... and was shot dead": the subject is shared
    elif t.dep_ == "pcomp" and t.head.dep_ == "prep" and not has_subject and t.tag_ == "VBG":
        shared = t.head.head  # "X ploughed ... before stabbing Y": the main clause's subject acts
    elif t.dep_ == "advcl" and not has_subject and t.tag_ == "VBG":
        shared = t.head  # "X launched attacks across the city, killing 130 people"
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
    of_filled = any(c.dep_ == "prep" and c.lower_ == "of" and spec.preps.get("of") == spec.preps.get("poss")
                    and _pobj(c) is not None and _fillers(_pobj(c), refs) for c in t.children)
    for c in t.children:
        if c.dep_ not in ("poss", "compound") or c.dep_ not in spec.preps:
            continue
        fillers = _fillers(c, refs)
        frame.locations += [e for e in fillers if e.type == "Place" and e not in frame.locations]  # "a Brussels summit"
        role = spec.preps[c.dep_]
        if c.dep_ == "poss" and of_filled:
            role = "agent" if "agent" in frame.types else None  # "Reed's appointment of Hale": Reed appoints
        frame.add(role, [e for e in fillers if e.type != "Place"])
    if t.dep_ in ("dobj", "pobj", "attr") and (verb := _governing_verb(t)) is not None:
        # the subject of the verb that governs the noun acts ("X filed a lawsuit"), unless the verb is passive
        # ("the building was shattered by an explosion": the building was not the attacker)
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
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
                first = next((e for tok in obj.subtree if (e := refs.named(tok)) is not None), None)
                if first is not None and first.type == "Organization" and frame.event in JUSTICE \
                        and first.name.split()[-1].lower() in ADJUDICATOR_HEADS:
                    frame.add("adjudicator", [first])
                # "in Camp Shorabak in Helmand Province, Afghanistan": the place and those it names it in
                for tok in _place_chain(obj):
                    e = refs.named(tok)
                    if e is not None and e.type == "Place" and e not in frame.locations:
                        frame.locations.append(e)
        if frame.date is None:
            frame.date = _date_of(anchor, today)


def _place_chain(obj: Token) -> list[Token]:
    """The object of a locative and what names the place with it: its compounds, appositions, lists and
    "in X" phrases ("Camp X in Y Province, Afghanistan"); not possessors ("in Britain's courts")."""
    chain, stack = [], [obj]
    while stack:
        t = stack.pop()
        chain.append(t)
        for c in t.children:
            if c.dep_ in ("compound", "appos", "conj", "amod", "nmod"):
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "on", "outside", "inside", "across") \
                    and (o := _pobj(c)) is not None:
                stack.append(o)  # "an attack on the market in Strasbourg"
    return chain


def _date_of(anchor: Token, today: str | None) -> str | None:
    """A date phrase attached to the anchor: "on March 22 2017", "in October 2018", "last month"; not one
    after a gerund of its own that it may belong to ("jailed for killing a man, in 1999")."""
    for c in anchor.children:
        if any(x.dep_ == "pcomp" and x.tag_ == "VBG" for x in anchor.doc[anchor.i + 1:c.i]):
            continue
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


def event_name(kind: str, frames: list[_Frame]) -> str:
    """"Arrest of Jane Roe (2024-04-14)", or the class in words when no participant is named."""
    template = EVENTS[kind].template  # "arrest of {person}"
    words, role = template.split(" {")[0], template.split("{")[1].rstrip("}")
    who = []
    for f in frames:
        who += [e.name for e in f.roles.get(role, []) if e.name not in who]
    date = next((f.date for f in frames if f.date), None)
    text = f"{words} {' and '.join(who)}" if who else words.split()[0]
    text = text[0].upper() + text[1:]
    return f"{text} ({date})" if date else text


def _unnamed_party(frame: _Frame) -> bool:
    """A gathering verb whose object is others not named: "met leaders in Kelby", "met officials"."""
    return frame.trigger.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.tag_ == "NNS" and not any(x.ent_type_ for x in c.subtree) for c in frame.trigger.children)


def _apart(told: list[Entity], new: list[Entity]) -> bool:
    """Both name places (or employers) and none in common."""
    return bool(told) and not {id(e) for e in told} & {id(e) for e in new}


def _merge(frames: list[_Frame]) -> tuple[list[Event], list[Fact]]:
    """One event per class and happening: frames merge unless their people or dates differ (a meeting's
    people must be the same or one set within the other)."""
    for old in list(frames):
        for event, roles in old.implies:
            new = _Frame(event, old.trigger, "event.shot-dead")
            for role, entities in roles.items():
                new.add(role, entities)
            new.locations, new.date = old.locations, old.date
            frames.append(new)
    # an event needs a participant or a place told by a singular noun ("an inquest at Kelby Crown Court";
    # "criminal trials in Scotland" is no event) or by a verb with a subject ("crowds protested in Kelby";
    # "it is hard to marry in Spain" is none); an "attack" or "explosion" needs a target or a place
    frames = [f for f in frames if (f.roles or (f.locations and (f.event == "Attack" or f.trigger.tag_ in ("NN", "NNP")
                                                                 or _has_subject(f.trigger))))
              and all(r in f.roles for r in EVENTS[f.event].required)
              and not (f.vague and "target" not in f.roles and not f.locations)]
    groups: list[list[_Frame]] = []
    for f in frames:
        for g in groups:
            if g[0].event != f.event or g[0].factuality != f.factuality:
                continue
            people = set().union(*(x.people() for x in g))
            dates = {x.date for x in g} - {None}
            if (people and f.people() and not (people & f.people())) or (f.date and dates and f.date not in dates):
                continue
            if f.event in GATHERINGS and people and f.people() and not (people <= f.people() or f.people() <= people):
                continue  # "X met Bush" and "X held talks with Blair": two meetings, not one of all three
            if f.event in GATHERINGS and f.locations and _apart([p for x in g for p in x.locations], f.locations):
                continue  # talks in Kelby and a meeting in Hale: two gatherings
            if f.event in GATHERINGS and (_unnamed_party(f) and people - f.people()
                                          or any(_unnamed_party(x) for x in g) and f.people() - people):
                continue  # "X held talks with Y" and "X met leaders in Kelby": others met, not Y
            if f.post and any(x.post and x.post != f.post for x in g):
                continue  # "became a clerk" and "became chancellor": two appointments
            if EVENTS[f.event].type == "Personnel" and f.roles.get("entity") \
                    and _apart([e for x in g for e in x.roles.get("entity", [])], f.roles["entity"]):
                continue  # "resigned the Kelby Party whip" and "quit his Kelby TV show": two departures
            g.append(f)
            break
        else:
            groups.append([f])
    events, facts = [], []
    for n, g in enumerate(groups):
        first = g[0]
        key = f"v{n}"
        sent = first.trigger.sent
        events.append(Event(type=first.event, key=key, name=event_name(first.event, g),
                            trigger=Span(first.trigger.idx, first.trigger.idx + len(first.trigger.text)),
                            sentence=Span(sent.start_char, sent.end_char), confidence=confidence(first.rule),
                            rule=first.rule, factuality=first.factuality))
        for f in g:
            s = f.trigger.sent
            evidence = Span(s.start_char, s.end_char)
            for role, entities in f.roles.items():
                for e in entities:
                    facts.append(Fact(key, role, e.key, False, confidence(f.rule), evidence, f.rule))
            for n, place in enumerate(f.locations):
                rule = "event.location" if n == 0 else "event.location-container"
                facts.append(Fact(key, "location", place.key, False, confidence(rule), evidence, rule))
            if f.date is not None:
                facts.append(Fact(key, "startDate", f.date, True, confidence("event.date"), evidence, "event.date"))
            if f.age is not None:
                for e in f.roles.get("victim", []):
                    facts.append(Fact(e.key, "age", f.age, True, confidence("age.died-at"), evidence, "age.died-at"))
    return events, facts
