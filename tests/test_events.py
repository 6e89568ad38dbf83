"""Event rules, each on sentences we wrote."""
import pytest


@pytest.mark.parametrize("text, expected", [
    ("Dean Walsh was stabbed by Carl Moody outside a bar in Hull.",
     {("@Attack", "target", "Dean Walsh"), ("@Attack", "attacker", "Carl Moody"), ("@Attack", "location", "Hull")}),
    ("Carl Moody attacked Dean Walsh with a knife in Hull on 3 May 2021.",
     {("@Attack", "attacker", "Carl Moody"), ("@Attack", "target", "Dean Walsh"), ("@Attack", "startDate", "2021-05-03")}),
    ("Carl Moody was shot dead by police.", {("@Attack", "target", "Carl Moody"), ("@Die", "victim", "Carl Moody")}),
    ("Vera Lind died in Oslo at 88.", {("@Die", "victim", "Vera Lind"), ("@Die", "location", "Oslo"),
                                      ("Vera Lind", "age", 88), ("Vera Lind", "deathPlace", "Oslo")}),
    ("Vera Lind was born in Bergen in 1931.", {("@BeBorn", "person", "Vera Lind"), ("@BeBorn", "startDate", "1931"),
                                              ("Vera Lind", "birthPlace", "Bergen")}),
    ("Firefighter Joe Bright was injured in the blaze.", {("@Injure", "victim", "Joe Bright")}),
    ("Joe Bright was found dead at his home in Hull.", {("@Die", "victim", "Joe Bright"), ("@Die", "location", "Hull")}),
])
def test_violence_and_life_events(read, text, expected):
    assert expected <= read(text)


@pytest.mark.parametrize("text, expected", [
    ("Gary Platt was arrested by Kent Police on Friday.",
     {("@ArrestJail", "person", "Gary Platt"), ("@ArrestJail", "agent", "Kent Police")}),
    ("Union leader Gary Platt arrested", {("@ArrestJail", "person", "Gary Platt")}),  # a headline
    ("Gary Platt was charged with fraud.", {("@ChargeIndict", "defendant", "Gary Platt")}),
    ("Gary Platt appeared at Leeds Crown Court.", {("@TrialHearing", "defendant", "Gary Platt"),
                                                  ("@TrialHearing", "adjudicator", "Leeds Crown Court")}),
    ("The trial of Gary Platt opened in Leeds.", {("@TrialHearing", "defendant", "Gary Platt"),
                                                 ("@TrialHearing", "location", "Leeds")}),
    ("Gary Platt was later released on bail.", {("@ReleaseParole", "person", "Gary Platt")}),
    ("Gary Platt was sentenced by a judge in Leeds.", {("@Sentence", "defendant", "Gary Platt")}),
    ("Nora Quinn has filed a lawsuit for libel against Gary Platt.",
     {("@Sue", "plaintiff", "Nora Quinn"), ("@Sue", "defendant", "Gary Platt")}),
    ("Avonshire Police face legal action over the death.", {("@Sue", "defendant", "Avonshire Police")}),
])
def test_justice_events(read, text, expected):
    assert expected <= read(text)


@pytest.mark.parametrize("text, expected", [
    ("Acme Foods appointed Ruth Gale as chief executive.", {("@StartPosition", "person", "Ruth Gale"),
                                                          ("@StartPosition", "entity", "Acme Foods")}),
    ("Acme Foods' newly-appointed chief executive Ruth Gale spoke.", {("@StartPosition", "person", "Ruth Gale")}),
    ("Acme Foods chairman Ian Holt resigned in March 2003.",
     {("@EndPosition", "person", "Ian Holt"), ("@EndPosition", "startDate", "2003-03")}),
    ("Ian Holt, who stepped down from Acme Bank in 2001, is retired.",
     {("@EndPosition", "person", "Ian Holt"), ("@EndPosition", "entity", "Acme Bank"),
      ("Ian Holt", "memberOf", "Acme Bank")}),
    ("Acme Foods bought Brandt Dairies for $2bn.", {("@TransferOwnership", "buyer", "Acme Foods"),
                                                   ("@TransferOwnership", "artifact", "Brandt Dairies")}),
    ("He oversaw the merger between Acme Foods and Brandt Dairies in 1998.",
     {("@MergeOrg", "org", "Acme Foods"), ("@MergeOrg", "org", "Brandt Dairies"), ("@MergeOrg", "startDate", "1998")}),
])
def test_business_and_personnel_events(read, text, expected):
    assert expected <= read(text)


