"""Score builds of the shared gold articles with ../shared/eval/score.py.

Every folder of gold files under ``shared/eval`` is a set (``seed``, ``dev``, ``external-dev/wikievents``,
...). Each article is built on its own, written as Turtle and scored by the shared scorer, which stays the
one judge of the headline figures.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from . import rdf
from .pipeline import build


def find_shared(start: Path | None = None) -> Path | None:
    """The ``shared`` folder beside the repository, if it is there."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder.parent / "shared"
        if (candidate / "eval" / "score.py").exists():
            return candidate
    return None


def gold_sets(shared: Path, root: Path | None = None) -> dict[str, list[tuple[Path, Path]]]:
    """Set name (its folder under ``eval``, or under ``root``: ``kg correct gold`` writes such a folder)
    -> [(article text, gold file)], in a stable order."""
    root = root or shared / "eval"
    sets: dict[str, list[tuple[Path, Path]]] = {}
    for gold in sorted(root.rglob("*.gold.json")):
        text = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
        if text.exists():
            sets.setdefault(gold.parent.relative_to(root.parent).as_posix() if gold.parent == root
                            else gold.parent.relative_to(root).as_posix(), []).append((text, gold))
    order = {"seed": 0, "dev": 1}
    return dict(sorted(sets.items(), key=lambda kv: (order.get(kv[0], 2), kv[0])))


