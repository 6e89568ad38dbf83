"""The within-document resolver, on hand-made mentions (no model needed)."""
import pytest

from kg.records import Mention, Span
from kg.read.entities import normalise, resolve_entities

_pos = [0]


def m(text, kind="Person", prefixes=(), name=None, votes=()):
    _pos[0] += 100
    return Mention(text=text, name=name or text.split(" ", len(prefixes))[-1], type=kind,
                   span=Span(_pos[0], _pos[0] + len(text)), sentence=Span(_pos[0], _pos[0] + 99),
                   prefixes=tuple(prefixes), votes=votes)


def groups(mentions):
    return sorted(sorted(x.text for x in e.mentions) for e in resolve_entities(mentions))


def test_resolve_merges_title_and_surname():
    assert groups([m("Jane Roe"), m("Pc Roe", prefixes=["Pc"]), m("Roe"), m("Jane")]) == [
        ["Jane", "Jane Roe", "Pc Roe", "Roe"]]


def test_resolve_keeps_people_of_different_sex_apart():
    es = groups([m("Mr Tom Reed", prefixes=["Mr"]), m("Mrs Reed", prefixes=["Mrs"])])
    assert es == [["Mr Tom Reed"], ["Mrs Reed"]]


def test_resolve_surname_goes_to_the_person_named_last_before_it():
    es = resolve_entities([m("Ann Lee"), m("Bob Lee"), m("Lee")])
    by_name = {e.name: sorted(x.text for x in e.mentions) for e in es}
    assert by_name == {"Ann Lee": ["Ann Lee"], "Bob Lee": ["Bob Lee", "Lee"]}


def test_resolve_lone_surname_labelled_organisation_joins_the_person():
    es = resolve_entities([m("Mark Vale"), m("Vale", kind="Organization")])
    assert [(e.type, e.name) for e in es] == [("Person", "Mark Vale")]


@pytest.mark.parametrize("short, full", [("BNF", "Borsetshire National Front"), ("Northshire", "Northshire Police"),
                                         ("UKKP", "UK Kelby Party")])
def test_resolve_organisation_short_forms(short, full):
    es = resolve_entities([m(full, "Organization", name=full), m(short, "Organization", name=short)])
    assert len(es) == 1 and es[0].name == full


def test_resolve_clipped_first_word_is_a_short_form():
    es = resolve_entities([m("Metropolitan Council", "Organization", name="Metropolitan Council"),
                           m("Metro", "Organization", name="Metro")])
    assert len(es) == 1


def test_resolve_does_not_merge_places_by_shared_words():
    es = resolve_entities([m("Kingsbridge", "Place", name="Kingsbridge"),
                           m("Kingsbridge Road", "Place", name="Kingsbridge Road")])
    assert len(es) == 2


def test_resolve_does_not_merge_organisations_that_only_share_a_word():
    es = resolve_entities([m("Acme Bank", "Organization", name="Acme Bank"),
                           m("Acme Foods Group", "Organization", name="Acme Foods Group")])
    assert len(es) == 2


def test_normalise_ignores_case_accents_article_and_possessive():
    assert normalise("The Zoë's") == normalise("zoe") == "zoe"


def test_resolve_country_aliases_are_one_place(entities_of):
    entities = entities_of("Exports to the US rose. America remains the largest market.")
    places = [n for n, (t, _) in entities.items() if t == "Place"]
    assert len(places) == 1


def test_resolve_place_acronym(entities_of):
    entities = entities_of("He worked in North Rhine-Westphalia for years. His time in NRW was hard.")
    assert "NRW" in entities["North Rhine-Westphalia"][1]


def test_resolve_trailing_words_of_an_organisation_after_a_place(entities_of):
    entities = entities_of("The Kenya Rail Safety Agency issued a report. The Rail Safety Agency said more.")
    assert list(entities) == ["Kenya Rail Safety Agency"]


def test_resolve_trailing_words_after_another_word_are_another_body(entities_of):
    entities = entities_of("The New College of Music merged with the College of Music in Leeds.")
    assert {"New College of Music", "College of Music"} <= set(entities)


def test_resolve_one_mislabelled_surname_does_not_retype_the_person(entities_of):
    text = ("Conductor Luca Benedetti died. Benedetti led the orchestra. Benedetti was 70. "
            "Benedetti was born in Parma.")
    assert entities_of(text)["Luca Benedetti"][0] == "Person"


