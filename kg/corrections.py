"""An editor's decisions about the graph, kept in a corrections file and applied to every build.

The file is TOML, one ``[[decision]]`` table a decision, appended by ``kg correct`` or written by hand::

    [[decision]]
    kind = "retype"
    node = "Person:Labour"          # a node by IRI, or by name, with its class before a colon if need be
    class = "Organization"
    who = "Ann Editor"
    when = "2024-05-01T09:30:00Z"
    why = "Labour is the party"

Kinds (``KINDS`` gives the fields of each): ``same-as`` (``nodes``: merge them), ``not-same-as``
(``node``, and ``articles`` and/or ``names``: that part of the node is another entity; without either,
each article's part is a node of its own), ``retype`` (``class``: Person, Organization or Place),
``rename`` (``name``), ``alias`` (``name``; ``remove = true`` to take one away), ``delete`` (``node``),
``delete-fact`` and ``add-fact`` (``property``, ``value``: a node for a relation, a literal otherwise;
``source``, a URL, and ``article``, the article whose text says it, for an added fact) and
``factuality`` (of an event: Asserted, Alleged, Negated, Planned, Possible).

``apply(G, decisions, base)`` is a pure step after the reader: it changes the machine-read graph
decision by decision, in the file's order, so each decision meets the graph the editor saw when making
it. The graph as read is kept apart from the corrected one (``kg build`` writes it beside its output,
see ``read_graph_path``), so a corrected graph is always recomputed from what the reader made and is the
same whatever the order of the articles and whether they were built at once or one at a time.
Applying the decisions again to a corrected graph changes nothing.

What a decision changes says so in RDF: a ``kgo:Correction`` node (``kgo:decision``, ``kgo:editor``,
``kgo:reason``, ``kgo:decidedAt``) is the evidence (``prov:wasDerivedFrom``) of every statement it made
or changed, which also carries ``kgo:rule "correction"``; what it took back stays as a reified
statement with ``prov:wasInvalidatedBy`` the correction (its triple is gone), with the
rules and sentences it was read from, so the reader's errors can be counted. A retyped or renamed entity
takes the IRI its new class and name give (joining the node already there) and keeps its old IRIs as
``kgo:replaces``, so decisions that name it by an old IRI still find it.
"""
from __future__ import annotations

import copy
import gzip
import json
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import networkx as nx

from . import iris
from .across import entity_root
from .errors import KgError
from .graph import merge_edge, merge_node
from .vocab import (ARTICLE, CORRECTION, ENTITY_CLASSES, EVENT_CLASSES, EVENTS, FACTUALITY, LITERAL_DOMAIN, LITERALS,
                    RELATION_DOMAIN, RELATION_RANGE, RELATIONS, ROLES)

__all__ = ["Decision", "CorrectionsError", "load", "append", "apply", "Report", "parse_ref"]

RULE = "correction"  # the kgo:rule of every statement a decision made or changed
NODE_TYPES = ENTITY_CLASSES + EVENT_CLASSES
KINDS = {  # kind -> (required fields, optional fields), besides kind, who, when and why
    "same-as": (("nodes",), ()),
    "not-same-as": (("node",), ("articles", "names")),
    "retype": (("node", "class"), ()),
    "rename": (("node", "name"), ()),
    "alias": (("node", "name"), ("remove",)),
    "delete": (("node",), ()),
    "delete-fact": (("node", "property", "value"), ()),
    "add-fact": (("node", "property", "value"), ("source", "article")),
    "factuality": (("node", "factuality"), ()),
}
PROPERTIES = tuple(LITERAL_DOMAIN) + tuple(k for k in RELATIONS if k != "isPartOf")
LINK_ATTRS = ("sameAs", "latitude", "longitude", "addressCountry", "isoCode", "isoAlpha3")  # kg.link's
HEADER = ("# Corrections: an editor's decisions about the graph, applied to every build (kg correct --help).\n"
          "# Append with kg correct -f THIS_FILE ..., or edit by hand: one [[decision]] table each.\n")


class CorrectionsError(KgError, ValueError):
    """A corrections file or decision that cannot be used; the message names the file and line."""


# --- node references ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Ref:
    """A node named by IRI, or by name (and class): ``https://...``, ``Labour``, ``Person:Labour``."""

    text: str
    iri: str | None = None
    type: str | None = None
    name: str | None = None

    def __str__(self) -> str:
        return self.text


def parse_ref(text: str) -> Ref:
    """A node reference: an absolute IRI, or a name, with a class and a colon before it if need be."""
    text = text.strip() if isinstance(text, str) else text
    if not isinstance(text, str) or not text or not text.isprintable():
        raise ValueError("a node is named by IRI or by name on one line, for example Person:Jane Roe")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$", text):
        return Ref(text, iri=text)
    head, sep, rest = text.partition(":")
    if sep and head in NODE_TYPES and rest.strip():
        return Ref(text, type=head, name=rest.strip())
    return Ref(text, name=text)


# --- decisions and the file ----------------------------------------------------------------------------

@dataclass
class Decision:
    """One editor's decision: its kind, what it is about (``fields``), who, when and why."""

    kind: str
    fields: dict
    who: str
    when: str
    why: str
    line: int = 0  # in its file; 0 for one not (yet) in a file
    source: str = ""  # the file

    @property
    def id(self) -> str:
        return iris.digest(json.dumps([self.kind, self.fields, self.who, self.when, self.why], sort_keys=True))

    def iri(self, base: str) -> str:
        return f"{base}correction/{self.id}"

    @property
    def where(self) -> str:
        return f"{self.source}, line {self.line}" if self.line else "an earlier decision"

    def refs(self) -> list[Ref]:
        return [parse_ref(r) for r in self.fields.get("nodes") or [self.fields["node"]]]

    def command(self) -> str:
        """The decision as a ``kg correct`` command (without -f and --why)."""
        f = self.fields
        words = {"same-as": ["merge", *f.get("nodes", ())], "not-same-as": ["split", f.get("node")],
                 "retype": ["retype", f.get("node"), f.get("class")], "rename": ["rename", f.get("node"), f.get("name")],
                 "alias": ["alias", f.get("node"), f.get("name")] + (["--remove"] if f.get("remove") else []),
                 "delete": ["delete", f.get("node")],
                 "delete-fact": ["delete-fact", f.get("node"), f.get("property"), f.get("value")],
                 "add-fact": ["add-fact", f.get("node"), f.get("property"), f.get("value")],
                 "factuality": ["factuality", f.get("node"), f.get("factuality")]}[self.kind]
        for option, name in (("--article", "articles"), ("--name", "names")):
            for value in f.get(name, ()):
                words += [option, value]
        for option in ("source", "article"):
            if f.get(option):
                words += [f"--{option}", f[option]]
        return " ".join(shlex.quote(str(w)) for w in words)

    def table(self) -> dict:
        """The decision as it is written in the file."""
        return {"kind": self.kind, **self.fields, "who": self.who, "when": self.when, "why": self.why}