@pytest.mark.parametrize("text, kind, factuality", [
    ("Gary Platt was arrested on Monday.", "ArrestJail", "Asserted"),
    ("Gary Platt was not arrested.", "ArrestJail", "Negated"),
    ("Police denied that Gary Platt had been arrested.", "ArrestJail", "Negated"),
    ("Acme Foods failed to buy Brandt Dairies.", "TransferOwnership", "Negated"),
    ("Gary Platt will stand trial at Leeds Crown Court.", "TrialHearing", "Planned"),
    ("Gary Platt is due to appear at Leeds Crown Court in May.", "TrialHearing", "Planned"),
    ("Acme Foods plans to buy Brandt Dairies.", "TransferOwnership", "Planned"),
    ("If convicted, Gary Platt could be jailed for ten years.", "ArrestJail", "Possible"),
    ("Gary Platt could be arrested next week.", "ArrestJail", "Possible"),
    ("Acme Foods tried to buy Brandt Dairies but talks failed.", "TransferOwnership", "Possible"),
    ("Campaigners called for the release of Gary Platt.", "ReleaseParole", "Possible"),
    ("Acme Bank could face a fine.", "Fine", "Possible"),
    ("Gary Platt, who allegedly stabbed Dean Walsh, fled.", "Attack", "Alleged"),
    ("Gary Platt was accused of murdering Dean Walsh.", "Die", "Alleged"),
    ("Reports have claimed Gary Platt chaired a meeting with Dean Walsh in May.", "Meet", "Alleged"),
    ("The book says Gary Platt held a meeting with Dean Walsh in 2003.", "Meet", "Alleged"),
    ("Gary Platt was not at the meeting with Dean Walsh.", "Meet", "Negated"),
    ("Gary Platt arrives in Kelbania for a summit meeting with Dean Walsh.", "Meet", "Planned"),
    ("The Kelby Council summit with Gary Platt begins on 16 December.", "Meet", "Planned"),
])
def test_each_event_says_whether_it_happened(text, kind, factuality):
    from kg.pipeline import read_text
    assert [(e.type, e.factuality) for e in read_text(text).events] == [(kind, factuality)]


def test_events_that_did_not_happen_are_marked_not_dropped(tmp_path):
    import kg
    from kg.vocab import KGO
    G = kg.build([kg.Document("Gary Platt was arrested on Monday. He will stand trial in May. "
                              "Acme Bank was not fined.")])
    marks = {d["type"]: d.get("factuality") for _, d in G.nodes(data=True) if "name" in d and d["type"] in
             ("ArrestJail", "TrialHearing", "Fine")}
    assert marks == {"ArrestJail": None, "TrialHearing": "Planned", "Fine": "Negated"}
    g = kg.to_rdf(G)
    assert {str(o) for o in g.objects(None, KGO.factuality)} == {str(KGO.Planned), str(KGO.Negated)}
    kg.write(G, tmp_path / "g.ttl")
    assert kg.load(tmp_path / "g.ttl").nodes(data=True) == G.nodes(data=True)


def test_nothing_is_inferred_from_an_event_that_did_not_happen(read):
    assert not any(p == "deathPlace" for _, p, _ in read("Vera Lind could die in Oslo, doctors said."))


def test_relative_dates_need_the_article_date(read):
    text = "Gary Platt was arrested on Tuesday."
    assert not any(p == "startDate" for _, p, _ in read(text))
    assert ("@ArrestJail", "startDate", "2004-12-14") in read(text, date="2004-12-16")


