"""Quotations and their speakers, each attribution pattern on sentences we wrote."""
import pytest

from kg.read.quotes import quote_spans


def said(text, reported_speech=False):
    """(speaker name or None, quoted words) of every quotation in ``text``."""
    from kg.pipeline import read_text
    reading = read_text(text)
    names = {e.key: e.name for e in reading.entities}
    return {(names.get(q.speaker), q.text) for q in reading.quotes if reported_speech or not q.indirect}


@pytest.mark.parametrize("text, speaker, words", [
    ('Nora Quinn said: "We will appeal against the ruling."', "Nora Quinn", "We will appeal against the ruling."),
    ('"We will appeal against the ruling," said Nora Quinn.', "Nora Quinn", "We will appeal against the ruling"),
    ('"We will appeal against the ruling," Nora Quinn said.', "Nora Quinn", "We will appeal against the ruling"),
    ('Nora Quinn told the BBC: "We will appeal against the ruling."', "Nora Quinn", "We will appeal against the ruling."),
    ('Nora Quinn said in a statement: "We will appeal against the ruling."', "Nora Quinn",
     "We will appeal against the ruling."),
    ('According to Nora Quinn, "the ruling is a disgrace to the court".', "Nora Quinn",
     "the ruling is a disgrace to the court"),
    ('Acme Bank chairman Ian Holt said: "Our profits will rise this year."', "Ian Holt",
     "Our profits will rise this year."),
])
def test_a_verb_of_saying_gives_the_speaker(text, speaker, words):
    assert (speaker, words) in said(text)


def test_he_added_is_the_person_who_spoke_before():
    text = ('Ian Holt resigned from Acme Bank on Monday. Nora Quinn, its founder, said the bank would recover. '
            'She added: "We have been through worse than this."')
    assert ("Nora Quinn", "We have been through worse than this.") in said(text)


def test_a_spokesman_of_a_named_organisation_speaks_for_it():
    assert ("Kent Police", "The investigation is still at an early stage.") in said(
        'A Kent Police spokesman said: "The investigation is still at an early stage."')
    assert ("Acme Bank", "No customer has lost any money.") in said(
        'A spokeswoman for Acme Bank said: "No customer has lost any money."')


def test_a_description_of_the_speaker_is_the_person_named_before():
    text = ('Marta Lindqvist won the 800m in Oslo on Sunday. The Olympic champion said: "I felt strong from the '
            'start."')
    assert ("Marta Lindqvist", "I felt strong from the start.") in said(text)


def test_a_quotation_that_runs_on_into_the_next_paragraph_keeps_its_speaker():
    text = ('Nora Quinn said: "We will appeal against the ruling.\n\n'
            '"The court did not hear half of our evidence."\n\nThe hearing lasted two days.')
    assert {("Nora Quinn", "We will appeal against the ruling."),
            ("Nora Quinn", "The court did not hear half of our evidence.")} <= said(text)


def test_paragraphs_run_together_still_give_one_quotation_each():
    text = 'Nora Quinn said: "We will appeal against the ruling. "The court did not hear half of our evidence."'
    assert [text[s:e] for s, e, _ in quote_spans(text)] == ["We will appeal against the ruling.",
                                                          "The court did not hear half of our evidence."]


def test_a_quotation_after_reported_speech_is_the_reporter_speaking():
    text = ('Nora Quinn said she would appeal against the ruling. "The court did not hear half of our '
            'evidence."')
    assert ("Nora Quinn", "The court did not hear half of our evidence.") in said(text)


def test_no_speaker_when_the_text_gives_none():
    text = 'Ian Holt left Acme Bank in May. The report said: "The bank was badly run for years."'
    assert (None, "The bank was badly run for years.") in said(text)


@pytest.mark.parametrize("text", [
    'Acme staff called the plan "silly".',  # scare quotes
    'Nora Quinn starred in "The Long Road Home" in 2001.',  # a title of a work
    '"We will appeal," says Quinn\n\nNora Quinn has lost her case against Acme Bank.',  # the headline's
])
def test_what_is_not_a_quotation(text):
    assert said(text) == set()


def test_reported_speech_is_an_indirect_quotation_when_asked(tmp_path):
    import kg
    text = "Helen Marsh said the council would review every inspection of the street."
    assert said(text) == set()
    assert ("Helen Marsh", "the council would review every inspection of the street") in said(text, True)
    G = kg.build([kg.Document(text)], reported_speech=True)
    [quote] = [d for _, d in G.nodes(data=True) if d["type"] == "Quotation"]
    assert quote["indirect"] is True


def test_quotations_in_the_graph_and_in_rdf(tmp_path):
    import kg
    from kg.vocab import SDO
    text = ('Det Insp Sarah Okafor said: "Our thoughts remain with Gregory Hale\'s neighbours."\n\n'
            'Gregory Hale was arrested on Monday.')
    G = kg.build([kg.Document(text)])
    path = tmp_path / "q.ttl"
    kg.write(G, path)
    g = kg.to_rdf(kg.load(path))
    [q] = list(g.subjects(None, SDO.Quotation))
    assert str(g.value(g.value(q, SDO.creator), SDO.name)) == "Sarah Okafor"
    assert str(g.value(g.value(q, SDO.about), SDO.name)) == "Gregory Hale"
    assert (g.value(q, SDO.isPartOf), None, SDO.NewsArticle) in g
    from kg.validate import validate
    assert validate(g)[0]
