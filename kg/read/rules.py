"""Every reading rule by its identifier, with the confidence of what it reads.

A rule's identifier is recorded on each mention, fact and event it makes (``kgo:rule`` in RDF), so its
precision can be measured (``kg eval --by-rule``) and a weak rule found and removed. A recorded
identifier may add a detail after a colon (``event.verb:arrest``); the confidence is the rule's.
Code never tells rules apart by their confidence: it asks for the identifier.
"""
from __future__ import annotations

CONFIDENCE: dict[str, float] = {
    # mentions (kg.read.mentions): their confidence also grows with the evidence for their type
    "mention.ner": 0.5,  # an entity spaCy found
    "mention.group": 0.5,  # a party or movement spaCy labels as a group of people ("Labour", "the Tories")
    "mention.title": 0.5,  # proper nouns after a title or rank ("Det Insp Roe")
    "mention.head": 0.5,  # proper nouns ending in an organisation or place word ("Kelby Rail Agency")
    "mention.first-name": 0.5,  # proper nouns starting with a known first name
    "mention.aged": 0.5,  # proper nouns followed by an age: "Ana Lopes, 44,"
    "mention.kin": 0.5,  # names given after a word of kin: "their children Emma and Tom"
    "mention.after-locative": 0.5,  # proper nouns after "at the", "in the"
    "mention.acronym": 0.5,  # an unknown capitalised abbreviation ("the UCPF")
    "mention.repeat": 0.7,  # a lone word that is the short name of one entity already found
    "mention.demonym": 0.8,  # the country of a demonym ("Polish builder")
    # attributes and relations (kg.read.facts)
    "age.apposition": 0.9,  # "Jane Roe, 48," / "Jane Roe, aged 48,"
    "age.compound": 0.85,  # "48-year-old Jane Roe"
    "age.description": 0.6,  # "the 48-year-old" after Jane Roe was named
    "age.died-at": 0.7,  # "died at 88"
    "job.rank": 0.8,  # "Det Insp Roe", "Jane Roe MP"
    "job.before-name": 0.75,  # "chief constable Jane Roe"
    "job.apposition": 0.7,  # "Jane Roe, chairman of Acme,"
    "job.lede": 0.5,  # "A Polish engineer has been jailed ... Marek Nowicki was ..."
    "nationality.demonym": 0.8,  # "Polish builder Marek Nowicki"
    "nationality.lede": 0.5,
    "member.post": 0.7,  # a post at an organisation: "Acme chairman Bob Lee", "chairman of Acme"
    "job.copula": 0.75,  # "Bob Lee is the company's chairman", "became chief conductor"
    "job.relative": 0.75,  # "Bob Lee, who is Acme's chairman,"
    "job.as": 0.7,  # "joined the bank as chief economist"
    "member.apposition": 0.7,  # "Bob Lee, head of research at Acme,"
    "member.copula": 0.7,
    "member.relative": 0.7,  # "who heads Acme", "who works for Acme"
    "member.as": 0.7,
    "member.of": 0.6,  # "Tom Reed of the Kelby Rambling Society"
    "member.possessive": 0.6,  # "said Acme's Jane Roe"
    "nationality.possessive": 0.75,  # "Spain's Pedro Ruiz"
    "nationality.before-name": 0.7,  # "Singapore director X"
    "nationality.of": 0.65,  # "Ann Hale of France"
    "nationality.parenthesis": 0.7,  # "Kim Peeters (Belgium)"
    "nationality.apposition": 0.75,  # "X, a Canadian actor,"
    "nationality.copula": 0.75,  # "X was an American songwriter"
    "nationality.relative": 0.75,
    "nationality.as": 0.7,
    "member.on-behalf": 0.55,  # "X apologised on behalf of Acme"
    "founder.post": 0.7,  # "Acme founder Bob Lee"
    "home.from": 0.75,  # "Bob Lee, from Leeds,"
    "kin.word": 0.75,  # "his widow Ann", "her daughter Amy"
    "kin.of": 0.75,  # "X is the son of Y", "X, daughter of Y"
    "kin.married": 0.75,  # "X is married to Y"
    "contained.comma": 0.7,  # "Morley, West Kelshire"
    "contained.possessive": 0.65,  # "Lisbon's Alfama Square"
    "contained.gazetteer": 0.6,  # "Calgary" and "Canada" in one article: GeoNames puts one in the other
    "org.part-of": 0.7,  # "Hobson Travel, a subsidiary of Acme"
    # events (kg.read.events): the trigger; its roles, place and date
    "event.verb": 0.6,
    "event.noun": 0.6,
    "event.appear-in-court": 0.6,  # "X appeared at Leeds Crown Court"
    "event.become-post": 0.6,  # "X became chief executive of Y"
    "event.held-in-custody": 0.6,  # "X is being held in custody"
    "event.shot-dead": 0.6,  # "shot dead": an attack and a death
    "event.location": 0.55,
    "event.location-container": 0.5,  # "in Camp Shorabak in Helmand Province, Afghanistan": the others
    "event.found-guilty": 0.6,  # "X was found guilty of fraud"
    "event.found-dead": 0.6,  # "X was found dead at his home"
    "event.blew-up": 0.6,  # "a suicide bomber blew himself up in Bagram"
    "event.date": 0.6,
    # quotations (kg.read.quotes): who said them
    "quote.say": 0.8,  # a verb of saying and its subject: "X said:", "said X", "according to X"
    "quote.spokesperson": 0.7,  # "a Met spokesman said": the organisation
    "quote.continued": 0.6,  # the next paragraph of a quotation, or after "X said he ..."
    "quote.none": 0.6,  # a quotation whose speaker the text does not give
    "quote.unknown": 0.6,  # a verb of saying whose subject is no one the text names ("the report said")
    "quote.indirect": 0.6,  # reported speech: "she said the council would review it"
    # coreference (kg.read.coref): links, not facts; named for --by-rule and for the stages that use them
    "coref.pronoun": 0.7,  # the one entity of the pronoun's kind named just before it
    "coref.pronoun-nearest": 0.5,  # the nearest of several (not used for event participants)
    # inferences (kg.read.inference)
    "infer.death-place": 0.5,  # a person who died in a place
    "infer.birth-place": 0.5,
    "infer.founder": 0.5,  # a person who started an organisation
    "infer.member": 0.5,  # a person who took up or left a post at an organisation
    "infer.child-of-spouse": 0.6,  # the child of one of a married couple
}


def confidence(rule: str) -> float:
    """The confidence of what ``rule`` reads (``rule`` may carry a detail after a colon)."""
    return CONFIDENCE[rule.split(":", 1)[0]]