def test_list_subjects_give_every_victim(read):
    facts = read("Ann Pike, 40, Tom Mohr, 51, and Lee Fenn, 33, were killed in the crash.")
    assert {("@Die", "victim", n) for n in ("Ann Pike", "Tom Mohr", "Lee Fenn")} <= facts
    assert ("Tom Mohr", "age", 51) in facts


def test_pronoun_participants(read):
    facts = read("Carl Moody ran from the pub. He was arrested an hour later.")
    assert ("@ArrestJail", "person", "Carl Moody") in facts


def test_same_class_events_with_different_people_stay_apart(nlp):
    from kg.pipeline import read_text
    reading = read_text("Gary Platt was arrested on Monday. Nora Quinn was arrested on Friday.")
    assert [e.type for e in reading.events] == ["ArrestJail", "ArrestJail"]


@pytest.mark.parametrize("text, expected", [
    ("Dr Ruth Gale replaced Ian Holt as head of Acme Bank.",
     {("@StartPosition", "person", "Ruth Gale"), ("@EndPosition", "person", "Ian Holt")}),
    ("Ian Holt later became chief economist of Acme Bank.",
     {("@StartPosition", "person", "Ian Holt"), ("@StartPosition", "entity", "Acme Bank")}),
    ("The journalist Omid Rahimi is still being held.", {("@ArrestJail", "person", "Omid Rahimi")}),
    ("In an email to Reuters on Monday, Ian Holt said he was sorry.",
     {("@PhoneWrite", "entity", "Reuters"), ("@PhoneWrite", "entity", "Ian Holt")}),
    ("After his sacking, Ian Holt moved abroad.", {("@EndPosition", "person", "Ian Holt")}),
    ("Nora Quinn and Ian Holt, who resigned from Acme Bank in 2001, left.",
     {("@EndPosition", "person", "Nora Quinn"), ("@EndPosition", "person", "Ian Holt")}),
    ("Ian Holt was sentenced by a military court in the Tabriz area.", {("@Sentence", "location", "Tabriz")}),
])
def test_more_personnel_and_custody_events(read, text, expected):
    assert expected <= read(text)


@pytest.mark.parametrize("text", [
    "The minister was held in high esteem in Dublin.",
    "Ian Holt joined the calls for reform.",
    "Ian Holt established himself as a leading conductor.",
    "It is far easier to marry in Spain than in France, Tom Reed said.",  # a verb with only a place
    "Tom Reed said Kelby Council has met all of its promises.",  # an object through a quantity
])
def test_look_alike_triggers_are_no_events(read, text):
    assert not any(s.startswith("@") for s, _, _ in read(text))


def test_no_pronoun_participant_when_another_of_its_kind_is_named_in_its_sentence(read):
    text = "The three men returned on Tuesday. Ali Kelby's Labour MP Tom Reed welcomed his release on Tuesday."
    assert ("@ReleaseParole", "person", "Tom Reed") not in read(text)


def test_a_pronoun_after_someone_named_before_the_subject_is_still_the_subject(read):
    text = "In an interview with Mark Dunmore, Tom Reed said he had been arrested in Dorton."
    assert ("@ArrestJail", "person", "Tom Reed") in read(text)


@pytest.mark.parametrize("text", [
    "Hundreds marched through Dorton and protested outside Kelby Town Hall.",
    "Students planned to protest outside Kelby Hall on Friday.",
])
def test_a_verb_with_only_a_place_and_a_subject_up_its_chain_is_an_event(read, text):
    assert any(s == "@Demonstrate" for s, _, _ in read(text))


def test_a_record_is_no_claim(read):
    from kg.pipeline import read_text
    [e] = read_text("A police report says Tom Reed was arrested in Dorton on Monday.").events
    assert e.factuality == "Asserted"