def build_set(items: list[tuple[Path, Path]], folder: Path, model: str) -> list[tuple[Path, Path]]:
    """Build each article of a set into ``folder``; returns (gold, graph) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    pairs = []
    for text, gold in items:
        graph = folder / (text.stem + ".ttl")
        rdf.write(build([text], model=model), graph)
        pairs.append((gold, graph))
    return pairs


def score(shared: Path, pairs: list[tuple[Path, Path]], verbose: bool = False) -> tuple[dict, str]:
    """The shared scorer's figures (its JSON report) and printed lines for these pairs."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        args = [sys.executable, str(shared / "eval" / "score.py"), *[str(x) for p in pairs for x in p],
                "--json", str(report)] + (["-v"] if verbose else [])
        run = subprocess.run(args, capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(f"score.py failed: {run.stderr.strip()}")
        return json.loads(report.read_text()), run.stdout


def evaluate(shared: Path, model: str, verbose: bool = False, out=sys.stdout,
             only: list[str] | None = None, keep: Path | None = None, detail: bool = False,
             gold: Path | None = None) -> dict:
    """Build and score every gold set; print one table (and, with ``verbose``, every miss and extra).

    Returns set name -> the scorer's report for that set, with ``documents`` (the article count) added,
    and with ``detail`` the ``rows`` of ``tally_document`` for by-class and by-rule figures. ``keep``
    keeps the built graphs in that folder (one sub-folder per set).
    """
    results = {}
    scorer = load_scorer(shared) if detail else None
    with tempfile.TemporaryDirectory() as tmp:
        where = keep or Path(tmp)
        for name, items in gold_sets(shared, gold).items():
            if only and not any(name == o or name.endswith("/" + o) for o in only):
                continue
            pairs = build_set(items, where / name, model)
            report, printed = score(shared, pairs, verbose)
            report["documents"] = len(pairs)
            if detail:
                report["rows"] = [row for gold, graph in pairs for row in tally_document(scorer, gold, graph)]
            results[name] = report
            if verbose:
                print(f"== {name}", file=out)
                print(printed.rstrip(), file=out)
    print(table(results), file=out)
    return results


def table(results: dict) -> str:
    """One line a set: micro P/R/F1, entities P/R, facts P/R/F1, quotations F1."""
    head = f"{'set':26s} {'docs':>4s}  {'micro P':>7s} {'R':>5s} {'F1':>5s}  {'ent P':>5s} {'R':>5s}  " \
           f"{'facts P':>7s} {'R':>5s} {'F1':>5s}  {'quotes F1':>9s}"
    lines = [head, "-" * len(head)]
    for name, r in results.items():
        m, e, f = r["micro"], r["entities"], r["facts"]
        q = f"{r['quotes']['f1']:.3f}" if "quotes" in r else "-"
        lines.append(f"{name:26s} {r['documents']:4d}  {m['precision']:7.3f} {m['recall']:5.3f} {m['f1']:5.3f}  "
                     f"{e['precision']:5.3f} {e['recall']:5.3f}  {f['precision']:7.3f} {f['recall']:5.3f} "
                     f"{f['f1']:5.3f}  {q:>9s}")
    return "\n".join(lines)


def below_floor(results: dict, floor: dict) -> list[str]:
    """The sets whose figures are under the floor: ``{"dev": {"micro_f1": 0.7, "facts_f1": 0.5}, ...}``."""
    failed = []
    for name, mins in floor.items():
        if name not in results:
            continue
        for key, least in mins.items():
            part, _, measure = key.rpartition("_")
            got = results[name][part][measure]
            if got < least:
                failed.append(f"{name}: {part} {measure} {got:.4f} is below the floor {least:.4f}")
    return failed


# --- precision and recall by class and by rule -------------------------------------------------------
# The shared scorer gives totals. To see which classes and which rules are weak, the same matching is
# done here fact by fact with the scorer's own pieces (its Gold, System, align and matching helpers),
# and each system fact is traced to the rules on its reified statement (kgo:rule). The totals of this
# tally must equal the scorer's; ``tally`` reports a difference instead of hiding it.

def load_scorer(shared: Path):
    """The shared ``score.py`` as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("kg_shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rules_of(g, s, p, o) -> list[str]:
    """The rules on the reified statements of the triple (s, p, o)."""
    from rdflib import RDF

    from .vocab import KGO
    rules = set()
    for st in g.subjects(RDF.object, o):
        if (st, RDF.subject, s) in g and (st, RDF.predicate, p) in g:
            rules.update(str(r) for r in g.objects(st, KGO.rule))
    return sorted(rules) or ["(no rule)"]


def _mention_rules(g, node) -> list[str]:
    """The rules that found an entity's mentions (on the articles' schema:mentions statements)."""
    from rdflib import RDF

    from .vocab import KGO, SDO
    rules = {str(r) for st in g.subjects(RDF.object, node) if (st, RDF.predicate, SDO.mentions) in g
             for r in g.objects(st, KGO.rule)}
    return sorted(rules) or ["(no rule)"]


def tally_document(sc, gold_path: Path, graph_path: Path) -> list[tuple[str, str, str, list[str]]]:
    """(outcome, kind, class, rules) for every counted entity and fact of one document.

    Outcomes: "right" / "wrong" for each claim of the graph (precision; with the rules that made it),
    "found" / "missed" for each gold item (recall). ``kind`` is "entity" (class: Person ...) or "fact"
    (class: the property, or "@Event role").
    """
    from rdflib import RDF, Literal

    gold, system = sc.Gold(gold_path), sc.System(graph_path)
    mapping, _ = sc.align(gold, system)
    out = []
    g = system.g

    def types(node):
        return "/".join(sorted(system.entities[node]["types"]))
    by_gold = {}  # the entities, as the scorer counts them
    for node, (gid, score) in mapping.items():
        typed = system.entities[node]["types"] <= gold.entities[gid]["types"]
        by_gold.setdefault(gid, []).append((score, typed, len(list(g.predicate_objects(node))), node))
    for gid, ge in gold.entities.items():
        nodes = sorted(by_gold.get(gid, []), key=lambda t: t[:3], reverse=True)
        if ge["optional"]:
            continue
        primary = nodes[0][-1] if nodes else None
        if primary is not None and system.entities[primary]["types"] <= ge["types"]:
            out += [("found", "entity", "/".join(sorted(ge["types"])), []),
                    ("right", "entity", types(primary), _mention_rules(g, primary))]
        else:
            out.append(("missed", "entity", "/".join(sorted(ge["types"])), []))
            if primary is not None:
                out.append(("wrong", "entity", types(primary), _mention_rules(g, primary)))
        out += [("wrong", "entity", types(d), _mention_rules(g, d)) for *_, d in nodes[1:]]
    for node in system.entities:
        if node not in mapping and gold.entities_exhaustive:
            out.append(("wrong", "entity", types(node), _mention_rules(g, node)))

    def entity_id(node):
        return mapping[node][0] if node in mapping else None

    facts = []  # ((subject id, prop), value, class, rules), as the scorer reads them
    for node in system.entities:
        for p, o in g.predicate_objects(node):
            name = sc.local(p)
            if name not in sc.ENTITY_PROPS:
                continue
            prop, backwards = sc.ENTITY_PROPS[name]
            if isinstance(o, Literal):
                if not backwards:
                    facts.append(((entity_id(node), prop), o.toPython() if prop == "age" else str(o), prop,
                                  _rules_of(g, node, p, o)))
                continue
            if o not in system.entities:
                continue
            s_id, o_id = (entity_id(o), entity_id(node)) if backwards else (entity_id(node), entity_id(o))
            if prop in sc.SYMMETRIC and s_id and o_id and s_id > o_id:
                s_id, o_id = o_id, s_id
            facts.append(((s_id, prop), o_id, prop, _rules_of(g, node, p, o)))
    for node, classes in system.events.items():
        for p, o in g.predicate_objects(node):
            name = sc.local(p)
            if name is None or p == RDF.type:
                continue
            for etype in classes - {"Event"}:
                if name in sc.EVENT_SLOTS:
                    slot = sc.EVENT_SLOTS[name]
                elif str(p).startswith(str(sc.KGO)) and not isinstance(o, Literal):
                    slot = sc.ROLE_ALIASES.get(etype, {}).get(name, name)
                else:
                    continue
                if isinstance(o, Literal):
                    value = str(o)
                elif o in system.entities:
                    value = entity_id(o)
                else:
                    continue
                facts.append(((f"@{etype}", slot), value, f"@{etype} {slot}", _rules_of(g, node, p, o)))
    gold_facts = []
    for (s, p), opts, optional in gold.facts:
        if p in sc.SYMMETRIC:
            gold_facts += [((a, p), [b], optional) for o in opts for a, b in [sorted((s, o))]]
        else:
            gold_facts.append(((s, p), opts, optional))

    def matches(fact, gf):
        (key, value, *_), (gkey, opts, _) = fact, gf
        if key != gkey or value is None:
            return False
        for opt in opts:
            if gold.is_entity(opt):
                if value == opt:
                    return True
            elif not gold.is_entity(value) and sc.literal_matches(gkey[1], value, opt):
                return True
        return False

    def ignored(fact):
        (s, prop), value, *_ = fact
        if gold.properties is not None and prop not in gold.properties:
            return True
        if not gold.entities_exhaustive and (s is None or value is None):
            return True
        return any(gold.is_entity(v) and gold.entities[v]["optional"] for v in (s, value))

    found = [False] * len(gold_facts)
    for fact in facts:
        hit = [i for i, gf in enumerate(gold_facts) if matches(fact, gf)]
        for i in hit:
            found[i] = True
        if hit:
            out.append(("right", "fact", fact[2], fact[3]))
        elif not ignored(fact):
            out.append(("wrong", "fact", fact[2], fact[3]))
    for ((s, p), _, optional), ok in zip(gold_facts, found):
        if not optional:
            out.append(("found" if ok else "missed", "fact", f"{s} {p}" if s.startswith("@") else p, []))
    return out


def _ratio(a: int, b: int) -> float:
    return a / (a + b) if a + b else 0.0


def by_class_table(rows: list) -> str:
    """P/R per entity class, per property and per event class and role."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for outcome, kind, cls, _ in rows:
        c = counts.setdefault((kind, cls), dict.fromkeys(("right", "wrong", "found", "missed"), 0))
        c[outcome] += 1
    lines = [f"{'kind':6s} {'class':34s} {'right':>5s} {'wrong':>5s} {'P':>5s}  {'found':>5s} {'miss':>5s} {'R':>5s}"]
    for (kind, cls), c in sorted(counts.items()):
        lines.append(f"{kind:6s} {cls:34s} {c['right']:5d} {c['wrong']:5d} {_ratio(c['right'], c['wrong']):5.2f}  "
                     f"{c['found']:5d} {c['missed']:5d} {_ratio(c['found'], c['missed']):5.2f}")
    return "\n".join(lines)


