"""Mention rules on sentences we wrote, through the real pipeline."""
import pytest

from kg.read.mentions import find_mentions


def mentions(nlp, text):
    return {(m.name, m.type) for m in find_mentions(nlp(text))}


def test_title_makes_a_person_and_is_split_off(nlp):
    [m] = [x for x in find_mentions(nlp("Yesterday Pc Hobbs was praised by the court.")) if x.name == "Hobbs"]
    assert m.type == "Person" and m.prefixes == ("Pc",) and m.text == "Pc Hobbs"


def test_title_before_a_double_barrelled_name_untagged(nlp):
    found = find_mentions(nlp("The vote could have triggered Mr Kelby-Hale's departure from the group."))
    assert [m.name for m in found if m.type == "Person"] == ["Kelby-Hale"]


def test_first_name_and_a_surname_tagged_as_a_plural(nlp):
    found = mentions(nlp, "Hugo Weavers, European head of trade policy at KelbyTIA, a body for software makers, said "
                          "only when ideas were protected would firms grow.")
    assert ("Hugo Weavers", "Person") in found


def test_one_word_business_name_ending_in_possessive(entities_of):
    found = entities_of("Among the donors, burger chain McHale's gave a sum of £9,000. McHale's chief executive Tom Reed "
                        "said so.")
    assert found["McHale's"][0] == "Organization" and "McHale" not in found


def test_a_word_made_of_a_name_mentions_no_one(nlp):
    found = mentions(nlp, "He promised a Tom Reed-style tax cut and a Gordon Kelby-style spree. Kim Won-yong left. "
                          "A Jane Corby-led coalition took power.")
    assert not any(name.startswith(("Tom", "Gordon")) for name, _ in found) and ("Kim Won-yong", "Person") in found
    assert ("Jane Corby", "Person") in found  # "-led" tells what she did


def test_plural_title_before_names_is_a_title(nlp):
    [m] = [x for x in find_mentions(nlp("The appeal was heard by Lord Justices Kelby and Hale in London.")) if x.prefixes]
    assert m.name == "Kelby" and m.prefixes == ("Lord", "Justices")


def test_a_long_name_ending_in_a_head_word_is_no_person(nlp):
    found = mentions(nlp, "The Simon Kelby Center said the claims were false. Mary Lane said so.")
    assert ("Simon Kelby Center", "Person") not in found and ("Mary Lane", "Person") in found


def test_a_possessive_title_is_no_prefix(nlp):
    found = mentions(nlp, "Soldiers from the Queen's Lancashire Regiment were there.")
    assert not any(name.startswith("'s") for name, _ in found)


def test_words_of_two_sides_joined_by_a_hyphen_name_no_one(nlp):
    found = mentions(nlp, "It was the old Tory-Labour debate. The Franco-German plan failed. Tom Kelby-Hale spoke.")
    assert {name for name, _ in found} == {"Tom Kelby-Hale"}


def test_a_party_before_a_first_name_is_no_part_of_the_name(nlp):
    assert ("Norman Kelby", "Person") in mentions(nlp, "Lib Dem Norman Kelby said so.")


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
    ("Sales of players made by Kelby Labs rose by a third.", "Kelby Labs", "Organization"),
    ("She became chief conductor of the Kelby Radio Orchestra.", "Kelby Radio Orchestra", "Organization"),
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


def test_span_glued_across_a_lowercase_word_is_split(nlp, entities_of):
    entities = entities_of("Maria Lopez sued Zentek boss Harold Vane over the deal.")
    assert entities["Harold Vane"][0] == "Person"
    assert not any("boss" in name for name in entities)


def test_name_cut_in_two_is_joined(entities_of):
    entities = entities_of("The US Fisheries Agency said it would appeal.")
    assert "US Fisheries Agency" in entities


def test_place_police_is_one_organisation(entities_of):
    entities = entities_of("West Midlands police said a man had been detained.")
    assert entities.get("West Midlands police", ("",))[0] == "Organization"


def test_a_persons_possessive_names_a_work(entities_of):
    entities = entities_of("The orchestra played Johann Brandt's Die Nacht last night.")
    assert "Die Nacht" not in entities and entities["Johann Brandt"][0] == "Person"