@pytest.mark.parametrize("text, fact", [
    ("Kelby Stores is to buy Hale Stores.", ("@TransferOwnership", "buyer", "Kelby Stores")),
    ("Kelby Stores plans to buy Hale Stores.", ("@TransferOwnership", "buyer", "Kelby Stores")),
    ("Tom Reed was asked to quit Kelby Bank.", ("@EndPosition", "person", "Tom Reed")),
    ("The board forced Tom Reed to resign from Kelby Bank.", ("@EndPosition", "person", "Tom Reed")),
    ("Kelby Motors beat Rowan Bank to buy Hale Foods.", ("@TransferOwnership", "buyer", "Kelby Motors")),
])
def test_an_infinitive_takes_the_subject_of_the_verb_above(read, text, fact):
    assert fact in read(text)
    assert ("@TransferOwnership", "buyer", "Rowan Bank") not in read(text)


def test_a_plural_description_is_no_one_body(read):
    text = "Tom Reed spoke to Kelby Radio on Friday. The three unions that met Tom Reed want the rules dropped."
    assert {(s, r, o) for s, r, o in read(text) if s.startswith("@")} == {("@Meet", "entity", "Tom Reed")}


def test_pronoun_far_from_any_name_is_the_main_character(read):
    text = ("Sir Alan Tate has died aged 80. Sir Alan led the council for years. The 80-year-old was admired. "
            "Colleagues praised the council. As leader he merged Kelby Council and Orton Council.")
    assert ("@MergeOrg", "agent", "Alan Tate") in read(text)


def test_founding_makes_a_founder(read):
    assert ("Lark Airways", "founder", "Ian Holt") in read("Ian Holt founded Lark Airways in 1994.")


def test_events_get_readable_names(nlp):
    from kg.pipeline import read_text
    [event] = read_text("Gary Platt was arrested by Kent Police on 4 June 2022.").events
    assert event.name == "Arrest of Gary Platt (2022-06-04)"


@pytest.mark.parametrize("text, expected", [
    # the gerund's subject is the main clause's subject
    ("Carl Moody drove into a crowd before stabbing Dean Walsh.", {("@Attack", "attacker", "Carl Moody"),
                                                                  ("@Attack", "target", "Dean Walsh")}),
    # a coordinated passive shares the subject
    ("Carl Moody drove into a crowd and was shot dead by police.", {("@Die", "victim", "Carl Moody")}),
    ("Ruth Gale took over as chief executive in May 2004.", {("@StartPosition", "person", "Ruth Gale")}),
])
def test_shared_subjects_and_phrasal_verbs(read, text, expected):
    assert expected <= read(text)


def test_a_lemmatiser_slip_does_not_hide_the_trigger(read):
    # the small pipeline lemmatises "fined" as "fin"
    assert ("@Fine", "entity", "Gary Platt") in read("Gary Platt was fined by Leeds Crown Court on Monday.")


@pytest.mark.parametrize("text, expected", [
    ("Gunmen attacked Camp Orlan in Kelby Province, Afghanistan.",
     {("@Attack", "target", "Camp Orlan"), ("@Attack", "location", "Kelby Province"),
      ("@Attack", "location", "Afghanistan")}),
    ("Several activists were arrested, including Ana Lopes and Tom Reed.",
     {("@ArrestJail", "person", "Ana Lopes"), ("@ArrestJail", "person", "Tom Reed")}),
    ("Dan Ortez was found guilty of fraud in Boston.", {("@Convict", "defendant", "Dan Ortez")}),
    ("The Kelby Front launched attacks across the city, killing Tom Reed.", {("@Die", "agent", "Kelby Front")}),
    ("An explosion in Lyon wounded Ana Lopes.", {("@Attack", "location", "Lyon")}),
])
def test_more_ways_news_tells_violence_and_justice(read, text, expected):
    assert expected <= read(text)


def test_paying_tribute_is_no_payment(read):
    assert not any(s.startswith("@") for s, _, _ in read("Tom Reed and Ana Lopes paid tribute to Dan Ortez."))
    assert ("@TransferMoney", "giver", "Acme Bank") in read("Acme Bank paid a fee to the regulator.")


