"""Check a graph against ontology/shapes.ttl: each shape compiled to SPARQL and run on Oxigraph, or pySHACL.

pySHACL evaluates the shapes in Python over an rdflib graph: right, but on a whole-corpus graph it takes
minutes and gigabytes. So ``kg validate`` compiles each shape into SPARQL queries that select the focus
nodes (and values) that break one constraint, and runs them on the graph's Oxigraph store (``kg.store``,
parsed once). The compiler knows the SHACL Core constraints the shapes use (targets by class and by
subjects of a property; ``sh:property`` with a predicate path; ``sh:minCount``, ``sh:maxCount``,
``sh:datatype``, ``sh:class``, ``sh:nodeKind``, ``sh:pattern``, ``sh:minLength``, ``sh:minInclusive``,
``sh:maxInclusive``, ``sh:lessThanOrEquals``, ``sh:in``, ``sh:or``, ``sh:not``, ``sh:qualifiedValueShape`` with its counts) and
refuses a shape that uses anything else, so a new kind of constraint cannot be skipped unnoticed;
``tests/test_validate.py`` checks that both engines find the same violations. As in the shapes, classes
are read from explicit ``rdf:type`` (no ``rdfs:subClassOf`` inference).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, SH, Graph, Literal, URIRef
from rdflib.collection import Collection

from .vocab import ontology_file

@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def validate(data: Graph) -> tuple[bool, str]:
    """(conforms, readable report) for an rdflib graph, by pySHACL."""
    from pyshacl import validate as shacl_validate

    conforms, _, text = shacl_validate(data, shacl_graph=shapes(), inference="none", advanced=True)
    return bool(conforms), text


def validate_graph(source: str | Path, fmt: str | None = None, engine: str = "oxigraph",
                   max_report: int = 50) -> tuple[bool, str]:
    """(conforms, readable report) for a graph file or store directory: by SPARQL on its store, or
    (``engine="pyshacl"``) by pySHACL on the file read with rdflib."""
    from . import rdf, sparql, store

    if engine == "pyshacl":
        if store.is_store(source):
            raise sparql.QueryError(f"{store.store_dir(source)} is a store; pyshacl validates files only")
        return validate(rdf.read_rdf(source, fmt))
    if fmt is not None and not store.is_store(source):
        db = store.load(source, fmt=fmt)
    else:
        db = store.open_store(source)
    found = violations(sparql.OxigraphEngine(db))
    lines = [str(v) for v in found[:max_report]]
    if len(found) > max_report:
        lines.append(f"... and {len(found) - max_report:,} more (--max-report)")
    return not found, f"{len(found):,} violation(s):\n" + "\n".join(lines) if found else ""


# --- shapes as SPARQL -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Violation:
    shape: str
    component: str  # SHACL's name for the constraint, e.g. "MaxCountConstraintComponent"
    focus: str
    path: str | None
    value: str | None

    def __str__(self):
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value is not None else ""
        return f"  {self.component}: {self.focus}{where}{value} (shape {self.shape})"


@dataclass(frozen=True)
class Check:
    """One SPARQL query that selects the ?this, the ?component it breaks (and the ?value) for a shape,
    and maybe a cheaper ASK that is false when the query can find nothing (it looks at one predicate's
    triples only, not the focus nodes), so a graph that conforms is checked fast."""

    shape: str
    path: str | None
    query: str
    probe: str | None = None


_NODE_PARAMS = {SH.targetClass, SH.targetSubjectsOf, SH.property, SH["class"], SH["or"], SH["not"], SH["in"],
                SH.datatype, SH.nodeKind, SH.pattern, SH.minLength, SH.minInclusive, SH.maxInclusive}
_PROPERTY_PARAMS = _NODE_PARAMS - {SH.targetClass, SH.targetSubjectsOf, SH.property} | {
    SH.path, SH.minCount, SH.maxCount, SH.lessThanOrEquals, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}
_VALUE_PARAMS = {SH["class"], SH["or"], SH["not"], SH["in"], SH.datatype, SH.nodeKind, SH.pattern, SH.minLength,
                 SH.minInclusive, SH.maxInclusive}
_IGNORED = {RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), SH.name, SH.description,
            SH.message}


class ShapeError(ValueError):
    """A shape that uses SHACL this compiler does not know."""


def _term(node) -> str:
    return node.n3()


def _label(shapes_graph: Graph, node) -> str:
    return shapes_graph.namespace_manager.normalizeUri(node) if isinstance(node, URIRef) else "(blank shape)"


def _check_known(g: Graph, shape, allowed) -> None:
    for p in set(g.predicates(shape)) - _IGNORED:
        if p not in allowed:
            raise ShapeError(f"shape {_label(g, shape)} uses {g.namespace_manager.normalizeUri(p)}, which "
                             f"kg validate does not check; use --engine pyshacl")


def _tests(g: Graph, shape, v: str) -> list[tuple[str, str]]:
    """(SHACL component, SPARQL expression true when the node ``v`` conforms to it) for each value
    constraint of ``shape``: class, datatype, node kind, pattern, length, range, in, or, not. An
    expression that raises an error counts as false (COALESCE), as in SHACL."""
    kinds = {SH.IRI: "isIRI({v})", SH.Literal: "isLiteral({v})", SH.BlankNode: "isBlank({v})",
             SH.BlankNodeOrIRI: "!isLiteral({v})", SH.IRIOrLiteral: "!isBlank({v})",
             SH.BlankNodeOrLiteral: "!isIRI({v})"}
    tests = []
    for cls in g.objects(shape, SH["class"]):
        tests.append(("Class", f"EXISTS {{ {v} a {_term(cls)} }}"))
    for dt in g.objects(shape, SH.datatype):
        tests.append(("Datatype", f"(isLiteral({v}) && DATATYPE({v}) = {_term(dt)})"))
    for kind in g.objects(shape, SH.nodeKind):
        tests.append(("NodeKind", kinds[kind].format(v=v)))
    for pattern in g.objects(shape, SH.pattern):
        tests.append(("Pattern", f"(!isBlank({v}) && REGEX(STR({v}), {Literal(str(pattern)).n3()}))"))
    for n in g.objects(shape, SH.minLength):
        tests.append(("MinLength", f"(!isBlank({v}) && STRLEN(STR({v})) >= {int(n)})"))
    for n in g.objects(shape, SH.minInclusive):
        tests.append(("MinInclusive", f"{v} >= {_term(n)}"))
    for n in g.objects(shape, SH.maxInclusive):
        tests.append(("MaxInclusive", f"{v} <= {_term(n)}"))
    for values in g.objects(shape, SH["in"]):
        tests.append(("In", f"{v} IN ({', '.join(_term(x) for x in Collection(g, values))})"))
    for alternatives in g.objects(shape, SH["or"]):
        tests.append(("Or", "(" + " || ".join(_conforms(g, m, v) for m in Collection(g, alternatives)) + ")"))
    for other in g.objects(shape, SH["not"]):
        tests.append(("Not", f"!{_conforms(g, other, v)}"))
    return [(f"{name}ConstraintComponent", f"COALESCE({test}, false)") for name, test in tests]


def _conforms(g: Graph, shape, v: str) -> str:
    """A SPARQL expression true when ``v`` conforms to every value constraint of a shape in an sh:or,
    sh:not or sh:qualifiedValueShape."""
    _check_known(g, shape, _VALUE_PARAMS)
    tests = _tests(g, shape, v)
    return "(" + " && ".join(test for _, test in tests) + ")" if tests else "true"


def _which(tests: list[tuple[str, str]]) -> str:
    """Bind ?component to each constraint the value breaks (one row each, as SHACL reports them)."""
    if len(tests) == 1:
        return f'FILTER(!{tests[0][1]}) BIND("{tests[0][0]}" AS ?component)'
    names = " ".join(f'"{component}"' for component, _ in tests)
    broken = " || ".join(f'(?component = "{component}" && !{test})' for component, test in tests)
    return f"VALUES ?component {{ {names} }} FILTER({broken})"


def _any_broken(tests: list[tuple[str, str]]) -> str:
    return "FILTER(!(" + " && ".join(test for _, test in tests) + "))"


def _targets(g: Graph, shape) -> str:
    parts = [f"{{ ?this a {_term(c)} }}" for c in g.objects(shape, SH.targetClass)]
    parts += [f"{{ SELECT DISTINCT ?this WHERE {{ ?this {_term(p)} ?any }} }}"
              for p in g.objects(shape, SH.targetSubjectsOf)]
    return " UNION ".join(parts)


def _classes(g: Graph, shape) -> list | None:
    """The classes of a shape that only says "is one of these classes" (``sh:class C``, or ``sh:or`` of
    such shapes), else None: those are checked by an anti-join (MINUS), much faster than a test a value."""
    params = set(g.predicates(shape)) & _VALUE_PARAMS
    if params == {SH["class"]}:
        return list(g.objects(shape, SH["class"]))
    if params == {SH["or"]}:
        found = [_classes(g, m) for alternatives in g.objects(shape, SH["or"]) for m in Collection(g, alternatives)]
        return None if any(c is None or len(c) != 1 for c in found) else [c[0] for c in found]
    return None


def _split(g: Graph, shape, v: str):
    """A shape's value constraints as (component, classes) checked by anti-join, and the tests left."""
    classes, tests = _classes(g, shape), []
    if classes is not None:
        component = "Class" if g.value(shape, SH["class"]) is not None else "Or"
        return (f"{component}ConstraintComponent", classes), tests
    return None, _tests(g, shape, v)


