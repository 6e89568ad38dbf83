"""The vocabulary of ONTOLOGY.md: namespaces, classes and the property table.

Every RDF term the builder writes is named here, as an IRI string (``sdo("name")``, ``kgo("age")``), and
kg-builder's namespace is closed, so a misspelt term (``kgo("atacker")``) fails at import time instead of
minting a new IRI. The tables need no rdflib, so writing Turtle does not wait for its import; ``SDO``,
``KGO`` (a closed ``DefinedNamespace``) and ``PREFIXES`` are the same namespaces as rdflib objects, made
when first asked for.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

SDO_IRI = "https://schema.org/"
KGO_IRI = "https://w3id.org/kg-builder/ontology#"
RDF_IRI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_IRI = "http://www.w3.org/2000/01/rdf-schema#"
XSD_IRI = "http://www.w3.org/2001/XMLSchema#"
OWL_IRI = "http://www.w3.org/2002/07/owl#"
PROV_IRI = "http://www.w3.org/ns/prov#"
# prefix -> namespace IRI, as written in the files (``PREFIXES``: the same as rdflib namespaces)
NAMESPACES = {"schema": SDO_IRI, "kgo": KGO_IRI, "xsd": XSD_IRI, "rdfs": RDFS_IRI, "owl": OWL_IRI, "prov": PROV_IRI,
              "rdf": RDF_IRI}
XSD_STRING, XSD_INTEGER, XSD_BOOLEAN, XSD_DECIMAL, XSD_ANY_URI = (
    XSD_IRI + name for name in ("string", "integer", "boolean", "decimal", "anyURI"))
XSD_DATE, XSD_DATE_TIME, XSD_G_YEAR_MONTH, XSD_G_YEAR = (
    XSD_IRI + name for name in ("date", "dateTime", "gYearMonth", "gYear"))

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


# kg-builder's own terms besides the event classes and their roles (ontology/kg.ttl defines each one)
KGO_TERMS = (
    "age",  # Person -> xsd:integer
    "sentence",  # Sentence event -> the sentence handed down, as text
    "money",  # Fine event -> the amount, as text
    "TextSpan",  # characters of an article: the evidence of a fact
    "startOffset",
    "endOffset",
    "confidence",  # on an rdf:Statement: how sure the builder is, 0..1
    "rule",  # on an rdf:Statement: the identifier of a rule that read it (kg.read.rules)
    "indirect",  # Quotation -> xsd:boolean: reported speech, not words in quotation marks
    "factuality",  # Event -> one of FACTUALITY: whether the text reports it as having happened
    "Factuality",
    "Asserted",
    "Alleged",
    "Negated",
    "Planned",
    "Possible",
    "isoCode",  # Place -> ISO 3166-1 alpha-2 (a country) or ISO 3166-2 (a region)
    "isoAlpha3",  # country -> ISO 3166-1 alpha-3
    # an editor's decision (kg.corrections) and what it says
    "Correction",
    "decision",  # its kind: same-as, retype, delete-fact ...
    "editor",
    "reason",
    "decidedAt",
    "source",  # where an added fact comes from
    "replaces",  # node -> an IRI the node had before a correction merged or moved it
)
_KGO_NAMES = frozenset(KGO_TERMS) | frozenset(EVENT_CLASSES) | frozenset(ROLES)


def kgo(name: str) -> str:
    """The IRI of kg-builder's term ``name``; an AttributeError for a name the ontology does not have."""
    if name not in _KGO_NAMES:
        raise AttributeError(f"term {name!r} not in namespace {KGO_IRI!r}")
    return KGO_IRI + name


def sdo(name: str) -> str:
    """The IRI of schema.org's term ``name``."""
    return SDO_IRI + name


@dataclass(frozen=True)
class Prop:
    """How one NetworkX attribute or edge key is written in RDF."""

    iri: str
    datatype: str | None = None  # for literals; None for edges to nodes
    many: bool = False  # a list of values in NetworkX


# NetworkX node attributes that hold literals, by attribute name.
LITERALS = {
    "name": Prop(sdo("name"), XSD_STRING),
    "alternateName": Prop(sdo("alternateName"), XSD_STRING, many=True),
    "honorificPrefix": Prop(sdo("honorificPrefix"), XSD_STRING, many=True),
    "honorificSuffix": Prop(sdo("honorificSuffix"), XSD_STRING, many=True),
    "age": Prop(kgo("age"), XSD_INTEGER),
    "jobTitle": Prop(sdo("jobTitle"), XSD_STRING, many=True),
    "startDate": Prop(sdo("startDate")),  # xsd:date, gYearMonth or gYear, by the value's shape
    "sentence": Prop(kgo("sentence"), XSD_STRING),
    "money": Prop(kgo("money"), XSD_STRING),
    # quotations (their words are ``text``)
    "indirect": Prop(kgo("indirect"), XSD_BOOLEAN),
    # places linked to gazetteers (kg.link)
    "isoCode": Prop(kgo("isoCode"), XSD_STRING),
    "isoAlpha3": Prop(kgo("isoAlpha3"), XSD_STRING),
    # articles
    "headline": Prop(sdo("headline"), XSD_STRING),
    "datePublished": Prop(sdo("datePublished")),
    "url": Prop(sdo("url"), XSD_ANY_URI),
    "identifier": Prop(sdo("identifier"), XSD_STRING, many=True),  # every id the same text came with
    # evidence spans
    "text": Prop(sdo("text"), XSD_STRING),
    "startOffset": Prop(kgo("startOffset"), XSD_INTEGER),
    "endOffset": Prop(kgo("endOffset"), XSD_INTEGER),
    # an editor's decision (kg.corrections); its ``name`` is the decision as a kg correct command
    "decision": Prop(kgo("decision"), XSD_STRING),
    "editor": Prop(kgo("editor"), XSD_STRING),
    "reason": Prop(kgo("reason"), XSD_STRING),
    "decidedAt": Prop(kgo("decidedAt")),  # xsd:dateTime or xsd:date, by the value's shape
    "source": Prop(kgo("source"), XSD_ANY_URI),
}