def test_the_subject_of_a_passive_is_not_the_attacker(read):
    facts = read("The Kelby Tower was shattered by an explosion in Lyon.")
    assert ("@Attack", "attacker", "Kelby Tower") not in facts


@pytest.mark.parametrize("text", [
    "Jack Ford attacked the decision of the court.",
    "Jack Ford attacked Tom Reed over the budget.",
    "There had been an explosion of new quangos, Jack Ford said.",
    "Tom Reed shot basketball hoops with pupils in Leeds.",
])
def test_criticism_and_figures_of_speech_are_no_attacks(read, text):
    assert not any(s == "@Attack" for s, _, _ in read(text))


def test_an_event_participant_is_never_a_guess_between_two_people(read):
    text = "The lawyer for Tom Reed questioned Dan Ortez in court. Later he was arrested."
    assert not any(s == "@ArrestJail" and p == "person" for s, p, _ in read(text))


def test_they_is_never_one_person(read):
    text = "Tom Reed spoke to reporters. They were all jailed in May."
    assert ("@ArrestJail", "person", "Tom Reed") not in read(text)


@pytest.mark.parametrize("text, kind", [
    ("Gary Platt was held in Leeds for ten years without trial.", "TrialHearing"),
    ("Ann Hale resigned rather than be sacked by Acme.", "EndPosition"),  # the sacking did not happen
])
def test_without_and_rather_than_say_it_did_not_happen(text, kind):
    from kg.pipeline import read_text
    assert (kind, "Negated") in [(e.type, e.factuality) for e in read_text(text).events]


@pytest.mark.parametrize("text, kind", [
    ("Ann Hale to step down at election", "EndPosition"),  # a headline's "to": what is to come
    ("Leaders will gather for next week's Kelby summit, said Tom Reed and Ann Hale.", "Meet"),
    ("Talks were held ahead of an EU summit in Brussels later in the week.", "Meet"),
    ("US envoy Tom Reed is meeting British officials this week to press his case.", "Meet"),  # not yet done
])
def test_what_is_to_come_is_planned(text, kind):
    from kg.pipeline import read_text
    assert (kind, "Asserted") not in [(e.type, e.factuality) for e in read_text(text).events]


@pytest.mark.parametrize("text, factuality", [
    ("The two-day Kelby Council summit in Brussels begins on 21 December.", "Planned"),  # after the article's date
    ("It is understood meetings between the unions and Tom Reed will be held on Wednesday.", "Planned"),
    ("Tom Reed said he hoped the talks with Ann Hale next week could produce a deal.", "Possible"),
])
def test_meetings_to_come(text, factuality):
    from kg.pipeline import read_text
    assert [e.factuality for e in read_text(text, "2004-12-16").events if e.type == "Meet"] == [factuality]


@pytest.mark.parametrize("text", [
    "The chancellor Tom Reed said he had met his golden rule with a surplus.",  # a target met
    "The Liberal Democrats have demonstrated that they can win, Ann Hale said.",  # shown
    "Ann Hale is in the seventh week of a hunger strike outside the embassy after the shooting season.",
    "Tom Reed became Britain's longest-serving chancellor of modern times in 2004.",  # a record, no start
])
def test_figures_of_speech_and_records_are_no_events(read, text):
    assert not any(s.startswith("@") for s, _, _ in read(text))


def test_the_one_who_held_talks_met_those_he_held_them_with(read):
    facts = read("Tom Reed held talks with his Israeli counterpart, Ari Levin, and the Palestinian leader, Sami Nasser.")
    assert {("@Meet", "entity", "Tom Reed"), ("@Meet", "entity", "Ari Levin")} <= facts


@pytest.mark.parametrize("text", [
    "Their anger shows a steely resolve to make Labour pay for the betrayal.",  # to suffer, not to pay
    "Acme Bank is chasing outstanding payments of £2m from Brandt Dairies.",  # not made
    "Recruit the right people, Gary Platt, and the post may be yours!",  # asked, not reported
])
def test_what_did_not_happen_is_no_event_that_did(text):
    from kg.pipeline import read_text
    assert not [e for e in read_text(text).events if e.factuality == "Asserted"]