def test_resolve_first_name_sex_keeps_spouses_apart(entities_of):
    entities = entities_of("Derek Morley died in May. Mrs Morley said he was brave.")
    assert "Mrs Morley" not in entities["Derek Morley"][1]


def referents(nlp, text):
    """The token -> entity lookup that the stages after coreference see."""
    from kg.read.coref import Referents
    from kg.read.state import State
    doc = nlp(text)
    state = State(doc)
    return doc, Referents(doc, state.entities, state.coref)


def test_pronoun_refers_to_a_person_of_matching_sex(nlp):
    doc, refs = referents(nlp, "Helen Ward met Peter Cole. She thanked him.")
    she, him = doc[6], doc[8]
    assert refs.entity(she).name == "Helen Ward" and refs.entity(him).name == "Peter Cole"


def test_description_refers_to_the_last_organisation(nlp):
    doc, refs = referents(nlp, "Brightwater Bank lost money. The bank said it would recover.")
    bank = next(t for t in doc if t.text == "bank")
    assert refs.description(bank).name == "Brightwater Bank"


@pytest.mark.parametrize("names", [
    ["Cairnby Energy", "Cairnby"],  # the first word of one organisation named before
    ["Liberal Democrats", "Lib Dems"],  # clipped and plural leading words
    ["Conservative Party", "Tories"],  # another name of the same organisation
    ["PayPal", "PayPal.com"],
])
def test_other_names_of_one_organisation(names):
    assert groups([m(n, "Organization") for n in names]) == [sorted(names)]


def test_an_abbreviation_in_brackets_is_the_name_before_it():
    text = "Kelby Petrochemicals Limited (KPCL) said profits rose."
    full = Mention("Kelby Petrochemicals Limited", "Kelby Petrochemicals Limited", "Organization", Span(0, 28),
                   Span(0, 54))
    short = Mention("KPCL", "KPCL", "Organization", Span(30, 34), Span(0, 54))
    assert [len(e.mentions) for e in resolve_entities([full, short], text)] == [2]


def test_an_acronym_is_no_short_form_of_a_longer_name_it_starts():
    assert groups([m("BBC One", "Organization"), m("BBC", "Organization")]) == [["BBC"], ["BBC One"]]


def test_a_lone_word_that_only_the_tagger_calls_a_person_is_no_entity(entities_of):
    entities = entities_of("Bombs went off in pubs in Kelby and Marbury in 1974, police said.")
    assert not any(kind == "Person" for kind, _ in entities.values())
    assert entities_of("Mr Marbury said the plan was sound.")["Marbury"][0] == "Person"  # a title says so


def test_a_monarch_by_first_name_is_no_short_form_of_a_commoner():
    found = groups([m("Tom Reed"), m("Mr Reed", prefixes=("Mr",)), m("King Tom", prefixes=("King",))])
    assert found == [["King Tom"], ["Mr Reed", "Tom Reed"]]
    assert groups([m("Tom Reed"), m("Prince Tom", prefixes=("Prince",))]) == [["Prince Tom"], ["Tom Reed"]]
    # a royal's full name and first name with a royal title are one person
    assert groups([m("Prince Hakon Dorvel", prefixes=("Prince",)), m("Prince Hakon", prefixes=("Prince",))]) \
        == [["Prince Hakon", "Prince Hakon Dorvel"]]


def test_one_telling_context_outweighs_a_label_repeated():
    label = [m("Kelbco", votes=(("Person", 1.0),)) for _ in range(4)]  # spaCy's label, again and again
    told = m("Kelbco", kind="Organization", votes=(("Organization", 3.0),))  # "oil giant Kelbco"
    [entity] = resolve_entities(label[:2] + [told] + label[2:])
    assert entity.type == "Organization" and len(entity.mentions) == 5


def test_mr_is_not_the_knight_of_the_same_surname():
    from kg.pipeline import read_text
    entities = {e.name: sorted(e.aliases) for e in read_text(
        "Tony Reed defended his plans on Monday. Police chief Sir Ian Reed said the threat was real. But Mr Reed "
        "insisted the law was needed.").entities}
    assert "Mr Reed" in entities["Tony Reed"] and "Mr Reed" not in entities["Ian Reed"]