def test_unknown_abbreviation_is_an_organisation_not_a_place(entities_of):
    entities = entities_of("The leader of the UCPF spoke to members of the NRWA on Sunday.")
    assert entities["UCPF"][0] == "Organization" and entities["NRWA"][0] == "Organization"


def test_unlabelled_abbreviation_is_an_organisation(nlp):
    from spacy.tokens import Doc

    from kg.read.mentions import _unlabelled_names
    words = ["Members", "of", "the", "UCPF", "and", "the", "CEO", "met", "."]
    doc = Doc(nlp.vocab, words=words, tags=["NNS", "IN", "DT", "NNP", "CC", "DT", "NNP", "VBD", "."],
              sent_starts=[True] + [False] * 8)
    assert _unlabelled_names(doc, covered=set()) == [(3, 4, "ORG", "mention.acronym")]


def test_proper_nouns_after_at_the_are_a_place(entities_of):
    assert entities_of("The hearing was held at the Old Granary.")["Old Granary"][0] == "Place"


def test_capitalised_common_word_in_a_headline_is_no_name(entities_of):
    entities = entities_of("Plumber jailed over fraud\n\nA plumber from Leeds was jailed on Monday.")
    assert "Plumber" not in entities


def test_known_first_name_makes_a_person_whatever_spacy_says(entities_of):
    entities = entities_of("Runner Marta Lindqvist won gold in Helsinki.")
    assert entities["Marta Lindqvist"][0] == "Person"


def test_noun_before_a_name_types_it(entities_of):
    entities = entities_of("The takeover of the Dutch bank Vanterpool was agreed.")
    assert entities["Vanterpool"][0] == "Organization"


def test_blank_line_ends_a_sentence(nlp):
    doc = nlp("Mayor quits over parking row\n\nThe mayor of Kelby resigned on Monday.")
    first = next(doc.sents)
    assert first.text.strip() == "Mayor quits over parking row"


def test_lone_repeat_of_a_known_name_is_a_mention(nlp):
    from kg.read.entities import add_repeats, resolve_entities
    text = "Shares in Zentek Holdings fell. Zentek said profits were weak. Later Zentek's boss resigned."
    doc = nlp(text)
    last = text.rindex("Zentek")
    found = [m for m in find_mentions(doc) if m.span.start != last]  # as if spaCy had missed the last one
    entities = resolve_entities(found)
    add_repeats(doc, entities)
    zentek = next(e for e in entities if e.name == "Zentek Holdings")
    assert last in {m.span.start for m in zentek.mentions}


def test_a_big_city_is_not_a_first_name(entities_of):
    entities = entities_of("The Sydney Olympic champion retired on Friday.")
    assert not any(t == "Person" for t, _ in entities.values())


@pytest.mark.parametrize("text, name, kind", [
    ("Shares in Zentrix fell 5% after Zentrix said it would cut jobs.", "Zentrix", "Organization"),
    ("Zentrix's shareholders rejected the offer.", "Zentrix", "Organization"),
    ("The Kelby Herald newspaper printed the letter.", "Kelby Herald", "Organization"),
    ("Labour MP Dan Hobbs said the vote was close.", "Labour", "Organization"),
    ("Belgian rival Kim Peeters finished second.", "Kim Peeters", "Person"),
])
def test_the_words_around_a_name_decide_its_type(entities_of, text, name, kind):
    assert entities_of(text)[name][0] == kind


@pytest.mark.parametrize("text, absent", [
    ("She starred in the film Jungle Days with Tom Reed.", "Jungle Days"),
    ("Acme sells the cholesterol drug Zolarin in Europe.", "Zolarin"),
    ("The Kelby Agreement was signed in 1985.", "Kelby Agreement"),
    ("She won the European Indoor Championships in Madrid.", "European Indoor Championships"),
    ("He won an Oscar in 2004.", "Oscar"),
    ("The Minister said nothing on Sunday.", "Minister"),
    ("The firm paid 745bn Indian rupees.", "Indian"),
    ("He wrote his own play, Gentle Thunder, in 1961.", "Gentle Thunder"),
    ("She made five films with him, including Night Harbour and Blue Lantern.", "Night Harbour"),
    ("He made his debut in Silver Rain starring Ann Kobel.", "Silver Rain"),
    ("Award nominees include Ruth Vane for Marlowe.", "Marlowe"),
    ("He was an Oscar nominee last year.", "Oscar"),
    ("Aid must reach three million Africans by 2010.", "Africans"),
])
def test_works_products_laws_contests_and_titles_are_no_entities(entities_of, text, absent):
    assert absent not in entities_of(text)