def test_of_two_subjects_the_nearest_is_the_verbs(read):
    facts = read("Dr Tom Reed, on his first day in the post after Ann Hale was sacked, made changes.")
    assert ("@EndPosition", "person", "Ann Hale") in facts and ("@EndPosition", "person", "Tom Reed") not in facts


def test_a_subject_the_parser_lost_is_not_taken_from_the_main_clause(read):
    facts = read("Mr Reed was chosen to fight the seat after the previous candidate, Ann Hale, was sacked for lying.")
    assert ("@EndPosition", "person", "Tom Reed") not in facts and ("@EndPosition", "person", "Reed") not in facts


def test_two_meetings_with_one_person_in_common_stay_two(nlp):
    from kg.pipeline import read_text
    result = read_text("Gen Tariq Aziz met President Ann Hale in Paris on Sunday. "
                       "On Monday Gen Aziz held talks with Tom Reed in London.")
    names = {e.key: e.name for e in result.entities}
    meetings = [{names[f.object] for f in result.facts if f.subject == e.key and f.predicate == "entity"}
                for e in result.events if e.type == "Meet"]
    assert not any({"Ann Hale", "Tom Reed"} <= m for m in meetings)


def test_a_pronoun_is_not_the_main_subject_when_someone_was_named_after_it(read):
    facts = read("Mr Tom Reed said Mr Dan Hale had complained that he had inherited a mess when he took over "
                 "at the Kelby Office from Ann Ward.")
    assert not any(s == "@StartPosition" and o in ("Tom Reed", "Reed") for s, _, o in facts)


def test_two_subjects_of_one_verb_across_commas_both_died(read):
    facts = read("Retired nurse Mary Lane, 81, and her grandson Tom Lane, 19, died in the blaze.")
    assert {("@Die", "victim", "Mary Lane"), ("@Die", "victim", "Tom Lane")} <= facts


@pytest.mark.parametrize("text, kind", [
    ("Thousands of people are protesting in Kiev against Viktor Yanko.", "Demonstrate"),  # under way, not to come
    ("Police rather than soldiers attacked Tom Reed in Leeds with batons.", "Attack"),
    ("Tom Reed was arrested in Leeds on Monday and on Tuesday was charged with murder.", "ChargeIndict"),
    ("Greenpeace protested the decision in London.", "Demonstrate"),
    ("Ann Hale became the first female chief executive of Barclays in 2003.", "StartPosition"),
])
def test_rules_against_misreadings_leave_plain_events_alone(text, kind):
    from kg.pipeline import read_text
    assert (kind, "Asserted") in [(e.type, e.factuality) for e in read_text(text).events]


def test_replacing_a_thing_is_no_appointment(read):
    facts = read("Former schools inspector Tom Reed, 62, has replaced the old exams with a diploma.")
    assert not any(s in ("@StartPosition", "@EndPosition") for s, _, _ in facts)


@pytest.mark.parametrize("text, kind, person", [
    ("Ann Hale will replace him as chairman.", "StartPosition", "Ann Hale"),
    ("Tom Reed, who succeeded his father as head of Kelbco, said the plan was sound.", "StartPosition", "Tom Reed"),
    ("Ann Hale replaced Tom Reed as chief executive of Kelbco in May.", "EndPosition", "Tom Reed"),
])
def test_replacing_a_person_is_still_an_appointment(read, text, kind, person):
    assert (f"@{kind}", "person", person) in read(text)


def test_a_recommended_change_has_not_happened():
    from kg.pipeline import read_text
    events = read_text("Tom Reed has recommended replacing the chairman, Ann Hale, before the summer.").events
    assert events and all(e.factuality != "Asserted" for e in events)


