"""Attributes and relations read from the words around a name.

People:
- age: "Jane Roe, 48," / "Jane Roe, aged 48," / "the 48-year-old" (the last person named);
- job title and employer: the words before a name ("Avonshire Police chief
  constable Jane Roe", "Acme's new chairman Bob Lee"), an apposition after it
  ("Bob Lee, chairman of Acme,"), and ranks used as titles ("Det Insp Roe");
- nationality: a demonym before the name ("Polish builder Marek Nowicki");
- where they live or come from: "Bob Lee, from Leeds,";
- family: "his widow Ann", "her daughter Amy", "Mrs Lee's son, Tom Lee".
Places: "Morley, West Kelshire" and "Lisbon's Alfama Square" (containment).

Every fact records the sentence it came from and the rule that read it (``kg.read.rules``).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lang.en import (JOB_NOUNS, KIN_WORDS, NOT_JOBS, OWNER_NOUNS, PART_OF_NOUNS, RANK_TITLES, SUFFIX_JOBS, VENUE_HEADS,
                       is_job_noun)
from ..lang.en.places import country_code, country_of_demonym
from ..link import contains
from ..records import Entity, Fact, Mention, Span
from .coref import Referents
from .rules import confidence
from .state import State, text_of

AGE_FOLLOWERS = {",", ".", ";", ")", "and", "was", "were", "is", "has", "had", "who", "said"}
LINKS = {"of", "at", "for"}


def run(state: State) -> None:
    """The stage: attributes and relations added to ``state.facts`` (and countries of demonyms to
    ``state.entities``)."""
    finder = FactFinder(state.doc, state.refs)
    for rule, method in finder.rules():
        state.run(rule, method)
    state.facts += finder.facts
    state.entities += finder.new_entities


class FactFinder:
    """Collects the facts of one document; ``new_entities`` holds the countries it adds for demonyms."""

    def __init__(self, doc: Doc, refs: Referents):
        self.doc, self.refs = doc, refs
        self.facts: list[Fact] = []
        self.new_entities: list[Entity] = []

    # --- recording ---------------------------------------------------------------------------------

    def add(self, subject: Entity, predicate: str, obj, token: Token, rule: str) -> None:
        sent = token.sent
        literal = not isinstance(obj, Entity)
        if not literal and obj is subject:
            return
        self.facts.append(Fact(subject.key, predicate, obj if literal else obj.key, literal, confidence(rule),
                               Span(sent.start_char, sent.end_char), rule))

    def country(self, token: Token) -> Entity | None:
        """The country of a demonym token, reusing the document's entity for it when there is one."""
        name = country_of_demonym(token.text)
        if name is None:
            return None
        code = country_code(name)
        for e in self.refs.entities + self.new_entities:
            if e.type == "Place" and any(country_code(m.name) == code for m in e.mentions):
                return e
        sent = token.sent
        mention = Mention(text=name, name=name, type="Place", span=Span(token.idx, token.idx + len(token.text)),
                          sentence=Span(sent.start_char, sent.end_char), votes=(("Place", 3.0),),
                          confidence=confidence("mention.demonym"), rule="mention.demonym")
        entity = Entity(type="Place", mentions=[mention], key=f"c{len(self.new_entities)}")
        self.new_entities.append(entity)
        return entity

    # --- rules ---------------------------------------------------------------------------------------

    def rules(self):
        """(rule family, method) in the order they run."""
        return [("facts.names", self.names), ("facts.clauses", self.clauses),
                ("age.description", self.aged_descriptions), ("kin.word", self.kinship),
                ("member.on-behalf", self.on_behalf), ("job.lede", self.lede),
                ("contained.gazetteer", self.known_containment)]

    def known_containment(self) -> None:
        """Places the article names together that the gazetteers put one inside the other: "Calgary" and
        "Canada", "Los Angeles" and "California" (a careful reader knows where they are)."""
        places = [e for e in self.refs.entities + self.new_entities if e.type == "Place"]
        for inner in places:
            for outer in places:
                if inner is not outer and contains(outer.name, inner.name):
                    first = inner.mentions[0]
                    token = self.doc.char_span(first.span.start, first.span.end, alignment_mode="expand")
                    if token is not None:
                        self.add(inner, "containedInPlace", outer, token[0], "contained.gazetteer")

    # --- descriptions of people in the parse: appositions, copulas, relative clauses, "as" ---------------

    def clauses(self) -> None:
        """What the parse says of each person named: "X, chairman of Acme," (apposition), "X is the
        company's chairman" (copula), "X, who heads Acme," (relative clause), "X joined as chief
        executive", "X of the Kelby Rambling Society", "X of France", "X (Germany)"."""
        done = set()
        for start, end, entity in self.refs.mention_starts:
            if entity.type != "Person":
                continue
            head = self.doc[start:end].root
            if (head.i, entity.key) in done:
                continue
            done.add((head.i, entity.key))
            listed = any(c.dep_ == "conj" for c in head.children)
            for c in head.children:
                if c.dep_ == "appos" and self.refs.named(c) is None and not (listed and c.i > head.i):
                    self.describe(entity, c, "apposition")  # (not "Nora, Ali and Guy, a singer": Guy's)
                elif c.dep_ == "relcl":
                    self.relative(entity, c)
                elif c.dep_ == "prep" and c.lower_ == "of" and (obj := _pobj(c)) is not None:
                    self.of_phrase(entity, obj)
            if end < len(self.doc) and self.doc[end].text == "(":  # "Kim Holt (Belgium)"
                inside = self.refs.named(self.doc[end + 1]) if end + 1 < len(self.doc) else None
                if inside is not None and inside.type == "Place" and _is_country(inside):
                    self.add(entity, "nationality", inside, self.doc[end + 1], "nationality.parenthesis")
            if head.dep_ in ("nsubj", "nsubjpass"):
                self.predicate(entity, head.head)

    def predicate(self, entity: Entity, verb: Token) -> None:
        """"X is (the company's) chairman", "X became chief conductor of Y", "X joined Y as chief"."""
        if verb.lemma_ in COPULAS:
            for c in verb.children:
                if c.dep_ == "attr":
                    self.describe(entity, c, "copula")
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "as" and (obj := _pobj(c)) is not None:
                self.describe(entity, obj, "as")  # "established himself as chief conductor of the Kelby Opera"

    def relative(self, entity: Entity, verb: Token) -> None:
        """"X, who is Green Party Kelby chairman,", "X, who heads Acme,", "X, who works for Acme"."""
        lemma = verb.lemma_.lower()
        if lemma in COPULAS:
            for c in verb.children:
                if c.dep_ == "attr":
                    self.describe(entity, c, "relative")
        elif lemma in HEAD_VERBS:  # "who heads the bank"
            for c in verb.children:
                org = self._org(c) if c.dep_ == "dobj" else None
                if org is not None:
                    self.add(entity, "memberOf", org, verb, "member.relative")
        elif lemma in ("work", "serve"):  # "who works for Acme", "who served at the bank"
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in ("for", "at", "with") and (obj := _pobj(c)) is not None:
                    org = self._org(obj)
                    if org is not None:
                        self.add(entity, "memberOf", org, verb, "member.relative")
        self.predicate(entity, verb)

    def of_phrase(self, entity: Entity, obj: Token) -> None:
        """"Tom Reed of the Kelby Rambling Society" (a member); "Ann Hale of France" (a national)."""
        named = self.refs.named(obj)
        if named is None:
            return
        if named.type == "Organization":
            self.add(entity, "memberOf", named, obj, "member.of")
        elif named.type == "Place" and _is_country(named):
            self.add(entity, "nationality", named, obj, "nationality.of")

    def describe(self, entity: Entity, head: Token, frame: str) -> None:
        """A noun phrase that describes a person: its job title, its organisation, its country.

        ``head`` is the phrase's head ("chairman" of "the bank's new chairman"); rules are named
        ``job.<frame>`` and ``member.<frame>``."""
        if head.pos_ not in ("NOUN", "PROPN") or not is_job_noun(head):
            return
        words, orgs = [], []
        for t in head.subtree:
            if t.i > head.i:
                break
            named = self.refs.named(t)
            if named is not None:
                if named.type == "Organization" and t.dep_ in ("compound", "poss", "nmod", "amod"):
                    orgs.append(named)  # "IPCL board member", "Acme's chief"
                elif named.type == "Place" and _is_country(named) and t.dep_ in ("compound", "amod", "nmod", "poss"):
                    self.add(entity, "nationality", named, t, f"nationality.{frame}")
                words = []
                continue
            if t.dep_ == "poss" or t.head.dep_ == "poss":  # "the company's chief": the description's organisation
                org = self._org(t)
                place = self.refs.named(t) or self.refs.linked(t, "coref.place-description")
                if org is not None:
                    orgs.append(org)
                elif place is not None and place.type == "Place" and _is_country(place):
                    self.add(entity, "nationality", place, t, f"nationality.{frame}")  # "Australia's trade minister"
                words = []
                continue
            if country_of_demonym(t.text) and t.i < head.i:
                country = self.country(t)
                if country is not None:
                    self.add(entity, "nationality", country, t, f"nationality.{frame}")
                continue
            if t.dep_ == "det" or t.lower_ in ("himself", "herself", "another", "also") or t.is_punct and t.text != "-":
                continue
            words.append(t)
        title = _job_title(words)
        if not title:
            return
        self.add(entity, "jobTitle", title, head, f"job.{frame}")
        orgs += self._orgs_after(head)
        for org in {o.key: o for o in orgs}.values():
            self.membership(entity, org, title, head, f"member.{frame}")

    def _orgs_after(self, head: Token) -> list[Entity]:
        """Organisations a job noun is "of", "at", "for", "with" or "to": "chairman of Acme", "head of
        research at Brandt Securities", "analyst at brokers Jefferies", "chairman of Spain's bank, Santander"."""
        found = []
        stack = [(head, 0)]
        while stack:
            node, depth = stack.pop()
            for c in node.children:
                if c.dep_ != "prep" or c.lower_ not in ("of", "at", "for", "with", "to") or (obj := _pobj(c)) is None:
                    continue
                org = self._org(obj)
                if org is not None:
                    found.append(org)
                elif depth < 2 and obj.text.islower():  # "head of equity research at X"
                    stack.append((obj, depth + 1))
        return found

    def _org(self, token: Token) -> Entity | None:
        """The organisation a token names or stands for: a name, "the company", "brokers Jefferies", "the
        bank, Santander", or a theatre or opera house (places that employ people)."""
        for t in (token, *[c for c in token.children if c.dep_ in ("appos", "compound")]):
            named = self.refs.named(t) or self.refs.description(t)
            if named is not None and (named.type == "Organization" or (
                    named.type == "Place" and named.name.split()[-1].lower() in VENUE_HEADS)):
                return named
        return None


    def names(self) -> None:
        """What is said right around each name."""
        for start, end, entity in self.refs.mention_starts:
            if entity.type == "Person":
                self.person(entity, start, end)
            elif entity.type == "Place":
                self.place(entity, start, end)
            else:
                self.organisation(entity, end)

    def lede(self) -> None:
        """"A Polish engineer has been jailed ... Marek Nowicki was arrested ...": a sentence about an
        unnamed "a/an <job>" followed by one whose subject is a named person describes that person."""
        sents = list(self.doc.sents)
        for here, after in zip(sents, sents[1:]):
            subject = next((t for t in here if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
            if subject is None or not is_job_noun(subject) or subject.text[:1].isupper():
                continue
            words = [t for t in subject.subtree if t.i <= subject.i]
            if not words or words[0].lower_ not in ("a", "an") or any(self.refs.named(t) for t in words):
                continue
            named = next((self.refs.named(t) for t in after if t.dep_ in ("nsubj", "nsubjpass")
                          and t.head.dep_ == "ROOT"), None)
            if named is None or named.type != "Person":
                continue
            descriptors = [t for t in words[1:] if not country_of_demonym(t.text)]
            title = _job_title(descriptors)
            if title:
                self.add(named, "jobTitle", title, after[0], "job.lede")
            for t in words[1:]:
                if country_of_demonym(t.text) and (country := self.country(t)) is not None:
                    self.add(named, "nationality", country, t, "nationality.lede")

    def on_behalf(self) -> None:
        """"X apologised on behalf of Acme Bank": X speaks for, so belongs to, the organisation."""
        doc = self.doc
        for t in doc:
            if t.lower_ != "behalf" or t.head.lower_ != "on" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "of":
                continue
            org = next((self.refs.named(x) for x in doc[t.i + 2:t.i + 5] if self.refs.named(x) is not None), None)
            verb = t.head.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if org is None or org.type != "Organization" or not subjects:
                continue
            person = self.refs.entity(subjects[0])
            if person is not None and person.type == "Person":
                self.add(person, "memberOf", org, t, "member.on-behalf")

    def person(self, entity: Entity, start: int, end: int) -> None:
        doc = self.doc
        mention = self.refs.mention_at.get(start)
        if mention is not None:
            self.ranks(entity, mention, doc[start])
        self.before(entity, start)
        self.after(entity, end)

    def ranks(self, entity: Entity, mention: Mention, token: Token) -> None:
        words = [RANK_TITLES[p.rstrip(".").lower()] for p in mention.prefixes if p.rstrip(".").lower() in RANK_TITLES]
        words += [SUFFIX_JOBS[s.lower()] for s in mention.suffixes if s.lower() in SUFFIX_JOBS]
        if words:
            self.add(entity, "jobTitle", " ".join(words), token, "job.rank")

    def before(self, entity: Entity, start: int) -> None:
        """"Avonshire Police chief constable Mary Lane", "Polish builder Marek Nowicki"."""
        doc = self.doc
        sent_start = doc[start].sent.start
        words: list[Token] = []
        org = None
        i = start - 1
        while i >= sent_start:
            t = doc[i]
            named = self.refs.named(t)
            if named is not None:
                if named.type == "Organization" and words:
                    org = named
                elif named.type == "Place" and words and _is_country(named):
                    self.add(entity, "nationality", named, t, "nationality.before-name")  # "Singapore director X"
                break
            if t.tag_ == "POS" and i > sent_start:
                owner = self.refs.named(doc[i - 1]) or self.refs.description(doc[i - 1]) \
                    or self.refs.linked(doc[i - 1], "coref.place-description")  # "the country's prime minister"
                if owner is not None and owner.type == "Organization" and words:
                    org = owner
                elif owner is not None and owner.type == "Organization" and i == start - 1 \
                        and self.refs.named(doc[i - 1]) is owner:
                    self.membership(entity, owner, "", t, "member.possessive")  # "said Acme's Jane Roe"
                elif owner is not None and owner.type == "Place" and _is_country(owner, nations=i == start - 1):
                    self.add(entity, "nationality", owner, t, "nationality.possessive")  # "Spain's X"
                break
            if t.text == "," and i == start - 1 and i > sent_start and _title_word(doc[i - 1], False) \
                    and start + len(entity.name.split()) < len(doc):
                i -= 1  # "the council's chief executive, Helen Marsh,"
                continue
            if country_of_demonym(t.text) and (t.ent_type_ == "NORP" or t.pos_ in ("ADJ", "NOUN", "PROPN")):
                country = self.country(t)
                if country is not None:
                    self.add(entity, "nationality", country, t, "nationality.demonym")
                i -= 1
                continue
            if (t.lower_ == "and" and words) or (t.text == "-" and words) or _title_word(t, i == sent_start):
                words.append(t)
                i -= 1
                continue
            break
        title = _job_title(list(reversed(words)))
        if title:
            self.add(entity, "jobTitle", title, doc[start], "job.before-name")
            if org is not None:
                self.membership(entity, org, title, doc[start])

    def after(self, entity: Entity, end: int) -> None:
        """", 48,", ", aged 48,", ", from Leeds,", ", chairman of Acme,"."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].text != ",":
            return
        i = end + 1
        if doc[i].lower_ == "aged" and i + 1 < len(doc):
            i += 1
        age = _age(doc, i)
        if age is not None:
            self.add(entity, "age", age, doc[i], "age.apposition")
            if i + 2 < len(doc) and doc[i + 1].text == ",":
                self.after(entity, i + 1)  # "Jane Roe, 48, from Leeds,"
            return
        if doc[i].lower_ == "from" and i + 1 < len(doc):
            place = self.refs.named(doc[i + 1])
            if place is not None and place.type == "Place":
                self.add(entity, "homeLocation", place, doc[i], "home.from")
            return
        self.apposition(entity, i)

    def apposition(self, entity: Entity, i: int) -> None:
        doc = self.doc
        if i < len(doc) and doc[i].lower_ in ("the", "a", "an"):
            i += 1
        org = None
        owner = self.refs.named(doc[i]) if i < len(doc) else None
        if owner is not None:  # "Bob Lee, Acme's chairman"
            j = i
            while j < len(doc) and self.refs.named(doc[j]) is owner:
                j += 1
            if j < len(doc) and doc[j].tag_ == "POS" and owner.type == "Organization":
                org, i = owner, j + 1
            elif j < len(doc) and owner.type == "Organization" and _title_word(doc[j], False):
                org, i = owner, j  # "Tony Hale, Labour MP for Kelby North"
            else:
                return
        words = []
        while i < len(doc) and (_title_word(doc[i], False) or (doc[i].lower_ == "and" and words)
                                or (doc[i].text == "-" and words)):
            if self.refs.named(doc[i]) is not None:
                return  # a list of names, not an apposition
            words.append(doc[i])
            i += 1
        title = _job_title(words)
        if not title or i >= len(doc):
            return
        if doc[i].lower_ in LINKS:
            j = i + 1
            while j < len(doc) and (doc[j].lower_ in ("the", "a", "an") or doc[j].pos_ == "ADJ"):
                j += 1
            target = self.refs.named(doc[j]) if j < len(doc) else None
            if target is not None:
                k = j
                while k < len(doc) and self.refs.named(doc[k]) is target:
                    k += 1
                if k < len(doc) and doc[k].tag_ == "POS":  # "director of Oslo's famous Nordlys Theatre"
                    k += 1
                    while k < len(doc) and doc[k].pos_ == "ADJ":
                        k += 1
                    # else the owner's own part: "general manager of Acme's storage division"
                    target = (self.refs.named(doc[k]) if k < len(doc) else None) or target
            elif j < len(doc):  # "head of equity research at Acme", "director for public policy at Acme"
                k = j
                while k + 1 < len(doc) and k < j + 4 and doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ", "CCONJ"):
                    k += 1
                if k + 1 < len(doc) and doc[k].lower_ == "at":
                    m = k + 1 + (doc[k + 1].lower_ == "the")
                    target = self.refs.named(doc[m]) if m < len(doc) else None
            if target is not None and target.type == "Organization":
                org = target
        elif doc[i].text not in (",", ".", ";") and doc[i].lower_ not in ("who", "said"):
            return
        self.add(entity, "jobTitle", title, doc[i - 1], "job.apposition")
        if org is not None:
            self.membership(entity, org, title, doc[i - 1])

    def membership(self, person: Entity, org: Entity, title: str, token: Token, rule: str = "member.post") -> None:
        """A person with a post at an organisation is a member; its founder founded it."""
        self.add(person, "memberOf", org, token, rule)
        if title and title.split()[-1] in ("founder", "co-founder"):
            self.add(org, "founder", person, token, "founder.post")

    def organisation(self, entity: Entity, end: int) -> None:
        """"Hobson Travel, a subsidiary of Acme," and "Acme - owner of Hobson Travel and Lark Air -"."""
        doc = self.doc
        if end + 3 >= len(doc) or doc[end].text not in (",", "-", "\u2013"):
            return
        i = end + 1 + (doc[end + 1].lower_ in ("a", "an", "the"))
        noun = doc[i].lemma_.lower()
        if i + 2 >= len(doc) or doc[i + 1].lower_ != "of" or noun not in PART_OF_NOUNS | OWNER_NOUNS:
            return
        others = [e for e in _fillers_after(doc, i + 2, self.refs) if e.type == "Organization" and e is not entity]
        for other in others:
            if noun in PART_OF_NOUNS:
                self.add(entity, "parentOrganization", other, doc[i], "org.part-of")
            else:
                self.add(other, "parentOrganization", entity, doc[i], "org.part-of")

    def aged_descriptions(self) -> None:
        """"the 57-year-old" refers to the last person named; "57-year-old Jane Roe" to Jane Roe."""
        for m in re.finditer(r"\b(\d{1,3})-year-old\b", text_of(self.doc)):
            span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            age = int(m.group(1))
            if span is None or not 0 < age < 120:
                continue
            nxt = self.doc[span.end] if span.end < len(self.doc) else None
            named = self.refs.named(nxt) if nxt is not None else None
            before = self.doc[span.start - 1] if span.start > 0 else None
            if named is not None and named.type == "Person":
                self.add(named, "age", age, span[0], "age.compound")
            elif before is not None and before.lower_ == "the":
                person = self.refs.aged(before)
                if person is not None:
                    self.add(person, "age", age, span[0], "age.description")

    def kinship(self) -> None:
        """"his widow Michelle", "her daughter Amy", "Mrs Lee's son, Tom Lee"; "X is the son of Y (and his
        wife Z)", "X, daughter of Y", "X is married to Y"."""
        doc = self.doc
        for t in doc:
            relation = KIN_WORDS.get(t.lower_)
            if relation is not None and t.dep_ in ("attr", "appos") and t.head.i != t.i:
                person = self._described(t)
                of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                for other in _fillers_of(of, self.refs) if of is not None and person is not None else ():
                    self._related(person, relation, other, t, "kin.of")
            if t.lower_ == "married" and (to := next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "to"),
                                                      None)) is not None:
                person = self._described(t)
                for other in _fillers_of(to, self.refs) if person is not None else ():
                    self.add(person, "spouse", other, t, "kin.married")
        for t in doc:
            relation = KIN_WORDS.get(t.lower_)
            if relation is None or t.i + 1 >= len(doc):
                continue
            j = t.i + 1 + (doc[t.i + 1].text == ",")
            named = self.refs.named(doc[j]) if j < len(doc) else None
            if named is None or named.type != "Person":
                continue
            if t.tag_ == "NNS" and not (doc[j].dep_ == "appos" and doc[j].head.i == t.i):
                continue  # "her brothers, Kelby Rovers coach Tom Hale and ...": only the names the word stands by
            owner = self._kin_owner(t)
            if owner is None or owner.type != "Person" or owner is named:
                continue
            self._related(named, relation, owner, t, "kin.word")
            if t.tag_ == "NNS":  # "his sons Jake and Carl": everyone listed
                listed = [c for c in doc[j].children if c.dep_ == "conj"]
                while listed:
                    x = listed.pop()
                    listed += [c for c in x.children if c.dep_ == "conj"]
                    other = self.refs.named(x)
                    if other is not None and other.type == "Person" and other is not owner:
                        self._related(other, relation, owner, t, "kin.word")

    def _related(self, person: Entity, relation: str, other: Entity, token: Token, rule: str) -> None:
        """``person`` is the ``relation`` ("spouse", "child", "parent", "sibling") of ``other``."""
        if person is other or person.type != "Person" or other.type != "Person":
            return
        if relation == "spouse":
            self.add(person, "spouse", other, token, rule)
        elif relation == "child":
            self.add(person, "parent", other, token, rule)
        elif relation == "parent":
            self.add(other, "parent", person, token, rule)
        else:
            self.add(person, "sibling", other, token, rule)

    def _described(self, word: Token) -> Entity | None:
        """The person a copula complement or an apposition describes: "X is the son of", "X, son of"."""
        if word.dep_ == "appos":
            return self.refs.entity(word.head)
        subject = next((c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in ("who", "that") and subject.head.dep_ == "relcl":
            return self.refs.named(subject.head.head)  # "X, who is married to Y"
        return self.refs.entity(subject) if subject is not None else None

    def _kin_owner(self, kin: Token) -> Entity | None:
        doc = self.doc
        if kin.dep_ == "pobj" and kin.head.dep_ == "agent" and kin.head.head.lemma_ == "survive":
            subject = next((c for c in kin.head.head.children if c.dep_ == "nsubjpass"), None)
            return self.refs.entity(subject) if subject is not None else None  # "X is survived by three children"
        i = kin.i - 1
        while i >= kin.sent.start and doc[i].pos_ in ("ADJ", "NUM"):  # "his two young sons"
            i -= 1
        if i < kin.sent.start:
            return None
        t = doc[i]
        if t.tag_ == "PRP$" or t.lower_ in ("his", "her", "their"):
            j = i - 2  # the word before "and his"
            while j > kin.sent.start and doc[j].text == ")":  # "Meier Roe (1801-1870) and his wife Sarah"
                j = next((k for k in range(j - 1, kin.sent.start, -1) if doc[k].text == "("), kin.sent.start) - 1
            before = self.refs.named(doc[j]) if doc[i - 1].lower_ == "and" and j >= kin.sent.start else None
            if before is not None and before.type == "Person" and self.refs.fits(before, PRONOUN_KIND.get(t.lower_, "")):
                return before  # "the son of Meier Roe and his wife Sarah": his is Meier Roe's
            return self.refs.entity(t)
        if t.tag_ == "POS" and i > 0:
            return self.refs.named(doc[i - 1])
        if t.lower_ == "and" and i > 0 and doc[i - 1].tag_ in ("PRP", "PRP$"):  # "on behalf of her and daughter Amy"
            return self.refs.entity(doc[i - 1])
        if t.pos_ == "ADP":  # "His career included a row with daughter Victoria": the sentence's "his"
            owners = [x for x in doc[kin.sent.start:kin.i] if x.tag_ == "PRP$"]
            return self.refs.entity(owners[-1]) if owners else None
        return None

    def place(self, entity: Entity, start: int, end: int) -> None:
        """"Morley, West Kelshire" and "Lisbon's Alfama Square"."""
        doc = self.doc
        if end + 1 < len(doc) and doc[end].text == ",":
            outer = self.refs.named(doc[end + 1])
            if outer is not None and outer.type == "Place" and outer is not entity:
                k = end + 1
                while k < len(doc) and self.refs.named(doc[k]) is outer:
                    k += 1
                listed = k + 1 < len(doc) and doc[k].text in (",", "and", "or") and self.refs.named(doc[k + 1]) is not None
                if not listed:
                    self.add(entity, "containedInPlace", outer, doc[end], "contained.comma")
        if end + 1 < len(doc) and doc[end].tag_ == "POS":
            k = end + 1
            while k < len(doc) and doc[k].pos_ == "ADJ":
                k += 1
            inner = self.refs.named(doc[k]) if k < len(doc) else None
            if inner is not None and inner.type == "Place" and inner is not entity:
                self.add(inner, "containedInPlace", entity, doc[end], "contained.possessive")


COPULAS = {"be", "become", "remain"}
PRONOUN_KIND = {"his": "male", "her": "female", "their": "person"}
HEAD_VERBS = {"head", "run", "chair", "lead", "manage", "found", "own", "edit", "captain", "coach", "direct"}


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _is_country(entity: Entity, nations: bool = False) -> bool:
    """A country; with ``nations`` a nation of the UK too ("Scotland's Ian Reed": the one a player stands for;
    not "Wales minister X", a portfolio)."""
    return any(country_code(m.name) or nations and m.name.casefold() in HOME_NATIONS for m in entity.mentions)


HOME_NATIONS = {"england", "scotland", "wales", "northern ireland"}  # they field their own teams


def _fillers_of(prep: Token, refs: Referents) -> list[Entity]:
    """The people a preposition names: "of Y and his wife Z" gives Y and Z."""
    obj = _pobj(prep)
    found = []
    stack = [obj] if obj is not None else []
    while stack:
        t = stack.pop()
        e = refs.named(t)
        if e is not None and e not in found:
            found.append(e)
        stack += [c for c in t.children if c.dep_ in ("conj", "appos")]
    return found


def _fillers_after(doc: Doc, i: int, refs: Referents) -> list[Entity]:
    """The entities named from token ``i`` on, through "and" and commas: "Hobson Travel and Lark Air"."""
    found = []
    while i < len(doc):
        if doc[i].lower_ in ("the", "a", "an", "and", ",", "'s"):
            i += 1
            continue
        e = refs.named(doc[i])
        if e is None:
            break
        if e not in found:
            found.append(e)
        while i < len(doc) and refs.named(doc[i]) is e:
            i += 1
    return found


def _noun_only_job(t: Token) -> bool:
    """A job word that is no verb, whatever the tagger says ("actress" in "married to actress X"; not "judge")."""
    return t.lower_ in JOB_NOUNS and t.lower_.endswith(("ess", "ist", "ian", "tor"))


def _title_word(t: Token, sentence_start: bool) -> bool:
    """A word that can be part of a job title: lowercase nouns and adjectives, or a capitalised
    title word that is no name ("Supreme Leader", a sentence's first word)."""
    if not t.is_alpha or t.pos_ not in ("NOUN", "ADJ", "VERB", "PROPN"):
        return False
    if t.text.islower():
        return t.pos_ != "VERB" or t.tag_ in ("VBN", "VBG") or _noun_only_job(t)
    return (sentence_start or t.ent_type_ == "") and t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.is_stop


def _job_title(words: list[Token]) -> str | None:
    """The job title of a run of descriptor words, or None when it ends in no job noun."""
    while words and (words[-1].lower_ == "and" or words[-1].text == "-"):
        words = words[:-1]
    while words and (words[0].lower_ == "and" or words[0].text == "-"):
        words = words[1:]
    if not words:
        return None
    head = words[-1]
    if not (head.pos_ in ("NOUN", "PROPN") or _noun_only_job(head)) or not is_job_noun(head):
        return None
    if any(w.lower_ in NOT_JOBS for w in words):
        return None
    text = ""
    for w in words:
        joined = w.text == "-" or (text.endswith("-"))
        text += ("" if joined or not text else " ") + w.text.lower()
    return text


def _age(doc: Doc, i: int) -> int | None:
    if i >= len(doc) or not doc[i].text.isdigit():
        return None
    age = int(doc[i].text)
    following = doc[i + 1].lower_ if i + 1 < len(doc) else "."
    return age if 0 < age < 120 and following in AGE_FOLLOWERS else None