@pytest.mark.parametrize("text, name", [
    ("Lord Dale told BBC2's morning show that the plan had failed.", "BBC2"),
    ("Viewers asked about the sinking of the Tembrook in the war.", "Tembrook"),
    ("Law Lords ruled last month that the men were held unlawfully.", "Law Lords"),
    ("He was arrested at London's King Cross station on Friday.", "Cross"),
    ("It said the Black Watch was in the front line.", "Black Watch"),
    ("The poster showed him as the character Fagin.", "Fagin"),
    ("Entering Westminster, he came to share an office with Tom Reed.", "Entering Westminster"),
    ("Lifelong Learning Minister Jim Wallis said that no student would miss out.", "Lifelong Learning"),
    ("Spokesman Bob Hale, of Torvale, said rises must be small.", "Torvale"),
    ("The Tories say the Lib Dems would raise tax and Labour says their sums do not add up.", "Labour"),
    ("The Tories say the Lib Dems would raise tax and Labour says their sums do not add up.", "Lib Dems"),
])
def test_names_that_are_no_one_person(entities_of, text, name):
    assert entities_of(text).get(name, ("absent",))[0] != "Person"


@pytest.mark.parametrize("text, name", [
    ("Douglas Kerr, the Tory MP for Kelby and North Hamley, said so.", "North Hamley"),
    ("Pickets were held in towns including Cardiff, Bangor, Aberystwyth and Wrexham.", "Aberystwyth"),
    ("Across Wales, pickets were held outside job centres.", "Wales"),
    ("North Kelby landowner Giles Brand said he would fight on.", "North Kelby"),
    ("The men were held at Belmarsh prison, London, and Woodhill, Kelby, until May.", "Woodhill"),
])
def test_constituencies_and_lists_of_places_are_places(entities_of, text, name):
    assert entities_of(text)[name][0] == "Place"


@pytest.mark.parametrize("text, absent", [
    ("Lord Hale told BBC One's Breakfast with Kerr programme that he would stay.", "Kerr"),
    ("A plea by current Lord Chancellor Lord Hale was rejected.", "Chancellor Lord"),
    ("Lib Dem MP Lembit Varga said ministers had invented a new offence.", "Lib Dem MP Lembit Varga"),
])
def test_programmes_and_titles_are_no_names(entities_of, text, absent):
    assert absent not in entities_of(text)


def test_attorney_general_is_no_military_rank(entities_of):
    entities = entities_of("On 13 March Attorney General Lord Hale met the minister.")
    assert not any("General" in alias for _, aliases in entities.values() for alias in aliases)


def test_people_joined_by_and_are_two(entities_of):
    entities = entities_of("Hale and Brook attacked. Later Tom Hale and Anna Brook met the press.")
    assert "Hale and Brook" not in entities and entities["Tom Hale"][0] == "Person"


def test_a_party_before_a_name_is_no_part_of_it(entities_of):
    entities = entities_of("But fellow Tory David Lowther said the rules were folly.")
    assert "David Lowther" in entities and "Tory David Lowther" not in entities


def test_a_title_inside_a_span_starts_a_new_name(entities_of):
    entities = entities_of("The Kelby Times Mr Lee read was late.")
    assert "Kelby Times" in entities and entities["Lee"][0] == "Person"


@pytest.mark.parametrize("text, name, kind", [
    ("Former prime minister John Major spoke to reporters.", "John Major", "Person"),
    ("The governor of the Bank, Mervyn King, said rates would rise.", "Mervyn King", "Person"),
    ("Chelsea's John Terry shows his class again.", "John Terry", "Person"),
    ("Shares in South West Trains rose on Monday.", "South West Trains", "Organization"),
])
def test_rules_against_misreadings_leave_plain_names_alone(entities_of, text, name, kind):
    assert entities_of(text)[name][0] == kind