def test_a_challenge_to_stand_down_is_no_departure():
    from kg.pipeline import read_text
    events = read_text("Tom Reed-Hale, the former TV host, has left the Kelby Party, saying it had let its voters "
                       "down.\n\nOn Friday, the party challenged Mr Reed-Hale to stand down as an MEP so that it "
                       "could pick a new candidate.").events
    assert [(e.rule, e.factuality) for e in events] == [("event.verb:stand", "Possible")]


def test_two_posts_taken_are_two_appointments():
    from kg.pipeline import read_text
    events = read_text("Tom Hale, born in 1920, became a clerk at the Kelby Tax Office.\n\nYears later, after a spell "
                       "as a junior minister, he became chancellor of the exchequer when his party won power in "
                       "1970.").events
    assert [e.type for e in events if e.type != "BeBorn"] == ["StartPosition", "StartPosition"]


def test_one_post_told_twice_is_one_departure():
    from kg.pipeline import read_text
    events = read_text("Ann Hale resigned as chairman of Kelbco on Friday. She resigned as chairman hours after "
                       "the vote, the firm said.").events
    assert [e.type for e in events] == ["EndPosition"]


def test_meetings_in_two_places_are_two_meetings():
    from kg.pipeline import read_text
    events = read_text("In London on Monday, Tom Hale held talks with Ann Reed.\n\nEarlier, Mr Hale met Ann Reed "
                       "and Dan Cole in Paris.").events
    assert [e.type for e in events] == ["Meet", "Meet"]


def test_a_capitalised_word_inside_a_sentence_is_a_title_not_an_event():
    from kg.pipeline import read_text
    assert not read_text("Aid has halved, the Kelby Trust says in its report, Paying the Bill.").events
    assert [e.type for e in read_text("The report, Paying the Bill, says Kelby Council paid Ann Hale £5,000.").events] \
        == ["TransferMoney"]


@pytest.mark.parametrize("text", ["Ann Hale spoke of meeting many people across the country with worries.",
                                  "Ann Hale met voters in Kelby on Monday."])
def test_meeting_people_at_large_is_no_meeting(text):
    from kg.pipeline import read_text
    assert not read_text(text).events
    assert [e.type for e in read_text(text.replace("many people", "Tom Reed").replace("voters", "Tom Reed")).events] \
        == ["Meet"]


def test_meeting_unnamed_others_is_not_the_talks_with_named_ones():
    from kg.pipeline import read_text
    events = read_text("Mr Kelby held talks with his Kelbanian counterpart, Ann Hale, and the Harrovian leader, Tom "
                       "Reed. Before that, Mr Kelby made a visit to Iraq, where he met leaders in Baghdad.").events
    assert [e.type for e in events] == ["Meet", "Meet"]


def test_leaving_or_joining_a_party_is_no_change_of_post():
    from kg.pipeline import read_text
    assert not read_text("Tom Reed recently quit the Kelby Independence Party.").events
    assert not read_text("Tom Reed joined the Green Party in 2001.").events
    assert [e.type for e in read_text("Tom Reed quit as leader of the Kelby Party.").events] == ["EndPosition"]
    assert [e.type for e in read_text("The Kelby Party and the Green Party held talks in Hale.").events] == ["Meet"]


def test_a_date_after_a_clause_of_its_own_is_not_the_jailing_date():
    from kg.pipeline import read_text
    [arrest] = [e for e in read_text("In one of the best known cases, farmer Tom Reed was jailed for life for murdering "
                                     "16-year-old burglar Ann Hale, in 1999.").events if e.type == "ArrestJail"]
    assert arrest.name == "Arrest of Tom Reed"
    [arrest] = read_text("Tom Reed was jailed in 2001 for killing a man.").events
    assert arrest.name == "Arrest of Tom Reed (2001)"


