"""Mention rules on sentences we wrote, through the real pipeline."""
import pytest

from kg.extract.mentions import find_mentions


def mentions(nlp, text):
    return {(m.name, m.type) for m in find_mentions(nlp(text))}


def test_title_makes_a_person_and_is_split_off(nlp):
    [m] = [x for x in find_mentions(nlp("Yesterday Pc Hobbs was praised by the court.")) if x.name == "Hobbs"]
    assert m.type == "Person" and m.prefixes == ("Pc",) and m.text == "Pc Hobbs"


def test_post_nominal_title_is_split_off(nlp):
    found = find_mentions(nlp("The coroner, Mary Clegg QC, read her findings."))
    [m] = [x for x in found if x.type == "Person"]
    assert m.name == "Mary Clegg" and m.suffixes == ("QC",)
    assert not any(x.name == "QC" for x in found)


def test_stacked_ranks_before_a_name(nlp):
    found = find_mentions(nlp("The inquiry is led by Det Insp Colin Marsh of the fraud unit."))
    assert ("Colin Marsh", "Person") in {(m.name, m.type) for m in found}
    [m] = [x for x in found if x.name == "Colin Marsh"]
    assert m.prefixes == ("Det", "Insp")


@pytest.mark.parametrize("text, name, kind", [
    ("Officers from Avonshire Police searched the house.", "Avonshire Police", "Organization"),
    ("The Northfield Gazette first reported the claim.", "Northfield Gazette", "Organization"),
    ("Traffic was stopped on Tanner Street for an hour.", "Tanner Street", "Place"),
    ("Crowds gathered at Elmbrook Bridge at dawn.", "Elmbrook Bridge", "Place"),
])
def test_head_word_decides_organisation_or_place(nlp, text, name, kind):
    assert (name, kind) in mentions(nlp, text)


def test_leading_article_and_possessive_are_not_part_of_the_name(nlp):
    found = mentions(nlp, "The judge criticised the Ministry of Defence's handling of the case.")
    assert ("Ministry of Defence", "Organization") in found


def test_demonyms_and_dates_are_not_entities(nlp):
    found = mentions(nlp, "The French minister arrived on Monday with 300 delegates.")
    assert not found