# A linked place: ``sameAs`` (an IRI) and, on the node PLACE#geo (schema:geo), its coordinates.
SAME_AS = OWL_IRI + "sameAs"
GEO = {
    "latitude": Prop(sdo("latitude"), XSD_DECIMAL),
    "longitude": Prop(sdo("longitude"), XSD_DECIMAL),
    "addressCountry": Prop(sdo("addressCountry"), XSD_STRING),
}

# An event's ``factuality`` attribute (absent: asserted), written as the IRI kgo:<value>.
FACTUALITY = ("Asserted", "Alleged", "Negated", "Planned", "Possible")

# NetworkX edge keys, each a property to another node.
RELATIONS = {
    **{name: sdo(name) for name in (
        "nationality", "spouse", "parent", "children", "sibling", "memberOf", "worksFor", "homeLocation",
        "birthPlace", "deathPlace", "containedInPlace", "founder", "parentOrganization", "subOrganization",
        "location", "mentions", "isPartOf", "creator", "about",
    )},
    **{role: kgo(role) for role in ROLES},
}

ENTITY_CLASSES = ("Person", "Organization", "Place")
# What facts may be said of what (ONTOLOGY.md, ontology/shapes.ttl): the class of a property's subject and
# of its value. Event roles take their classes from ontology/events.toml.
LITERAL_DOMAIN = {"age": "Person", "jobTitle": "Person", "honorificPrefix": "Person", "honorificSuffix": "Person",
                  "startDate": "Event", "sentence": "Sentence", "money": "Fine"}
RELATION_DOMAIN = {**{k: "Person" for k in ("nationality", "spouse", "parent", "children", "sibling", "memberOf",
                                            "worksFor", "homeLocation", "birthPlace", "deathPlace")},
                   "containedInPlace": "Place", "founder": "Organization", "parentOrganization": "Organization",
                   "subOrganization": "Organization", "location": "Event", "mentions": "NewsArticle"}
RELATION_RANGE = {"nationality": "Place", "spouse": "Person", "parent": "Person", "children": "Person",
                  "sibling": "Person", "memberOf": "Organization", "worksFor": "Organization",
                  "homeLocation": "Place", "birthPlace": "Place", "deathPlace": "Place", "containedInPlace": "Place",
                  "founder": "Person", "parentOrganization": "Organization", "subOrganization": "Organization",
                  "location": "Place"}

# Node ``type`` attribute -> rdf:type values (the first is the type itself).
ARTICLE = "NewsArticle"
QUOTATION = "Quotation"
SPAN = "TextSpan"
CORRECTION = "Correction"


def classes_of(node_type: str) -> tuple[str, ...]:
    """The rdf:type IRIs written for a node of this ``type``."""
    if node_type in EVENT_CLASSES:
        return (sdo("Event"), kgo(node_type))
    if node_type == SPAN:
        return (kgo("TextSpan"),)
    if node_type == CORRECTION:
        return (kgo("Correction"),)
    return (sdo(node_type),)


def type_of(classes) -> str:
    """Inverse of ``classes_of``: the node ``type`` for a set of rdf:type IRIs (strings or rdflib terms)."""
    classes = {str(c) for c in classes}
    for c in classes:
        if c.startswith(KGO_IRI):
            return c[len(KGO_IRI):]
    for name in ("Person", "Organization", "Place", ARTICLE, QUOTATION):
        if sdo(name) in classes:
            return name
    raise ValueError(f"no kg-builder node type among {sorted(classes)}")


def __getattr__(name: str):
    """``SDO``, ``KGO`` and ``PREFIXES``: the namespaces as rdflib objects, made when first asked for."""
    if name in ("SDO", "KGO", "PREFIXES"):
        globals().update(_rdflib_namespaces())
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _rdflib_namespaces() -> dict:
    from rdflib import OWL, PROV, RDF, RDFS, XSD, Namespace, URIRef
    from rdflib.namespace import DefinedNamespace

    class KGO(DefinedNamespace):
        """kg-builder's own terms (ontology/kg.ttl defines each one): ``KGO_TERMS``, the event classes and
        their roles; closed, so a misspelt term (``KGO.atacker``) is an AttributeError."""

        _NS = Namespace(KGO_IRI)
        _fail = True
        _extras = list(EVENT_CLASSES) + list(ROLES)
        __annotations__ = {term: URIRef for term in KGO_TERMS}

    SDO = Namespace(SDO_IRI)
    prefixes = {"schema": SDO, "kgo": Namespace(KGO_IRI), "xsd": XSD, "rdfs": RDFS, "owl": OWL, "prov": PROV, "rdf": RDF}
    return {"SDO": SDO, "KGO": KGO, "PREFIXES": prefixes}
