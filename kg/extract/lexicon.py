"""Closed word lists that the extraction rules use: English, not article-specific."""

# Honorifics and ranks written before a name. They mark a person and are kept as
# schema:honorificPrefix; the name itself is stored without them.
PREFIX_TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady baroness baron rev reverend revd fr
pc wpc dc ds di dci dsi sgt sergeant det detective insp inspector supt superintendent ch chief con
constable cllr councillor capt captain col colonel gen general lt lieutenant maj major cpl corporal
pte private adm admiral cdr commander brig brigadier judge justice
president senator sen rep governor gov mayor archbishop bishop cardinal rabbi imam sheikh ayatollah
king queen prince princess duke duchess earl count countess
""".split())
# Titles that say the person is a woman or a man.
FEMALE_TITLES = frozenset("mrs ms miss lady dame baroness queen princess duchess countess wpc".split())
MALE_TITLES = frozenset("mr sir lord baron king prince duke earl fr".split())
# Written after a name: "Mark Smith QC", "Jane Doe MP".
SUFFIX_TITLES = frozenset("qc kc mp mep msp am jr sr obe mbe cbe kbe dbe phd".split())

# Last words that make a name an organisation ...
ORG_HEADS = frozenset("""
police constabulary force service services party council ministry department office agency authority
commission committee court tribunal parliament assembly senate congress government bank banks
university college polytechnic school academy institute institution foundation trust society association union
federation league club fc team corporation corp inc ltd plc llc company co group holdings industries
airlines airways motors systems technologies networks partners bureau board army navy
times post news herald guardian telegraph mirror express mail gazette journal tribune chronicle
observer independent standard star sun record echo press magazine radio television tv channel
""".split())
# ... or a place (streets, buildings, natural features).
PLACE_HEADS = frozenset("""
street st road rd avenue ave lane way drive square yard gate gates bridge park palace castle tower
abbey cathedral church chapel hall house estate airport station harbour port river lake mountain
mount hill valley island islands bay coast sea ocean forest county province state region district
borough city town village
""".split())

# Heads of venues, which news treats as places and as organisations alike.
VENUE_HEADS = frozenset("""
theatre theater opera stadium arena hospital prison jail museum gallery hotel conservatory conservatoire
""".split())

# Common nouns that, written just before a name, say what kind of thing it is:
# "the Dutch bank Vanterpool", "the town of Kelby".
ORG_NOUNS = frozenset("""
bank lender insurer firm company business group carmaker maker manufacturer retailer chain giant rival
airline broadcaster newspaper paper tabloid magazine channel network party club team side union agency
watchdog regulator charity organisation organization body court council authority ministry department
government university college school orchestra band label studio publisher supermarket operator provider
developer brand fund conglomerate corporation institute foundation association federation league
""".split())
# Nouns that relate one organisation to another: "X, a subsidiary of Y"; "Y, owner of X".
PART_OF_NOUNS = frozenset("subsidiary unit division arm affiliate offshoot branch part".split())
OWNER_NOUNS = frozenset("owner parent".split())
PLACE_NOUNS = frozenset("city town village country state province region county district capital suburb island area".split())

# Small words that may stand inside a proper name: "Bank of England", "Stoke on Trent".
NAME_CONNECTORS = frozenset("of and the for & de du da di del der la le les von van y al el on upon".split())

# Ranks and offices written as titles before a name, and the job title each one gives.
RANK_TITLES = {
    "pc": "police constable", "wpc": "police constable", "dc": "detective constable", "ds": "detective sergeant",
    "di": "detective inspector", "dci": "detective chief inspector", "dsi": "detective superintendent",
    "det": "detective", "detective": "detective", "insp": "inspector", "inspector": "inspector",
    "sgt": "sergeant", "sergeant": "sergeant", "supt": "superintendent", "superintendent": "superintendent",
    "ch": "chief", "chief": "chief", "con": "constable", "constable": "constable", "cllr": "councillor",
    "councillor": "councillor", "capt": "captain", "captain": "captain", "col": "colonel", "colonel": "colonel",
    "gen": "general", "general": "general", "lt": "lieutenant", "lieutenant": "lieutenant", "maj": "major",
    "major": "major", "cpl": "corporal", "corporal": "corporal", "pte": "private", "adm": "admiral",
    "admiral": "admiral", "cdr": "commander", "commander": "commander", "brig": "brigadier",
    "brigadier": "brigadier", "judge": "judge", "justice": "justice", "president": "president",
    "senator": "senator", "sen": "senator", "rep": "representative", "governor": "governor", "gov": "governor",
    "mayor": "mayor", "archbishop": "archbishop", "bishop": "bishop", "cardinal": "cardinal", "rabbi": "rabbi",
    "imam": "imam", "prof": "professor", "professor": "professor", "king": "king", "queen": "queen",
    "ayatollah": "ayatollah",
}
SUFFIX_JOBS = {"mp": "mp", "mep": "mep", "msp": "msp"}

# Family words: the relation each one states between the owner ("his") and the named person.
#   spouse: symmetric; child: the named person is the owner's child; parent: the owner's parent.
KIN_WORDS = {
    "wife": "spouse", "husband": "spouse", "widow": "spouse", "widower": "spouse", "spouse": "spouse",
    "son": "child", "daughter": "child", "child": "child", "stepson": "child", "stepdaughter": "child",
    "father": "parent", "mother": "parent", "dad": "parent", "mum": "parent", "mom": "parent",
    "brother": "sibling", "sister": "sibling",
}
# People-nouns that are not jobs or positions.
NOT_JOBS = frozenset("""
fan supporter friend neighbour neighbor victim man woman boy girl child person people resident pedestrian
member relative family couple grandson granddaughter grandfather grandmother nephew niece cousin uncle aunt
partner fiancee fiance girlfriend boyfriend suspect defendant accused winner loser rival hero star legend
subsidiary unit division arm affiliate offshoot branch part
""".split()) | frozenset(KIN_WORDS)

# A job title ends in a noun for a person: one with a person-forming ending ("designer", "tourist",
# "commissioner", "superintendent", "executive") or one of these.
JOB_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "men", "person", "ee", "dent", "gent", "tant", "nant",
               "eant", "ive", "ary", "ier", "eer", "ess", "lord", "ot", "ant")
JOB_NOUNS = frozenset("""
chief head boss leader president minister chairman ceo cfo coo chair secretary spokesman spokeswoman officer executive
manager judge coroner commissioner police constable mp mep governor mayor king queen prince princess coach
captain striker goalkeeper midfielder defender nurse doctor surgeon chef cook clerk analyst economist
founder owner star actress actor poet author artist pilot soldier marine guard deputy premier chancellor
ambassador envoy diplomat bishop priest vicar pope imam rabbi monk nun cleric ayatollah dean principal
professor lecturer scientist expert campaigner activist lobbyist journalist reporter editor columnist critic
blogger weblogger athlete sprinter medallist champion singer guitarist drummer conductor composer pianist
director producer presenter host model designer architect engineer mechanic plumber electrician farmer
builder landlord tenant lawyer solicitor barrister attorney counsel prosecutor magistrate sheriff detective
inspector sergeant superintendent firefighter paramedic teacher student pupil graduate worker staff
employee official administrator superintendent general colonel major lieutenant admiral commander
""".split())


def is_job_noun(t) -> bool:
    """A noun (spaCy token) for a person's job or position ("coroner", "executive"), not for a thing."""
    word = t.lower_
    if word in NOT_JOBS or not t.is_alpha:
        return False
    return word in JOB_NOUNS or t.lemma_.lower() in JOB_NOUNS or (len(word) > 4 and word.endswith(JOB_ENDINGS))