def test_an_organisation_word_before_of_heads_the_name(entities_of):
    # "Christian" is also a first name: the name is still a council's
    entities = entities_of("Ann Hale said the Christian Council of Kelbania had asked the firm to respond.")
    assert entities["Christian Council of Kelbania"][0] == "Organization"


def test_a_dj_before_a_name_is_no_part_of_it(entities_of):
    entities = entities_of("Kelby Radio DJ Marcella Moss said the show would go on.")
    assert "Marcella Moss" in entities and "DJ Marcella Moss" not in entities


def test_a_title_before_a_plural_job_names_no_one(entities_of):
    entities = entities_of("Fire chiefs met on Monday. Association of Chief Fire Officers chairwoman Ann Hale called "
                           "the plan weak.")
    assert "Fire Officers" not in entities and "Chief Fire Officers" not in entities and "Ann Hale" in entities


def test_a_job_in_capitals_before_a_name_says_a_person(entities_of):
    # "said it" would say a firm; the job before the name says otherwise, and "Mr Fenwick" is the same man
    entities = entities_of("Labour got a gift. General Secretary Jago Fenwick said it was welcome. "
                           '"We will use it," Mr Fenwick said.')
    assert entities["Jago Fenwick"] == ("Person", ["Fenwick", "Mr Fenwick"])


def test_no_sentence_starts_inside_a_name(nlp):
    from kg.read import mark_paragraphs
    doc = nlp.make_doc("Tax rise ruled out, says Hale\n\nTony Hale has said he will not raise taxes.")
    for name, component in nlp.pipeline:
        if name == "kg_paragraphs":
            break
        doc = component(doc)  # tagged, as the component finds it in the pipeline
    doc = mark_paragraphs(doc)
    tony = next(t for t in doc if t.text == "Tony")
    assert tony.is_sent_start and doc[tony.i + 1].is_sent_start is False


def test_a_name_after_a_headline_is_one_name(entities_of):
    entities = entities_of("Tax rise ruled out, says Hale\n\nTom Hale has said he will not raise taxes before "
                           "the next election.\n\nMr Hale said his answer was no.")
    assert entities["Tom Hale"][0] == "Person" and "Hale" not in entities


def test_a_name_followed_by_which_is_no_person(entities_of):
    entities = entities_of("Ann Hale has long had ties to Kelbo Dei, which runs schools in the north.")
    assert entities["Kelbo Dei"][0] == "Organization"


def test_a_business_word_ends_a_firm_name(nlp, entities_of):
    from spacy.tokens import Span
    from kg.read.mentions import find_mentions
    doc = nlp("Ann Hale, head of equity research at KBL Stockbrokers, said shares were cheap.")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 8, 10, label="PRODUCT")]  # as spaCy labels some
    assert [(m.name, m.type) for m in find_mentions(doc)] == [("Ann Hale", "Person"), ("KBL Stockbrokers", "Organization")]
    # a person whose surname is a business word stays a person
    entities = entities_of("Kelby Brand, 45, said he had been sacked by Kelbco. Mr Brand will appeal.")
    assert entities["Kelby Brand"] == ("Person", ["Brand", "Mr Brand"])


def test_two_surnames_joined_by_a_hyphen_name_no_one(entities_of):
    entities = entities_of("Reed-Hale 'rift' worries donors\n\nThe rift between Tom Reed and Ann Hale has led a donor "
                           "to speak out. A new book has added to talk of the Reed-Hale rift. Mary Kelby-Hale said it "
                           "was sad.")
    assert "Reed-Hale" not in entities and entities["Mary Kelby-Hale"][0] == "Person"


def test_a_group_known_as_a_name_is_an_organisation(entities_of):
    entities = entities_of("Tom Reed said the security services, not Kelbion Gwyn, were behind the fires. They were "
                           "blamed on a shadowy group known as Kelbion Gwyn.")
    assert entities["Kelbion Gwyn"][0] == "Organization"


