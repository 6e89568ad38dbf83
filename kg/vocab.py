"""The vocabulary of ONTOLOGY.md: namespaces, classes and the property table.

Every RDF term the builder writes is named here, and ``KGO`` is a closed
namespace, so a misspelt term (``KGO.atacker``) fails at import time instead of
minting a new IRI.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import OWL, PROV, RDF, RDFS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

SDO = Namespace("https://schema.org/")
KGO_IRI = "https://w3id.org/kg-builder/ontology#"

EVENT_CLASSES = (
    "Attack", "Demonstrate", "Die", "Injure", "BeBorn", "Marry", "Divorce", "Transport",
    "TransferOwnership", "TransferMoney", "StartOrg", "MergeOrg", "DeclareBankruptcy", "EndOrg",
    "Meet", "PhoneWrite", "StartPosition", "EndPosition", "Nominate", "Elect", "ArrestJail",
    "ReleaseParole", "TrialHearing", "ChargeIndict", "Sue", "Convict", "Sentence", "Fine",
    "Execute", "Extradite", "Acquit", "Appeal", "Pardon",
)

# ACE roles per event class (ONTOLOGY.md); the role's range is an entity.
EVENT_ROLES = {
    "Attack": ("attacker", "target", "instrument"),
    "Die": ("agent", "victim", "instrument"),
    "Injure": ("agent", "victim", "instrument"),
    "Transport": ("agent", "artifact", "origin", "destination"),
    "TransferOwnership": ("buyer", "seller", "beneficiary", "artifact"),
    "TransferMoney": ("giver", "recipient", "beneficiary"),
    **{c: ("agent", "org") for c in ("StartOrg", "MergeOrg", "DeclareBankruptcy", "EndOrg")},
    **{c: ("entity",) for c in ("Meet", "PhoneWrite", "Demonstrate")},
    **{c: ("person", "entity", "agent") for c in ("StartPosition", "EndPosition", "Nominate", "Elect")},
    **{c: ("person",) for c in ("BeBorn", "Marry", "Divorce")},
    **{c: ("agent", "person") for c in ("ArrestJail", "Execute")},
    "ReleaseParole": ("entity", "person"),
    "Extradite": ("agent", "person", "origin", "destination"),
    **{c: ("defendant", "prosecutor", "adjudicator") for c in ("ChargeIndict", "TrialHearing", "Appeal")},
    **{c: ("defendant", "adjudicator") for c in ("Convict", "Sentence", "Acquit", "Pardon")},
    "Fine": ("entity", "adjudicator"),
    "Sue": ("plaintiff", "defendant", "adjudicator"),
}
ROLES = tuple(sorted({r for roles in EVENT_ROLES.values() for r in roles}))


class KGO(DefinedNamespace):
    """kg-builder's own terms (ontology/kg.ttl defines each one)."""

    _NS = Namespace(KGO_IRI)
    _fail = True
    _extras = list(EVENT_CLASSES) + list(ROLES)

    age: URIRef  # Person -> xsd:integer
    sentence: URIRef  # Sentence event -> the sentence handed down, as text
    money: URIRef  # Fine event -> the amount, as text
    TextSpan: URIRef  # characters of an article: the evidence of a fact
    startOffset: URIRef
    endOffset: URIRef
    confidence: URIRef  # on an rdf:Statement: how sure the builder is, 0..1
    isoCode: URIRef  # Place -> ISO 3166-1 alpha-2 (a country) or ISO 3166-2 (a region)
    isoAlpha3: URIRef  # country -> ISO 3166-1 alpha-3


@dataclass(frozen=True)
class Prop:
    """How one NetworkX attribute or edge key is written in RDF."""

    iri: URIRef
    datatype: URIRef | None = None  # for literals; None for edges to nodes
    many: bool = False  # a list of values in NetworkX


# NetworkX node attributes that hold literals, by attribute name.
LITERALS = {
    "name": Prop(SDO.name, XSD.string),
    "alternateName": Prop(SDO.alternateName, XSD.string, many=True),
    "honorificPrefix": Prop(SDO.honorificPrefix, XSD.string, many=True),
    "honorificSuffix": Prop(SDO.honorificSuffix, XSD.string, many=True),
    "age": Prop(KGO.age, XSD.integer),
    "jobTitle": Prop(SDO.jobTitle, XSD.string, many=True),
    "startDate": Prop(SDO.startDate),  # xsd:date, gYearMonth or gYear, by the value's shape
    "sentence": Prop(KGO.sentence, XSD.string),
    "money": Prop(KGO.money, XSD.string),
    # places linked to gazetteers (kg.link)
    "isoCode": Prop(KGO.isoCode, XSD.string),
    "isoAlpha3": Prop(KGO.isoAlpha3, XSD.string),
    # articles
    "headline": Prop(SDO.headline, XSD.string),
    "datePublished": Prop(SDO.datePublished),
    "url": Prop(SDO.url, XSD.anyURI),
    "identifier": Prop(SDO.identifier, XSD.string, many=True),  # every id the same text came with
    # evidence spans
    "text": Prop(SDO.text, XSD.string),
    "startOffset": Prop(KGO.startOffset, XSD.integer),
    "endOffset": Prop(KGO.endOffset, XSD.integer),
}

# A linked place: ``sameAs`` (an IRI) and, on the node PLACE#geo (schema:geo), its coordinates.
SAME_AS = OWL.sameAs
GEO = {
    "latitude": Prop(SDO.latitude, XSD.decimal),
    "longitude": Prop(SDO.longitude, XSD.decimal),
    "addressCountry": Prop(SDO.addressCountry, XSD.string),
}

# NetworkX edge keys, each a property to another node.
RELATIONS = {
    **{name: SDO[name] for name in (
        "nationality", "spouse", "parent", "children", "sibling", "memberOf", "worksFor", "homeLocation",
        "birthPlace", "deathPlace", "containedInPlace", "founder", "parentOrganization", "subOrganization",
        "location", "mentions", "isPartOf",
    )},
    **{role: KGO[role] for role in ROLES},
}

# Node ``type`` attribute -> rdf:type values (the first is the type itself).
ARTICLE = "NewsArticle"
SPAN = "TextSpan"


def classes_of(node_type: str) -> tuple[URIRef, ...]:
    """The rdf:type IRIs written for a node of this ``type``."""
    if node_type in EVENT_CLASSES:
        return (SDO.Event, KGO[node_type])
    if node_type == SPAN:
        return (KGO.TextSpan,)
    return (SDO[node_type],)


def type_of(classes: set[URIRef]) -> str:
    """Inverse of ``classes_of``: the node ``type`` for a set of rdf:type IRIs."""
    for c in classes:
        if str(c).startswith(KGO_IRI):
            return str(c)[len(KGO_IRI):]
    for name in ("Person", "Organization", "Place", ARTICLE):
        if SDO[name] in classes:
            return name
    raise ValueError(f"no kg-builder node type among {sorted(map(str, classes))}")


PREFIXES = {"schema": SDO, "kgo": Namespace(KGO_IRI), "xsd": XSD, "rdfs": RDFS, "owl": OWL, "prov": PROV, "rdf": RDF}