def _is_one_of(v: str, classes) -> str:
    return f"{v} a ?class VALUES ?class {{ {' '.join(_term(c) for c in classes)} }}"


def compile_shapes(g: Graph) -> list[Check]:
    """Every node shape with targets as SPARQL queries; each selects ?this, ?component and maybe ?value.
    The cheap part (a predicate's triples, filtered) runs first, then the join with the focus nodes."""
    checks = []
    for shape in sorted(set(g.subjects(RDF.type, SH.NodeShape))):
        focus = _targets(g, shape)
        if not focus:
            continue
        _check_known(g, shape, _NODE_PARAMS)
        name = _label(g, shape)
        params = set(g.predicates(shape)) - _IGNORED - {SH.targetClass, SH.targetSubjectsOf, SH.property}
        negated = [_classes(g, other) for other in g.objects(shape, SH["not"])]
        if params == {SH["not"]} and all(c is not None for c in negated):  # "none of these classes"
            for classes in negated:
                checks.append(Check(name, None, f'SELECT DISTINCT ?this ("NotConstraintComponent" AS ?component) '
                                                f"WHERE {{ {focus} {_is_one_of('?this', classes)} }}"))
        elif params:
            anti, tests = _split(g, shape, "?this")
            if anti is not None:
                checks.append(Check(name, None, f'SELECT DISTINCT ?this ("{anti[0]}" AS ?component) WHERE '
                                                f"{{ {focus} MINUS {{ {_is_one_of('?this', anti[1])} }} }}"))
            if tests:
                checks.append(Check(name, None, f"SELECT DISTINCT ?this ?component WHERE {{ {focus} {_which(tests)} }}"))
        for prop in g.objects(shape, SH.property):
            checks += _property_checks(g, name, focus, prop)
    return checks


