"""The vocabulary of ONTOLOGY.md: namespaces, classes and the property table.

Every RDF term the builder writes is named here, and ``KGO`` is a closed
namespace, so a misspelt term (``KGO.atacker``) fails at import time instead of
minting a new IRI.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from rdflib import OWL, PROV, RDF, RDFS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

SDO = Namespace("https://schema.org/")
KGO_IRI = "https://w3id.org/kg-builder/ontology#"

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


def ontology_file(name: str) -> Path:
    """A file of the ontology folder (in a source checkout, or installed beside the package)."""
    for folder in (ONTOLOGY_DIR, Path(__file__).resolve().parent / "ontology"):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"ontology file {name!r} not found in {ONTOLOGY_DIR}")


@dataclass(frozen=True)
class EventClass:
    """One event class of ``ontology/events.toml``: its ACE type, roles and English triggers."""

    name: str
    type: str  # the ACE event type: the OWL superclass kgo:<type>Event
    comment: str
    roles: dict  # role -> tuple of the entity classes that can fill it
    required: tuple  # roles without which a mention is no event
    template: str  # readable name: "arrest of {person}"
    verbs: tuple = ()  # dicts of ``[[Class.verb]]``
    nouns: tuple = ()  # dicts of ``[[Class.noun]]``


def _event_classes() -> dict[str, EventClass]:
    with open(ontology_file("events.toml"), "rb") as f:
        data = tomllib.load(f)
    return {name: EventClass(name, spec["type"], spec["comment"],
                             {role: tuple(types.split()) for role, types in spec["roles"].items()},
                             tuple(spec.get("required", ())), spec["name"],
                             tuple(spec.get("verb", ())), tuple(spec.get("noun", ())))
            for name, spec in data.items()}


EVENTS = _event_classes()
EVENT_CLASSES = tuple(EVENTS)
# ACE roles per event class (ONTOLOGY.md); the role's range is an entity.
EVENT_ROLES = {name: tuple(c.roles) for name, c in EVENTS.items()}
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
    rule: URIRef  # on an rdf:Statement: the identifier of a rule that read it (kg.read.rules)
    indirect: URIRef  # Quotation -> xsd:boolean: reported speech, not words in quotation marks
    factuality: URIRef  # Event -> one of FACTUALITY: whether the text reports it as having happened
    Factuality: URIRef
    Asserted: URIRef
    Alleged: URIRef
    Negated: URIRef
    Planned: URIRef
    Possible: URIRef
    isoCode: URIRef  # Place -> ISO 3166-1 alpha-2 (a country) or ISO 3166-2 (a region)
    isoAlpha3: URIRef  # country -> ISO 3166-1 alpha-3
    # an editor's decision (kg.corrections) and what it says
    Correction: URIRef
    decision: URIRef  # its kind: same-as, retype, delete-fact ...
    editor: URIRef
    reason: URIRef
    decidedAt: URIRef
    source: URIRef  # where an added fact comes from
    replaces: URIRef  # node -> an IRI the node had before a correction merged or moved it


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
    # quotations (their words are ``text``)
    "indirect": Prop(KGO.indirect, XSD.boolean),
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
    # an editor's decision (kg.corrections); its ``name`` is the decision as a kg correct command
    "decision": Prop(KGO.decision, XSD.string),
    "editor": Prop(KGO.editor, XSD.string),
    "reason": Prop(KGO.reason, XSD.string),
    "decidedAt": Prop(KGO.decidedAt),  # xsd:dateTime or xsd:date, by the value's shape
    "source": Prop(KGO.source, XSD.anyURI),
}

# A linked place: ``sameAs`` (an IRI) and, on the node PLACE#geo (schema:geo), its coordinates.
SAME_AS = OWL.sameAs
GEO = {
    "latitude": Prop(SDO.latitude, XSD.decimal),
    "longitude": Prop(SDO.longitude, XSD.decimal),
    "addressCountry": Prop(SDO.addressCountry, XSD.string),
}

# An event's ``factuality`` attribute (absent: asserted), written as the IRI kgo:<value>.
FACTUALITY = ("Asserted", "Alleged", "Negated", "Planned", "Possible")

# NetworkX edge keys, each a property to another node.
RELATIONS = {
    **{name: SDO[name] for name in (
        "nationality", "spouse", "parent", "children", "sibling", "memberOf", "worksFor", "homeLocation",
        "birthPlace", "deathPlace", "containedInPlace", "founder", "parentOrganization", "subOrganization",
        "location", "mentions", "isPartOf", "creator", "about",
    )},
    **{role: KGO[role] for role in ROLES},
}

# Node ``type`` attribute -> rdf:type values (the first is the type itself).
ARTICLE = "NewsArticle"
QUOTATION = "Quotation"
SPAN = "TextSpan"
CORRECTION = "Correction"


def classes_of(node_type: str) -> tuple[URIRef, ...]:
    """The rdf:type IRIs written for a node of this ``type``."""
    if node_type in EVENT_CLASSES:
        return (SDO.Event, KGO[node_type])
    if node_type == SPAN:
        return (KGO.TextSpan,)
    if node_type == CORRECTION:
        return (KGO.Correction,)
    return (SDO[node_type],)


def type_of(classes: set[URIRef]) -> str:
    """Inverse of ``classes_of``: the node ``type`` for a set of rdf:type IRIs."""
    for c in classes:
        if str(c).startswith(KGO_IRI):
            return str(c)[len(KGO_IRI):]
    for name in ("Person", "Organization", "Place", ARTICLE, QUOTATION):
        if SDO[name] in classes:
            return name
    raise ValueError(f"no kg-builder node type among {sorted(map(str, classes))}")


PREFIXES = {"schema": SDO, "kgo": Namespace(KGO_IRI), "xsd": XSD, "rdfs": RDFS, "owl": OWL, "prov": PROV, "rdf": RDF}