def test_a_plural_title_before_a_list_of_names(entities_of):
    entities = entities_of("The appeal was heard by Lords Kelby, Reed and Tate, who said it should fail.")
    assert entities["Kelby"][0] == "Person" and not any("," in name or name.startswith("Lords") for name in entities)


def test_a_prophet_is_a_title(entities_of):
    assert "Kelbir" in entities_of("Many people revere Prophet Kelbir.")


def test_a_first_name_spacy_left_out_at_a_sentence_start(nlp):
    from spacy.tokens import Span
    from kg.read.mentions import find_mentions
    names = {}
    for text in ("Shani Ellis Hale is worried about the plan.", "Blairite Tom Reed is worried about the plan.",
                 "Kelbury Hale Rail Maintenance faces a charge."):
        doc = nlp(text)
        doc.ents = [Span(doc, 1, 3, label="PERSON")]  # spaCy's span at times, without the first word
        names[text.split()[0]] = [m.name for m in find_mentions(doc)]
    # a known first name that is no English word belongs to the name; a word for a faction does not; nor
    # does the first word of a name that starts with no first name
    assert names == {"Shani": ["Shani Ellis Hale"], "Blairite": ["Tom Reed"], "Kelbury": ["Kelbury Hale Rail Maintenance"]}


@pytest.mark.parametrize("text, name, kind", [
    ("Queens Park Rangers beat Kelby Town on Saturday.", "Queens Park Rangers", "Organization"),
    ("Ann Hale studied at Kings College London.", "Kings College London", "Organization"),
    ("The club named Tom Reed as its new manager on Monday.", "Tom Reed", "Person"),
    ("The two men were held at Kelby Lodge, Milton Keynes, for a year.", "Milton Keynes", "Place"),
    ("Ann Hale said her majority in the Brent South seat was safe.", "Brent South", "Place"),
])
def test_names_read_right_after_the_reviewers_counter_examples(entities_of, text, name, kind):
    assert entities_of(text)[name][0] == kind


def test_a_child_with_a_double_barrelled_surname_is_a_person(entities_of):
    entities = entities_of("Tom Reed and Kim Hale had a son. Reed-Hale, who was born in Kelby, was arrested on Monday.")
    assert entities["Reed-Hale"][0] == "Person"


def test_a_job_after_a_comma_says_a_person_against_spacys_label(nlp):
    from spacy.tokens import Span
    doc = nlp("His friend, Saxon Dale, leader of the county Labour group, blamed one issue.")
    doc.ents = [Span(doc, 3, 5, label="ORG")]  # as spaCy labels some names of people it does not know
    assert [(m.name, m.type) for m in find_mentions(doc)] == [("Saxon Dale", "Person")]


def test_a_name_described_as_an_animal_is_no_person(entities_of):
    entities = entities_of("Her old guide dog was replaced by her half-sister, Bessie, a black Labrador-curly-coated "
                           "retriever cross. Ann Hale, a dog breeder, said so.")
    assert "Bessie" not in entities and entities["Ann Hale"][0] == "Person"


def test_a_full_name_whose_surname_goes_with_mr_is_a_person(nlp):
    from spacy.tokens import Span
    doc = nlp("The Kelby Society's Kelvo Kavala said so. Mr Kavala added that it was late. Labour's Elizabeth "
              "Hale won the seat.")
    # as spaCy labels some names it does not know: a building, a place, a party as a person
    doc.ents = [Span(doc, 4, 6, label="FAC"), Span(doc, 10, 11, label="GPE"), Span(doc, 17, 18, label="PERSON"),
                Span(doc, 19, 21, label="PERSON")]
    found = {(m.name, m.type) for m in find_mentions(doc)}
    assert ("Kelvo Kavala", "Person") in found
    assert ("Elizabeth Hale", "Person") in found  # after a party's possessive a name is no work's title


@pytest.mark.parametrize("text", ["Lib Dem Treasury spokesman Tom Reed said the plan was wrong.",
                                  "Tory Home Affairs spokesman Tom Reed said the plan was wrong."])
def test_a_party_and_a_brief_are_the_start_of_a_title(entities_of, text):
    assert list(entities_of(text)) == ["Tom Reed"]


