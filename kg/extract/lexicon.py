"""Closed word lists that the extraction rules use: English, not article-specific."""

# Honorifics and ranks written before a name. They mark a person and are kept as
# schema:honorificPrefix; the name itself is stored without them.
PREFIX_TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lord lady baroness baron rev reverend revd fr
pc wpc dc ds di dci dsi sgt sergeant det detective insp inspector supt superintendent ch chief con
constable cllr councillor capt captain col colonel gen general lt lieutenant maj major cpl corporal
pte private adm admiral cdr commander brig brigadier judge justice
president senator sen rep governor gov mayor archbishop bishop cardinal rabbi imam sheikh
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
university college school academy institute institution foundation trust society association union
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