def by_rule_counts(rows: list) -> dict[str, list[int]]:
    """Rule -> [right, wrong]: the graph's claims (entities and facts) each rule took part in."""
    counts: dict[str, list[int]] = {}
    for outcome, _, _, rules in rows:
        if outcome in ("right", "wrong"):
            for rule in rules:
                counts.setdefault(rule, [0, 0])[outcome == "wrong"] += 1
    return counts


def by_rule_table(rows: list) -> str:
    """Precision and right/wrong claims per rule, weakest first."""
    lines = [f"{'rule':40s} {'right':>5s} {'wrong':>5s} {'P':>5s}"]
    counts = by_rule_counts(rows)
    for rule, (right, wrong) in sorted(counts.items(), key=lambda kv: (_ratio(*kv[1]), -sum(kv[1]), kv[0])):
        lines.append(f"{rule:40s} {right:5d} {wrong:5d} {_ratio(right, wrong):5.2f}")
    return "\n".join(lines)


def check_totals(rows: list, report: dict) -> str | None:
    """A difference between this tally and the scorer's totals (tp = found, fp = wrong, fn = missed)."""
    for kind, key in (("entity", "entities"), ("fact", "facts")):
        mine = [sum(1 for o, k, *_ in rows if k == kind and o == x) for x in ("found", "wrong", "missed")]
        theirs = [report[key][x] for x in ("tp", "fp", "fn")]
        if mine != theirs:
            return f"the {kind} tally (tp, fp, fn) {mine} differs from the scorer's {theirs}"
    return None