def _property_checks(g: Graph, name: str, focus: str, prop) -> list[Check]:
    _check_known(g, prop, _PROPERTY_PARAMS)
    path = g.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise ShapeError(f"shape {name} has a property path that is not one predicate")
    p, label = _term(path), g.namespace_manager.normalizeUri(path)

    def check(select: str, where: str, tail: str = "", probe: str | None = None) -> Check:
        outer = "?component ?value" if "?value" in select else "?component"
        return Check(name, label, f"SELECT DISTINCT ?this {outer} WHERE {{ {{ SELECT ?this {select} WHERE "
                                  f"{{ {where} }} {tail} }} {focus} }}", probe or f"ASK {{ {where} }}")
    checks = []
    for n in g.objects(prop, SH.minCount):
        if int(n) == 1:
            checks.append(Check(name, label, f'SELECT DISTINCT ?this ("MinCountConstraintComponent" AS ?component) '
                                             f"WHERE {{ {focus} MINUS {{ ?this {p} ?value }} }}"))
        else:
            checks.append(Check(name, label, f'SELECT ?this ("MinCountConstraintComponent" AS ?component) WHERE '
                                             f"{{ {focus} OPTIONAL {{ ?this {p} ?value }} }} GROUP BY ?this "
                                             f"HAVING (COUNT(DISTINCT ?value) < {int(n)})"))
    for n in g.objects(prop, SH.maxCount):  # probe: no subject has two values (a count of a predicate is fast)
        probe = f"ASK {{ {{ SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?this) AS ?s) WHERE {{ ?this {p} ?value }} }} " \
                f"FILTER(?n > ?s) }}" if int(n) == 1 else None
        checks.append(check('("MaxCountConstraintComponent" AS ?component)', f"?this {p} ?value",
                            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(n)})", probe))
    anti, tests = _split(g, prop, "?value")
    if anti is not None:
        checks.append(check(f'("{anti[0]}" AS ?component) ?value',
                            f"?this {p} ?value MINUS {{ {_is_one_of('?value', anti[1])} }}"))
    for other in g.objects(prop, SH.lessThanOrEquals):
        checks.append(check('("LessThanOrEqualsConstraintComponent" AS ?component) ?value',
                            f"?this {p} ?value ; {_term(other)} ?other FILTER(!COALESCE(?value <= ?other, false))"))
    if tests:
        checks.append(check("?component ?value", f"?this {p} ?value {_which(tests)}",
                            probe=f"ASK {{ ?this {p} ?value {_any_broken(tests)} }}"))
    qualified = g.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        low, high = g.value(prop, SH.qualifiedMinCount), g.value(prop, SH.qualifiedMaxCount)
        for component, bound in (("QualifiedMinCount", low is not None and f"< {int(low)}"),
                                 ("QualifiedMaxCount", high is not None and f"> {int(high)}")):
            if bound:
                checks.append(Check(name, label, f'SELECT ?this ("{component}ConstraintComponent" AS ?component) '
                                                 f"WHERE {{ {focus} OPTIONAL {{ ?this {p} ?value "
                                                 f"FILTER({_conforms(g, qualified, '?value')}) }} }} GROUP BY ?this "
                                                 f"HAVING (COUNT(DISTINCT ?value) {bound})"))
    return checks


@lru_cache(maxsize=1)
def checks() -> tuple[Check, ...]:
    return tuple(compile_shapes(shapes()))


def violations(engine) -> list[Violation]:
    """Every violation of the shapes in the graph an Oxigraph engine (``kg.sparql``) holds. Two checks
    run at once: Oxigraph reads an on-disk store without holding Python's lock."""
    from concurrent.futures import ThreadPoolExecutor

    def run(check: Check) -> list[Violation]:
        if check.probe is not None and not engine.answer(check.probe, own=True).boolean:
            return []
        return [Violation(check.shape, row[1].value, row[0].value, check.path,
                          _show(row[2]) if len(row) > 2 and row[2] is not None else None)
                for row in engine.answer(check.query, own=True).raw]
    with ThreadPoolExecutor(2) as pool:
        found = {v for found in pool.map(run, checks()) for v in found}
    return sorted(found, key=lambda v: (v.focus, v.component, v.path or "", v.value or ""))


def _show(term) -> str:
    text = str(term)  # N-Triples
    return re.sub(r"\s+", " ", text if len(text) <= 80 else text[:77] + "...")