def test_a_surname_after_o_apostrophe_joins_the_name_before_it(nlp):
    from spacy.tokens import Span
    doc = nlp("The plan was backed by Rory O' Kelly, editor of a farm paper.")
    doc.ents = [Span(doc, 5, 7, label="PERSON")]  # as spaCy cuts it at times: "Rory O" and "Kelly"
    assert [m.name for m in find_mentions(doc)] == ["Rory O' Kelly"]


def test_a_surname_spacy_left_out_joins_the_name(nlp):
    from spacy.tokens import Span
    doc = nlp("She said Tory Dominic Kelby branded the plan a scandal.")
    doc.ents = [Span(doc, 2, 4, label="PERSON")]  # as spaCy cuts it at times: "Tory Dominic"
    assert [m.name for m in find_mentions(doc)] == ["Dominic Kelby"]


def test_a_plural_title_is_no_part_of_an_alias(entities_of):
    entities = entities_of("Lord Kelby, sitting with Lords Hale, Reed and Dobbs, ruled on Monday. Lord Hale agreed.")
    assert entities["Hale"] == ("Person", ["Lord Hale"])


@pytest.mark.parametrize("text, name, kind", [  # classes of error the hand checks of the politics articles found
    # titles, parties and bodies
    ("Only 40% think Mrs Ann Hale should become Princess Consort.", "Consort", None),
    ("The Kelby Consort, an early music group, played.", "Kelby Consort", "Organization"),
    ("But opponents, including Tory Lord Kelby and the Bishop of Kelby, said it was wrong.", "Tory Lord Kelby", None),
    ("But opponents, including Tory Lord Kelby and the Bishop of Kelby, said it was wrong.", "Kelby", "Person"),
    ("Tom Reed, from the Kelby Safety Forum, said the men were innocent.", "Kelby Safety Forum", "Organization"),
    # "O'" split off a surname; a job word glued on; an instance of a kind of thing
    ("The plan was backed by Rory O' Kelly, editor of a farm paper. Mr O' Kelly said it would fail.", "O", None),
    ("The plan was backed by Rory O' Kelly, editor of a farm paper. Mr O' Kelly said it would fail.",
     "Rory O' Kelly", "Person"),
    ("Farmer Huw Dobbs said he would sue the council.", "Huw Dobbs", "Person"),
    ("Farmer Huw Dobbs said he would sue the council.", "Farmer Huw Dobbs", None),
    ("Shares in casino operators such as Kelton Leisure fell.", "Kelton Leisure", "Organization"),
    # titles that name someone; a job after a comma
    ("The estate passes to the Prince of Wales on her death.", "Prince of Wales", "Person"),
    ("The estate passes to the Prince of Wales on her death.", "of Wales", None),
    ("The Queen Mother opened the bridge in 1961.", "Queen Mother", "Person"),
    ("The Queen Mother opened the bridge in 1961.", "Mother", None),
    ("His friend, Saxon Dale, leader of the county Labour group, blamed one issue.", "Saxon Dale", "Person"),
    # a reviewer's counter-examples: what the narrowed rules leave alone
    ("Performers such as Ed Reed and Ann Hale backed the campaign.", "Ed Reed", "Person"),
    ("The late Ayrton Kelby won three world titles.", "Ayrton Kelby", "Person"),
    ("Oliver Kelby Marr was arrested in Leeds on Tuesday.", "Oliver Kelby Marr", "Person"),
    ("Kelbco, owner of the Kelby Arms, was sold on Friday.", "Kelbco", "Organization"),
    ("Ann Hale, a dog-loving mother of two, was killed in Kelby.", "Ann Hale", "Person"),
    ("Kelbco, a pet insurance firm, has been fined.", "Kelbco", "Organization"),
    ("Rivals Kelby Rovers signed Tom Reed on Monday.", "Rivals Kelby Rovers", None),
    # plural words and nationals are no part of a name
    ("Minister for Children, Young People and Families Ann Hale said so.", "Young People", None),
    ("The title went to Welshman Ray Hale in 1978.", "Ray Hale", "Person"),
    ("Kelby Adams and Tom Jones met on Monday.", "Kelby Adams", "Person"),
])
def test_names_from_the_hand_checks(entities_of, text, name, kind):
    assert entities_of(text).get(name, (None,))[0] == kind