def decision_of(table: dict, where: str = "the decision", line: int = 0, source: str = "") -> Decision:
    """A decision from its table (as in the file), checked: every problem names ``where``."""
    def fail(problem: str):
        raise CorrectionsError(f"{where}: {problem}")
    if not isinstance(table, dict):
        fail("a decision is a table of fields ([[decision]])")
    kind = table.get("kind")
    if kind not in KINDS:
        fail(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    required, optional = KINDS[kind]
    for name in (*required, "who", "when", "why"):
        if table.get(name) in (None, "", []):
            fail(f"{kind} needs {name!r}")
    unknown = sorted(set(table) - {"kind", "who", "when", "why", *required, *optional})
    if unknown:
        fail(f"{kind} has no field {unknown[0]!r}; its fields are {', '.join((*required, *optional))}, who, when, why")
    fields = {}
    for name in (*required, *optional):
        if name in table:
            try:
                fields[name] = _field(kind, name, table[name])
            except ValueError as exc:
                fail(f"{name}: {exc}")
    for name in ("who", "why"):
        if not isinstance(table[name], str) or not table[name].strip():
            fail(f"{name!r} must be text")
    try:
        when = _when(table["when"])
    except ValueError as exc:
        fail(f"when: {exc}")
    return Decision(kind, fields, table["who"].strip(), when, table["why"].strip(), line, source)


def _field(kind: str, name: str, value):
    """A field's value, checked and in its plain form."""
    if name == "nodes":
        if not isinstance(value, list) or len(value) < 2:
            raise ValueError("give two or more nodes to merge")
        for v in value:
            parse_ref(v)
        if len({str(v).strip() for v in value}) < len(value):
            raise ValueError("the same node twice")
        return [v.strip() for v in value]
    if name == "node":
        return str(parse_ref(value))
    if name == "class":
        if value not in ENTITY_CLASSES:
            raise ValueError(f"{value!r} is not one of {', '.join(ENTITY_CLASSES)}")
        return value
    if name == "factuality":
        if value not in FACTUALITY:
            raise ValueError(f"{value!r} is not one of {', '.join(FACTUALITY)}")
        return value
    if name == "property":
        if value not in PROPERTIES:
            raise ValueError(f"{value!r} is not a property of the graph; one of {', '.join(PROPERTIES)}")
        return value
    if name == "remove":
        if not isinstance(value, bool):
            raise ValueError("true or false")
        return value
    if name in ("articles", "names"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError("a list of text")
        return sorted({v.strip() for v in value})
    if name == "source":
        if not isinstance(value, str) or not re.match(r"^https?://\S+$", value):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value
    if name == "value" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise ValueError("must be text on one line")
    return value.strip()


def _when(value) -> str:
    """An ISO date or UTC date and time, as the file gives it (TOML dates or text)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.replace(microsecond=0).isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        try:
            if "T" in text:
                return _when(datetime.fromisoformat(text.replace("Z", "+00:00")))
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date (2024-05-01) or a date and time (2024-05-01T09:30:00Z)")


def now() -> str:
    return _when(datetime.now(timezone.utc))


def load(path: str | Path) -> list[Decision]:
    """The decisions of a corrections file, in order, each checked (``CorrectionsError`` names the line)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorrectionsError(f"{path}: no such corrections file") from None
    except UnicodeDecodeError:
        raise CorrectionsError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise CorrectionsError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CorrectionsError(f"{path}: not valid TOML: {exc}") from None
    extra = sorted(set(data) - {"decision"})
    if extra:
        raise CorrectionsError(f"{path}: unknown table {extra[0]!r}; a corrections file holds [[decision]] tables")
    tables = data.get("decision", [])
    if not isinstance(tables, list):
        raise CorrectionsError(f"{path}: 'decision' must be [[decision]] tables")
    # tomllib gives no positions: the n-th [[decision]] header is the n-th decision
    lines = [n for n, line in enumerate(text.splitlines(), 1) if re.match(r"\s*\[\[\s*decision\s*\]\]", line)]
    if len(lines) != len(tables):
        lines = [0] * len(tables)
    decisions, seen = [], {}
    for n, (table, line) in enumerate(zip(tables, lines), 1):
        where = f"{path}, line {line}" if line else f"{path}, decision {n}"
        d = decision_of(table, where, line, str(path))
        if d.id in seen:
            raise CorrectionsError(f"{where}: the same decision as {seen[d.id]}")
        seen[d.id] = where
        decisions.append(d)
    return decisions


def append(path: str | Path, decision: Decision) -> int:
    """Append ``decision`` to the corrections file (created if need be), atomically; returns its line."""
    import tomli_w

    from .rdf import atomic_write
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if old and not old.endswith("\n"):
        old += "\n"
    block = tomli_w.dumps({"decision": [decision.table()]})
    atomic_write(path, (old + "\n" + block).encode("utf-8"))
    return old.count("\n") + 2


# --- applying decisions ----------------------------------------------------------------------------------

@dataclass
class Outcome:
    """What one decision did to the graph."""

    decision: Decision
    status: str = "in effect"  # applied, in effect (nothing left to change), no match, conflict, invalid
    message: str = ""
    nodes: set = field(default_factory=set)  # the nodes it concerns, after it
    added: int = 0  # statements it made
    changed: int = 0  # statements it changed (moved to another node, or confirmed)
    rejected: int = 0  # statements it took back

    def touched(self) -> int:
        return self.added + self.changed + self.rejected


@dataclass
class Report:
    """The outcome of every decision, in order."""

    outcomes: list[Outcome] = field(default_factory=list)

    def of(self, *statuses: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in statuses]

    def lines(self) -> list[str]:
        """One line for each decision that did not take effect: matches nothing, conflicts, is invalid."""
        return [f"{o.decision.where}: {o.decision.kind} {o.status}: {o.message}"
                for o in self.of("no match", "conflict", "invalid")]


class Skip(Exception):
    """A decision that cannot be applied: its status and why."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def apply(G: nx.MultiDiGraph, decisions: list[Decision], base: str = iris.DEFAULT_BASE,
          link: bool = True) -> Report:
    """Apply the decisions to ``G`` in order (in place) and report what each did. Places a decision
    touched are linked to the gazetteers again (``kg.link``) unless ``link`` is false."""
    corrector = Corrector(G, base)
    report = Report([corrector.apply(d) for d in decisions])
    if link and corrector.places:
        from .link import link_places
        link_places(G)
    return report


class Corrector:
    """Applies decisions one by one to a graph, remembering what each decided (to find conflicts) and
    where nodes went (to follow the IRIs of nodes that were merged or moved).

    Each ``do_`` method checks everything first (raising ``Skip``) and only then changes the graph, so
    a decision is applied whole or not at all."""

    def __init__(self, G: nx.MultiDiGraph, base: str):
        self.G, self.base = G, base
        self.recorded = {n for n, d in G.nodes(data=True) if d["type"] == CORRECTION}
        self.moved = {old: n for n, d in G.nodes(data=True) for old in d.get("replaces", ())}
        self.deleted: dict[str, Decision] = {}
        self.ledger: list[tuple[tuple, object, Decision]] = []  # (slot, value, decision): what was decided
        self.by_name: dict[str, set[str]] = {}
        self.by_other_name: dict[str, set[str]] = {}
        self.indexed: dict[str, tuple] = {}
        self.places = False  # whether a place was touched (its gazetteer links are redone)
        self.joined: dict[str, Decision] = {}  # mention span -> the same-as decision that brought it in
        for n in list(G.nodes):
            self.index(n)

    # -- names and references ---------------------------------------------------------------------------

    def index(self, n: str) -> None:
        """(Re-)index node ``n`` by its names, after it changed or was removed."""
        for key, table in zip(self.indexed.pop(n, ((), ())), (self.by_name, self.by_other_name)):
            for name in key:
                table.get(name, set()).discard(n)
        if n not in self.G or self.G.nodes[n]["type"] not in NODE_TYPES:
            return
        d = self.G.nodes[n]
        names = (d["name"].casefold(),) if d.get("name") else ()
        others = tuple(a.casefold() for a in d.get("alternateName", ()))
        self.indexed[n] = (names, others)
        for key, table in ((names, self.by_name), (others, self.by_other_name)):
            for name in key:
                table.setdefault(name, set()).add(n)

    def canonical(self, iri: str) -> str:
        """Where the node once called ``iri`` is now (it may have been merged or moved, several times)."""
        seen = set()
        while iri not in self.G and iri in self.moved and iri not in seen:
            seen.add(iri)
            iri = self.moved[iri]
        return iri

    def resolve(self, ref: Ref) -> set[str]:
        """The nodes a reference names now: by IRI (followed through merges and moves), else every node
        of that name (and class), else every node that has it as another name."""
        if ref.iri is not None:
            node = self.canonical(ref.iri)
            return {node} if node in self.G and self.G.nodes[node]["type"] in NODE_TYPES else set()
        key = ref.name.casefold()
        for table in (self.by_name, self.by_other_name):
            found = {n for n in table.get(key, ()) if ref.type in (None, self.G.nodes[n]["type"])}
            if found:
                return found
        return set()

    def nodes_of(self, ref: Ref) -> list[str]:
        found = self.resolve(ref)
        if not found:
            gone = self.deleted.get(self.canonical(ref.iri)) if ref.iri else None
            if gone is not None:
                raise Skip("conflict", f"{ref} was deleted by {gone.where}")
            raise Skip("no match", f"no node is {ref}")
        return sorted(found)

    def one_node(self, ref: Ref) -> str:
        found = self.nodes_of(ref)
        if len(found) > 1:
            raise Skip("invalid", f"{ref} names {len(found)} nodes ({', '.join(found[:3])}"
                                  f"{' ...' if len(found) > 3 else ''}); name one by IRI")
        return found[0]

    def article(self, text: str) -> str:
        """An article named by IRI or by its identifier (file name or the input's id)."""
        if text in self.G and self.G.nodes[text]["type"] == ARTICLE:
            return text
        found = sorted(n for n, x in self.G.nodes(data=True) if x["type"] == ARTICLE and text in x.get("identifier", ()))
        if len(found) != 1:
            raise Skip("no match", f"no article is {text!r}" if not found else f"{len(found)} articles are {text!r}")
        return found[0]

    def articles_of(self, n: str) -> set[str]:
        return {u for u, _, k in self.G.in_edges(n, keys=True) if k == "mentions"}

    # -- the ledger of what was decided --------------------------------------------------------------

    def check(self, slot: tuple, value) -> None:
        """A conflict if an earlier decision decided something else for ``slot``."""
        for other_slot, other_value, other in self.ledger:
            if other_value != value and self.same_slot(other_slot, slot):
                raise Skip("conflict", f"conflicts with {other.where} ({other.who}, {other.when}: "
                                       f"{other.command()})")

    def note(self, slot: tuple, value, d: Decision) -> None:
        self.ledger.append((slot, value, d))

    def same_slot(self, a: tuple, b: tuple) -> bool:
        if a[0] != b[0] or len(a) != len(b):
            return False
        if a[0] == "apart":
            return {self.canonical(x) for x in a[1:]} == {self.canonical(x) for x in b[1:]}
        return self.canonical(a[1]) == self.canonical(b[1]) and a[2:] == b[2:]

    def check_apart(self, a: str, b: str) -> None:
        self.check(("apart", a, b), False)

    # -- one decision -----------------------------------------------------------------------------------

    def apply(self, d: Decision) -> Outcome:
        self.outcome = outcome = Outcome(d)
        self.source = d.iri(self.base)
        self.rejects: list[list] = []
        try:
            getattr(self, "do_" + d.kind.replace("-", "_"))(d, d.fields)
        except Skip as skip:
            outcome.status, outcome.message = skip.status, skip.message
            if skip.status == "no match" and self.source in self.recorded:
                outcome.status, outcome.message = "in effect", "applied before; nothing left to change"
            return outcome
        if outcome.touched():
            outcome.status = "applied"
        if outcome.touched() or self.source in self.recorded:
            self.record(d)
        return outcome

    def record(self, d: Decision) -> None:
        """The decision's node in the graph (a kgo:Correction), with what it took back."""
        node = self.source
        if node not in self.G:
            self.G.add_node(node, type=CORRECTION)
        data = self.G.nodes[node]
        data.update(decision=d.kind, editor=d.who, reason=d.why, decidedAt=d.when, name=d.command())
        if d.fields.get("source"):
            data["source"] = d.fields["source"]
        if self.rejects:
            rows = {json.dumps(r): r for r in data.get("rejects", []) + self.rejects}
            data["rejects"] = [rows[k] for k in sorted(rows)]
        self.recorded.add(node)

    # -- changes that say so ----------------------------------------------------------------------------

    def mark(self, data: dict, *, new: bool = False) -> None:
        """An edge's data: the current decision made it (``new``) or changed it."""
        evidence, rules = set(data.get("evidence", ())), set(data.get("rules", ()))
        if self.source in evidence and RULE in rules:
            return
        data["evidence"], data["rules"] = sorted(evidence | {self.source}), sorted(rules | {RULE})
        if new:
            self.outcome.added += 1
        else:
            self.outcome.changed += 1

    def said_here(self, node: str, attr: str, value) -> None:
        """Node ``node`` has ``attr`` = ``value`` because of the current decision (an evidence row)."""
        data = self.G.nodes[node]
        rows = data.setdefault("literalEvidence", [])
        for row in rows:
            if row[0] == attr and str(row[1]) == str(value):
                if self.source not in row[3] or RULE not in row[4]:
                    row[3], row[4] = sorted(set(row[3]) | {self.source}), sorted(set(row[4]) | {RULE})
                    self.outcome.changed += 1
                return
        rows.append([attr, value, 1.0, [self.source], [RULE]])
        rows.sort(key=lambda r: (r[0], str(r[1])))
        self.outcome.added += 1

    def reject(self, subject: str, key: str, value, confidence=None, spans=(), rules=()) -> None:
        """Take a statement back: it stays, reified and marked rejected, on the decision's node."""
        self.rejects.append([subject, key, value, confidence, sorted(spans), sorted(rules)])
        self.outcome.rejected += 1

    def drop_rows(self, node: str, attr: str, value=None, keep=None) -> list[list]:
        """Remove the evidence rows of ``attr`` (of the value ``value``, or all but ``keep``); return them."""
        data = self.G.nodes[node]
        rows = data.get("literalEvidence", [])
        gone = [r for r in rows if r[0] == attr and (value is None or str(r[1]) == str(value))
                and (keep is None or str(r[1]) != str(keep))]
        if gone:
            data["literalEvidence"] = [r for r in rows if r not in gone]
            if not data["literalEvidence"]:
                del data["literalEvidence"]
        return gone

    def reject_literal(self, node: str, attr: str, value) -> None:
        """Take back ``attr`` = ``value`` of a node, with the readings that said it."""
        rows = self.drop_rows(node, attr, value=value)
        for r in rows:
            self.reject(node, attr, r[1], r[2], r[3], r[4])
        if not rows:
            self.reject(node, attr, value)
        self.drop_value(node, attr, value)
        data = self.G.nodes[node]
        if not LITERALS[attr].many and attr not in data:
            # another reading takes its place: the largest, as kg.graph.merge_node keeps
            others = [r[1] for r in data.get("literalEvidence", ()) if r[0] == attr]
            if others:
                data[attr] = max(others)

    def drop_value(self, node: str, attr: str, value) -> None:
        data = self.G.nodes[node]
        if LITERALS[attr].many:
            data[attr] = [v for v in data.get(attr, ()) if str(v) != str(value)]
            if not data[attr]:
                del data[attr]
        elif str(data.get(attr)) == str(value):
            del data[attr]

    def reject_edge(self, u: str, v: str, key: str) -> None:
        data = self.G.edges[u, v, key]
        self.reject(u, key, v, data.get("confidence"), data.get("evidence", ()), data.get("rules", ()))
        self.G.remove_edge(u, v, key)

    def touch(self, node: str) -> None:
        self.outcome.nodes.add(node)
        if node in self.G and self.G.nodes[node]["type"] == "Place":
            self.places = True
            for attr in LINK_ATTRS:  # linked again once the decisions are applied
                self.G.nodes[node].pop(attr, None)

    def merge_into(self, x: str, y: str) -> None:
        """Node ``y`` becomes part of ``x``: its names, facts and edges join ``x``'s, and ``y`` is gone."""
        G = self.G
        self.touch(y)
        dy = G.nodes[y]
        before = set(G.nodes[x].get("alternateName", ())) | {G.nodes[x].get("name")}
        rows = [[a, v, c, sorted(set(s) | {self.source}), sorted(set(r) | {RULE})]
                for a, v, c, s, r in dy.get("literalEvidence", ())]
        self.outcome.changed += len(rows)
        attrs = {k: v for k, v in dy.items()
                 if k not in ("type", "literalEvidence", "replaces", "factuality", *LINK_ATTRS)}
        merge_node(G, x, literalEvidence=rows, **attrs)
        dx = G.nodes[x]
        if "factuality" in dy and "factuality" not in dx:
            dx["factuality"] = dy["factuality"]
        dx["replaces"] = sorted(set(dx.get("replaces", ())) | set(dy.get("replaces", ())) | {y})
        for name in sorted(set(dx.get("alternateName", ())) - before):
            self.said_here(x, "alternateName", name)
        for u, v, key, data in list(G.out_edges(y, keys=True, data=True)) + list(G.in_edges(y, keys=True, data=True)):
            u2, v2 = (x if u == y else u), (x if v == y else v)
            if key == "mentions" and self.outcome.decision.kind == "same-as":
                self.joined.update(dict.fromkeys(data.get("evidence", ()), self.outcome.decision))
            if u2 == v2:  # "Sandra Howard spouse Mrs Howard" once they are one: no one is their own spouse
                self.reject(u, key, v, data.get("confidence"), data.get("evidence", ()), data.get("rules", ()))
                continue
            merge_edge(G, u2, v2, key, data.get("confidence"), data.get("evidence", ()), data.get("rules", ()))
            self.mark(G.edges[u2, v2, key])
        G.remove_node(y)
        self.moved[y] = x
        self.index(y)
        self.index(x)
        self.touch(x)

    def home(self, n: str, cls: str, name: str) -> str:
        """The IRI an entity of this class and name has: where a retyped or renamed one goes (itself if it
        is there already, or is a namesake of that name)."""
        if cls not in ENTITY_CLASSES:
            return n
        articles = sorted(self.articles_of(n))
        root = entity_root(self.base, cls, name, articles[0] if articles else f"{self.base}article/")
        return n if n == root or n.startswith(root + "--") else root

    def check_home(self, n: str, cls: str, name: str) -> None:
        root = self.home(n, cls, name)
        if root != n and root in self.G:
            if self.G.nodes[root]["type"] != cls:
                raise Skip("conflict", f"{root} is a {self.G.nodes[root]['type']}, not a {cls}")
            self.check_apart(root, n)

    def move_home(self, n: str, named: bool = False) -> str:
        """Move an entity to the IRI its class and name give (joining a node already there); return it.
        When the name was ``named`` by the decision, it wins over a fuller one already there."""
        d = self.G.nodes[n]
        root, name = self.home(n, d["type"], d["name"]), d["name"]
        if root == n:
            return n
        if root not in self.G:
            self.G.add_node(root, type=d["type"])
        self.merge_into(root, n)
        if named and self.G.nodes[root]["name"] != name:
            self.rename_node(root, name)
        return root

    def rename_node(self, n: str, name: str) -> None:
        d = self.G.nodes[n]
        old = d.get("name")
        d["name"] = name
        others = (set(d.get("alternateName", ())) | ({old} if old else set())) - {name}
        if others:
            d["alternateName"] = sorted(others)
        else:
            d.pop("alternateName", None)
        self.drop_rows(n, "name", keep=name)
        self.said_here(n, "name", name)
        if old and old != name:
            self.said_here(n, "alternateName", old)
        self.index(n)

    # -- the kinds -------------------------------------------------------------------------------------

    def do_same_as(self, d: Decision, f: dict) -> None:
        nodes = sorted(set().union(*(self.nodes_of(ref) for ref in d.refs())))
        types = sorted({self.G.nodes[n]["type"] for n in nodes})
        if len(types) > 1:
            raise Skip("invalid", f"cannot merge a {types[0]} with a {types[1]} (retype one first)")
        for a in nodes:
            for b in nodes:
                if a < b:
                    self.check_apart(a, b)
        self.outcome.nodes.update(nodes)
        keep = min(nodes, key=lambda n: (-len((self.G.nodes[n].get("name") or "").split()),
                                         -len(self.G.nodes[n].get("name") or ""), len(n), n))
        for n in nodes:
            if n != keep:
                self.merge_into(keep, n)
        self.touch(keep)

    def do_not_same_as(self, d: Decision, f: dict) -> None:
        node = self.one_node(d.refs()[0])
        key = json.dumps([sorted(f.get("articles", ())), sorted(f.get("names", ()))])
        if f.get("articles") or f.get("names"):
            new = f"{node}--{iris.digest(key, 8)}"
            if new in self.G:  # split off before (the decision is applied again)
                self.check_apart(node, new)
                self.note(("apart", node, new), True, d)
                return
        mentions = {a: set(self.G.edges[a, node, "mentions"].get("evidence", ())) for a in self.articles_of(node)}
        every = set().union(*mentions.values())
        chosen = {self.article(text) for text in f.get("articles", ())}
        for article in sorted(chosen - set(mentions)):
            raise Skip("no match", f"article {article} does not mention {node}")
        names = {n.casefold() for n in f.get("names", ())}
        if chosen or names:
            spans = {s for a in (chosen or mentions) for s in mentions[a]
                     if not names or self.G.nodes[s].get("text", "").casefold() in names}
            name = max(f["names"], key=lambda n: (len(n.split()), len(n), n)) if names else None
            parts = [(spans, name, key)]
        else:  # each article's part a node of its own; the first article's keeps the node
            if len(mentions) < 2:
                raise Skip("no match", f"{node} is read from one article only; name the part to split off")
            parts = [(mentions[a], None, a) for a in sorted(mentions)[1:]]
        for spans, _, key in parts:
            if not spans:
                raise Skip("no match", f"no mention of {node} is " + " or ".join(
                    repr(x) for x in f.get("names", ()) or f.get("articles", ())))
            if spans >= every:
                raise Skip("invalid", f"that is all of {node}; nothing would be left")
            merged = sorted({self.joined[s].where for s in spans if s in self.joined})
            if merged:  # splitting what an earlier decision merged: that decision should go instead
                raise Skip("conflict", f"{merged[0]} merged that part in; remove that decision instead")
        self.touch(node)
        for spans, name, key in parts:
            new = f"{node}--{iris.digest(key, 8)}"
            self.check_apart(node, new)
            self.note(("apart", node, new), True, d)
            if new not in self.G:
                self.split_off(node, new, spans, name)

    def split_off(self, node: str, new: str, chosen: set[str], name: str | None) -> None:
        """Move the mentions ``chosen`` of ``node``, and the facts read where they are, to ``new``."""
        G = self.G
        d = G.nodes[node]
        whole = {a for a in {s.split("#", 1)[0] for s in chosen}
                 if set(G.edges[a, node, "mentions"]["evidence"]) <= chosen}
        rest = {s for a in self.articles_of(node) for s in G.edges[a, node, "mentions"]["evidence"]} - chosen

        def goes(span: str) -> bool:
            """Whether a piece of evidence goes with the part split off: a text span of an article that
            is all the part's, or near a mention of the part and none of the rest."""
            if "#char=" not in span or span not in G:
                return False
            if span in chosen or span.split("#", 1)[0] in whole:
                return True
            return any(self.overlap(span, s) for s in chosen) and not any(self.overlap(span, s) for s in rest)
        texts = sorted({G.nodes[s].get("text", "") for s in chosen} - {""})
        left = {G.nodes[s].get("text", "") for s in rest}
        G.add_node(new, type=d["type"], name=name or d.get("name"))
        if set(texts) - {G.nodes[new]["name"]}:
            G.nodes[new]["alternateName"] = sorted(set(texts) - {G.nodes[new]["name"]})
        for attr in ("honorificPrefix", "honorificSuffix"):
            kept = [t for t in d.get(attr, ()) if any(t in x.split() for x in texts)]
            if kept:
                G.nodes[new][attr] = kept
        if d.get("alternateName"):
            d["alternateName"] = [a for a in d["alternateName"] if a not in texts or a in left]
            if not d["alternateName"]:
                del d["alternateName"]
        self.said_here(new, "name", G.nodes[new]["name"])
        for u, v, key, data in list(G.out_edges(node, keys=True, data=True)) + list(G.in_edges(node, keys=True, data=True)):
            moving = [s for s in data.get("evidence", ()) if goes(s)]
            if not moving:
                continue
            u2, v2 = (new if u == node else u), (new if v == node else v)
            merge_edge(G, u2, v2, key, data.get("confidence"), moving, data.get("rules", ()))
            self.mark(G.edges[u2, v2, key])
            if any("#char=" in s and not goes(s) for s in data["evidence"]):
                data["evidence"] = sorted(set(data["evidence"]) - set(moving))
                self.mark(data)
            else:
                G.remove_edge(u, v, key)
        for row in list(d.get("literalEvidence", ())):
            attr, value, confidence, spans, rules = row
            moving = [s for s in spans if goes(s)]
            if not moving:
                continue
            merge_node(G, new, **{attr: [value] if LITERALS[attr].many else value,
                                  "literalEvidence": [[attr, value, confidence, sorted(set(moving) | {self.source}),
                                                       sorted(set(rules) | {RULE})]]})
            self.outcome.changed += 1
            if any("#char=" in s and not goes(s) for s in spans):
                row[3] = sorted(set(spans) - set(moving))
            else:
                self.drop_rows(node, attr, value=value)
                self.drop_value(node, attr, value)
        self.index(node)
        self.index(new)
        self.touch(new)

    def overlap(self, a: str, b: str) -> bool:
        if a.split("#", 1)[0] != b.split("#", 1)[0]:
            return False
        x, y = self.G.nodes[a], self.G.nodes[b]
        return x["startOffset"] < y["endOffset"] and y["startOffset"] < x["endOffset"]

    def do_retype(self, d: Decision, f: dict) -> None:
        cls = f["class"]
        nodes = self.nodes_of(d.refs()[0])
        for n in nodes:
            data = self.G.nodes[n]
            if data["type"] not in ENTITY_CLASSES:
                raise Skip("invalid", f"{n} is a {data['type']} event; retype changes an entity's class")
            self.check(("type", n), cls)
            self.check_home(n, cls, data["name"])
        for n in nodes:
            self.note(("type", n), cls, d)
            self.touch(n)
            if self.G.nodes[n]["type"] != cls:
                self.retype(n, cls)
                self.touch(self.move_home(n))

    def retype(self, n: str, cls: str) -> None:
        G = self.G
        data = G.nodes[n]
        old = data["type"]
        for attr, owner in LITERAL_DOMAIN.items():  # what a node of the new class cannot have
            if owner in ENTITY_CLASSES and owner != cls:
                values = data.get(attr)
                for value in list(values) if isinstance(values, list) else [] if values is None else [values]:
                    self.reject_literal(n, attr, value)
        for u, v, key in list(G.out_edges(n, keys=True)):
            if RELATION_DOMAIN.get(key, cls) != cls:
                self.reject_edge(u, v, key)
        for u, v, key in list(G.in_edges(n, keys=True)):
            if RELATION_RANGE.get(key, cls) != cls:
                self.reject_edge(u, v, key)
        rows = [r for r in self.drop_rows(n, "type", keep=cls) if r[1] == old]
        for r in rows or [["type", old, None, [], []]]:  # the class the reader (or an editor) gave
            self.reject(n, "type", old, r[2], r[3], r[4])
        data["type"] = cls
        self.said_here(n, "type", cls)
        self.index(n)

    def do_rename(self, d: Decision, f: dict) -> None:
        name = f["name"]
        nodes = self.nodes_of(d.refs()[0])
        for n in nodes:
            self.check(("name", n), name)
            self.check_home(n, self.G.nodes[n]["type"], name)
        for n in nodes:
            self.note(("name", n), name, d)
            self.touch(n)
            if self.G.nodes[n].get("name") != name:
                self.rename_node(n, name)
                self.touch(self.move_home(n, named=True))

    def do_alias(self, d: Decision, f: dict) -> None:
        name, remove = f["name"], bool(f.get("remove"))
        nodes = self.nodes_of(d.refs()[0])
        for n in nodes:
            self.check(("alias", n, name), not remove)
            if remove and name == self.G.nodes[n].get("name"):
                raise Skip("invalid", f"{name!r} is the name of {n}; rename it instead")
        for n in nodes:
            self.note(("alias", n, name), not remove, d)
            self.touch(n)
            data = self.G.nodes[n]
            others = set(data.get("alternateName", ()))
            if remove and name in others:
                self.reject_literal(n, "alternateName", name)
            elif not remove and name != data.get("name") and name not in others:
                data["alternateName"] = sorted(others | {name})
                self.said_here(n, "alternateName", name)
            self.index(n)

    def do_delete(self, d: Decision, f: dict) -> None:
        G = self.G
        for n in self.nodes_of(d.refs()[0]):
            data = G.nodes[n]
            self.touch(n)
            self.reject(n, "type", data["type"])
            if data.get("name"):
                self.reject(n, "name", data["name"])
            for attr, value, confidence, spans, rules in data.get("literalEvidence", ()):
                if attr not in ("type", "name"):
                    self.reject(n, attr, value, confidence, spans, rules)
            for u, v, key in list(G.out_edges(n, keys=True)) + list(G.in_edges(n, keys=True)):
                self.reject_edge(u, v, key)
            G.remove_node(n)
            self.deleted[n] = d
            self.index(n)

    def value_of(self, f: dict):
        """The value of a fact decision: a literal in its type (a relation's value is a node reference)."""
        prop, value = f["property"], f["value"]
        if prop == "age":
            if not value.isdigit() or int(value) > 130:
                raise Skip("invalid", f"age {value!r} is not a whole number of years")
            return int(value)
        if prop == "startDate":
            from .rdf import date_datatype
            try:
                date_datatype(value)
            except ValueError as exc:
                raise Skip("invalid", str(exc)) from None
        return value

    def do_delete_fact(self, d: Decision, f: dict) -> None:
        G, prop, value = self.G, f["property"], self.value_of(f)
        nodes = self.nodes_of(d.refs()[0])
        if prop in RELATIONS:
            facts = [(n, target) for n in nodes for target in self.nodes_of(parse_ref(value))]
        else:
            facts = [(n, str(value)) for n in nodes]
        for n, target in facts:
            self.check(("fact", n, prop, target), False)
        for n, target in facts:
            self.note(("fact", n, prop, target), False, d)
            self.touch(n)
            if prop in RELATIONS:
                self.touch(target)
                if G.has_edge(n, target, prop):
                    self.reject_edge(n, target, prop)
                continue
            values = G.nodes[n].get(prop)
            present = values if isinstance(values, list) else [] if values is None else [values]
            if target in map(str, present) or any(r[0] == prop and str(r[1]) == target
                                                  for r in G.nodes[n].get("literalEvidence", ())):
                self.reject_literal(n, prop, value)

    def do_add_fact(self, d: Decision, f: dict) -> None:
        G, prop, value = self.G, f["property"], self.value_of(f)
        n = self.one_node(d.refs()[0])
        if f.get("article"):
            self.article(f["article"])  # the article whose text states the fact must be in the graph
        cls = G.nodes[n]["type"]
        self.check_domain(n, cls, prop)
        if prop in RELATIONS:
            target = self.one_node(parse_ref(value))
            self.check_range(target, prop, cls)
            slot = ("fact", n, prop, target)
        else:
            slot = ("fact", n, prop, str(value))
        self.check(slot, True)
        self.note(slot, True, d)
        self.touch(n)
        if prop in RELATIONS:
            new = not G.has_edge(n, target, prop)
            merge_edge(G, n, target, prop, 1.0)
            self.mark(G.edges[n, target, prop], new=new)
            self.touch(target)
            return
        data = G.nodes[n]
        if LITERALS[prop].many:
            data[prop] = sorted(set(data.get(prop, ())) | {value})
        else:
            data[prop] = value  # the editor's value, whatever the reader read
        self.said_here(n, prop, value)

    def check_domain(self, n: str, cls: str, prop: str) -> None:
        owner = LITERAL_DOMAIN.get(prop) or RELATION_DOMAIN.get(prop)
        if prop in ROLES:
            if cls not in EVENTS or prop not in EVENTS[cls].roles:
                raise Skip("invalid", f"{prop} is not a role of a {cls} ({n})")
        elif owner == "Event" and cls not in EVENT_CLASSES or owner not in (None, "Event") and owner != cls:
            raise Skip("invalid", f"{prop} is said of a{'n' if owner[0] in 'AEIOU' else ''} {owner}, "
                                  f"and {n} is a {cls}")

    def check_range(self, target: str, prop: str, subject_cls: str) -> None:
        if prop in ROLES:
            allowed = EVENTS[subject_cls].roles[prop]
        else:
            allowed = (RELATION_RANGE[prop],) if prop in RELATION_RANGE else NODE_TYPES
        cls = self.G.nodes[target]["type"]
        if cls not in allowed:
            raise Skip("invalid", f"the {prop} must be a {' or '.join(allowed)}, and {target} is a {cls}")

    def do_factuality(self, d: Decision, f: dict) -> None:
        value = f["factuality"]
        nodes = self.nodes_of(d.refs()[0])
        for n in nodes:
            if self.G.nodes[n]["type"] not in EVENT_CLASSES:
                raise Skip("invalid", f"{n} is a {self.G.nodes[n]['type']}; factuality is said of events")
            self.check(("factuality", n), value)
        for n in nodes:
            data = self.G.nodes[n]
            self.note(("factuality", n), value, d)
            self.touch(n)
            if data.get("factuality") == value:
                continue
            rows = self.drop_rows(n, "factuality", keep=value)
            for r in rows:
                self.reject(n, "factuality", r[1], r[2], r[3], r[4])
            if data.get("factuality") and not rows:
                self.reject(n, "factuality", data["factuality"])
            data["factuality"] = value
            self.said_here(n, "factuality", value)


# --- where the graph as read is kept, and which file goes with a graph -------------------------------

GRAPH_SUFFIXES = (".ttl", ".trig", ".nt", ".jsonld", ".json", ".graphml")


def _path(graph: str | Path) -> Path:
    return Path(str(graph).removeprefix("oxigraph:").rstrip("/"))


def default_file(graph: str | Path) -> Path:
    """The corrections file that goes with a graph file or store: ``NAME.corrections.toml`` beside it
    (``news.ttl`` -> ``news.corrections.toml``; the store ``news/`` -> ``news.corrections.toml``)."""
    path = _path(graph)
    stem = path.stem if path.suffix.lower() in GRAPH_SUFFIXES else path.name
    return path.with_name(f"{stem}.corrections.toml")


def graph_beside(file: str | Path) -> str | None:
    """The graph file or store a corrections file goes with (``news.corrections.toml`` -> ``news.ttl``,
    ``news.trig`` ... or the store ``news/``), if there is one."""
    path = Path(file)
    if not path.name.endswith(".corrections.toml"):
        return None
    stem = path.with_name(path.name.removesuffix(".corrections.toml"))
    for suffix in GRAPH_SUFFIXES:
        if stem.with_name(stem.name + suffix).is_file():
            return str(stem.with_name(stem.name + suffix))
    return f"oxigraph:{stem}" if stem.is_dir() else None


def read_graph_path(graph: str | Path) -> Path:
    """Where ``kg build`` keeps the graph as the reader made it, beside a corrected graph file or store
    (hidden: ``.news.ttl.read.json.gz``), so that corrections are applied anew to what the reader made."""
    path = _path(graph)
    return path.with_name(f".{path.name}.read.json.gz")


def save_read_graph(graph: str | Path, G: nx.MultiDiGraph | None) -> None:
    """Keep ``G``, the graph as read, beside ``graph`` (or remove what is kept there when None)."""
    from .rdf import atomic_write
    if G is None:
        read_graph_path(graph).unlink(missing_ok=True)
        return
    data = json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True, separators=(",", ":"))
    atomic_write(read_graph_path(graph), gzip.compress(data.encode("utf-8"), compresslevel=3, mtime=0))


def load_read_graph(graph: str | Path, articles: set[str]) -> nx.MultiDiGraph | None:
    """The graph as read, kept beside ``graph``, if it is there and holds the same ``articles`` as the
    corrected graph (else it is out of date: a build stopped between writing the one and the other)."""
    try:
        data = json.loads(gzip.decompress(read_graph_path(graph).read_bytes()))
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        return None
    return G if articles_in(G) == articles else None


def corrections_in(G: nx.MultiDiGraph) -> set[str]:
    """The decisions applied to a graph (their kgo:Correction nodes)."""
    return {n for n, d in G.nodes(data=True) if d["type"] == CORRECTION}


def articles_in(G: nx.MultiDiGraph) -> set[str]:
    return {n for n, d in G.nodes(data=True) if d["type"] == ARTICLE}


def base_of(G: nx.MultiDiGraph) -> str:
    """The base IRI a graph was built with (its articles are BASE + article/...)."""
    for n in sorted(articles_in(G)):
        return n.rsplit("article/", 1)[0]
    return iris.DEFAULT_BASE


def as_read(G: nx.MultiDiGraph, location: str | Path, warn=None) -> nx.MultiDiGraph:
    """The graph as the reader made it, for a graph that may have been corrected: kept beside it by
    ``kg build``; else the graph itself (``warn`` is told why)."""
    if not corrections_in(G):
        return G
    kept = load_read_graph(location, articles_in(G))
    if kept is None and warn is not None:
        warn(f"{location} was corrected, and the graph as read is not beside it ({read_graph_path(location).name}); "
             f"the corrections are applied to the corrected graph")
    return kept if kept is not None else G


def corrected(G: nx.MultiDiGraph, location: str | Path, file: str | Path | None = None,
              warn=None) -> tuple[nx.MultiDiGraph, Report | None]:
    """The graph at ``location`` (already loaded as ``G``) with the decisions of ``file`` (default: the
    corrections file beside it, if any) applied to the graph as read. Without decisions, ``G``."""
    file = Path(file) if file else default_file(location)
    if not file.exists():
        if corrections_in(G) and warn is not None:
            warn(f"{location} holds corrections, and {file} is not there: it is shown as it was written")
        return G, None
    decisions = load(file)
    H = copy.deepcopy(as_read(G, location, warn))
    report = apply(H, decisions, base_of(H))
    return H, report


@dataclass
class ForBuild:
    """The corrections of one ``kg build``: the file given or beside the output, and its decisions."""

    file: Path | None = None
    decisions: list = field(default_factory=list)
    off: bool = False

    @classmethod
    def find(cls, given: str | None, off: bool, targets) -> "ForBuild":
        if off:
            return cls(off=True)
        if given:
            return cls(Path(given), load(given))
        for target in targets:
            if target and target != "-" and default_file(target).exists():
                return cls(default_file(target), load(default_file(target)))
        return cls()

    def as_read(self, G: nx.MultiDiGraph | None, location, warn) -> nx.MultiDiGraph | None:
        """The graph to add new articles to: the graph as read, for a corrected graph."""
        if G is None or not corrections_in(G):
            return G
        if self.file is None and not self.off:
            raise CorrectionsError(f"{str(location).removeprefix('oxigraph:')} holds {len(corrections_in(G))} "
                                   f"editor's decision(s), and no corrections file was found beside it "
                                   f"({default_file(location)}); give --corrections FILE, or --no-corrections "
                                   f"to leave them out")
        return as_read(G, location, warn)

    def apply(self, G: nx.MultiDiGraph, base: str) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph | None, Report]:
        """(corrected graph, graph as read or None when nothing was corrected, report)."""
        if not self.decisions:
            return G, None, Report()
        read = copy.deepcopy(G)  # apply changes the lists inside nodes and edges too
        report = apply(G, self.decisions, base)
        return G, read, report


def load_graph(location: str | Path) -> nx.MultiDiGraph:
    """A graph file or store (``oxigraph:DIR`` or a directory) as NetworkX."""
    from . import rdf
    text = str(location)
    if text.startswith("oxigraph:") or Path(text).is_dir():
        from .sparql import store_graph
        G = store_graph(text)
        if G is None:
            raise CorrectionsError(f"{_path(text)}: no graph in this store")
        return G
    return rdf.load(text)


def to_serve(location: str | Path, file: str | Path | None, warn) -> tuple[str, Path | None, Report | None]:
    """What ``kg serve`` serves: the graph itself, or, when a corrections file goes with it and changes
    it, a temporary file of the corrected graph (the caller removes it)."""
    file = Path(file) if file else default_file(location)
    if not file.exists():
        return str(location), None, None
    G = load_graph(location)
    H, report = corrected(G, location, file, warn)
    if nx.utils.graphs_equal(G, H):
        return str(location), None, report
    import tempfile

    from . import rdf
    folder = Path(tempfile.mkdtemp(prefix="kg-corrected-"))
    path = folder / "corrected.nt"
    rdf.write(H, path, "nt", base_of(H))
    return str(path), folder, report