# Fields of work that one person seldom holds at once, by the head word of a job title: two people of
# the same name, one a "striker" and one a "surgeon", are two people.
JOB_FIELDS = {
    **dict.fromkeys("""footballer striker goalkeeper midfielder winger athlete sprinter cricketer batsman
        bowler golfer boxer jockey cyclist swimmer hurdler skier wrestler""".split(), "sport"),
    **dict.fromkeys("""actor actress singer songwriter guitarist drummer pianist violinist composer conductor
        poet novelist painter sculptor dancer ballerina rapper comedian""".split(), "arts"),
    **dict.fromkeys("doctor surgeon nurse paramedic physician dentist midwife gp".split(), "medicine"),
    **dict.fromkeys("lawyer solicitor barrister attorney prosecutor magistrate judge coroner".split(), "law"),
    **dict.fromkeys("""policeman policewoman constable detective sergeant inspector superintendent""".split(),
                    "police"),
    **dict.fromkeys("soldier marine colonel lieutenant admiral corporal brigadier".split(), "military"),
    **dict.fromkeys("bishop archbishop priest vicar imam rabbi cardinal pope monk nun cleric".split(), "clergy"),
    **dict.fromkeys("minister mp mep msp senator governor mayor premier chancellor politician councillor".split(),
                    "politics"),
    **dict.fromkeys("journalist reporter columnist correspondent".split(), "press"),
}