@pytest.mark.parametrize("text, expected", [  # a reviewer's counter-examples to the rules above
    ("Police said Tom Reed was ARRESTED in Kelby on Monday.", ["ArrestJail"]),
    ("Tom Reed met dozens of Kelby Party MPs in London on Tuesday.", ["Meet"]),
    ("The Kelby Party hired Tom Reed in May.", ["StartPosition"]),
    ("Tom Reed was sacked by the Kelby Party on Monday.", ["EndPosition"]),
])
def test_events_the_narrowed_rules_leave_alone(text, expected):
    from kg.pipeline import read_text
    assert [e.type for e in read_text(text).events] == expected


def test_a_date_after_a_participle_is_still_the_events():
    from kg.pipeline import read_text
    [death] = read_text("Tom Reed died, aged 74, in March 2020.").events
    assert death.name == "Death of Tom Reed (2020-03)"


def test_leaving_two_employers_is_two_departures():
    from kg.pipeline import read_text
    events = read_text("Tom Hale resigned from Kelby Council after a row.\n\nLater, Mr Hale quit Kelby Television "
                       "for remarks he made.").events
    assert [e.type for e in events] == ["EndPosition", "EndPosition"]


def test_meeting_a_future_wife_is_no_meeting():
    from kg.pipeline import read_text
    assert not read_text("Tom Hale went to Kelby University, where he met his future wife Ann, now an MEP.").events


def test_in_protest_says_why_not_what_was_held():
    from kg.pipeline import read_text
    assert not read_text("The Kelby Sons, a small group, set fire to empty farms in 1981 in protest at houses in "
                         "rural Wales being sold to outsiders.").events
    assert [e.type for e in read_text("Crowds staged a protest in Kelby.").events] == ["Demonstrate"]


def test_meeting_a_future_wife_by_her_name_is_no_meeting():
    from kg.pipeline import read_text
    assert not read_text("At Kelby University he met his future wife Nerys, who later became an MEP.").events


def test_leaving_a_whip_and_a_show_are_two_departures():
    from kg.pipeline import read_text
    events = read_text("Tom Reed, a Kelby MEP, resigned the Kelby Party whip in May after attacking its leaders."
                       "\n\nIn March, Mr Reed quit his Kelby TV show over comments he made about farmers.").events
    assert [e.type for e in events] == ["EndPosition", "EndPosition"]


def test_an_infinitive_the_parser_takes_for_a_clause_is_still_not_done(nlp):
    from spacy.tokens import Doc
    from kg.read.events import factuality
    # the parse spaCy gives in a longer article: "stand" as a clausal complement of "challenged"
    words = ["The", "party", "challenged", "Reed", "to", "stand", "down", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 5, 5, 2, 5, 2],
              deps=["det", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "prt", "punct"],
              pos=["DET", "NOUN", "VERB", "PROPN", "PART", "VERB", "ADP", "PUNCT"],
              tags=["DT", "NN", "VBD", "NNP", "TO", "VB", "RP", "."],
              lemmas=["the", "party", "challenge", "Reed", "to", "stand", "down", "."])
    assert factuality(doc[5]) == "Possible"


@pytest.mark.parametrize("text, kind, factuality", [
    ("Tom Reed met the husband of murdered nurse Ann Hale on Friday.", "Meet", "Asserted"),
    ("Tom Reed challenged his dismissal by Kelbco at a tribunal.", "EndPosition", "Asserted"),
    ("The report recommended changes after the death of Ann Hale in Kelby.", "Die", "Asserted"),
    ("Ann Hale replaced the incumbent as leader in May.", "StartPosition", "Asserted"),
    ("Tom Reed succeeded the 64-year-old as chairman of Kelbco.", "StartPosition", "Asserted"),
])
def test_events_read_right_after_the_reviewers_counter_examples(text, kind, factuality):
    from kg.pipeline import read_text
    assert (kind, factuality) in [(e.type, e.factuality) for e in read_text(text).events]


def test_a_death_at_a_hospital_with_staff_keeps_its_place(read):
    facts = read("Ann Hale, a nurse at Kelby Hospital, said Tom Reed died at Kelby Hospital on Monday.")
    assert ("Tom Reed", "deathPlace", "Kelby Hospital") in facts
