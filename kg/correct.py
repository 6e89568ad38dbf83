"""``kg correct``: record an editor's decisions in a corrections file, list them, report what they did.

Each decision command checks the decision against the graph the file goes with (``NAME.ttl`` or the
store ``NAME/`` beside ``NAME.corrections.toml``, or ``--graph``) by applying the decisions already in
the file and then the new one: a node that is not there, a decision that conflicts with an earlier one
or cannot be (a Person merged with a Place) is refused with one line, and nothing is written. Otherwise
it is appended to the file and a one-line summary says what it does.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections import Counter
from pathlib import Path

from . import corrections as corr
from .vocab import FACTUALITY

__all__ = ["add_parser", "report_table", "rejected_by_rule"]

DECISIONS = {  # subcommand -> (kind, help)
    "merge": ("same-as", "these nodes are one (same-as)"),
    "split": ("not-same-as", "part of a node is another entity (not-same-as): the mentions in --article, or "
                             "named --name; without either, each article's part is a node of its own"),
    "retype": ("retype", "the class of an entity: Person, Organization or Place"),
    "rename": ("rename", "an entity's or event's canonical name (the old one stays as another name)"),
    "alias": ("alias", "another name of a node (--remove: not a name of it)"),
    "delete": ("delete", "the node is not there: no such entity or event (it stays as rejected)"),
    "delete-fact": ("delete-fact", "a fact the text does not say (it stays as rejected)"),
    "add-fact": ("add-fact", "a fact the reader missed, or from another source (--source URL)"),
    "factuality": ("factuality", "whether an event happened: " + ", ".join(FACTUALITY)),
}


def add_parser(sub) -> None:
    """The ``kg correct`` command and its subcommands, on the ``kg`` parser's subparsers."""
    p = sub.add_parser("correct", help="record an editor's decision about the graph (applied to every build)",
                       description="Record an editor's decisions in a corrections file (TOML), checked against "
                                   "the graph; kg build, --update, --store, kg viz and kg serve apply them. "
                                   "A NODE is an IRI, or a name, with its class and a colon before it if need "
                                   "be (Person:Labour).")
    p.add_argument("-f", "--file", required=True, type=Path, help="the corrections file (NAME.corrections.toml "
                   "beside the graph NAME.ttl or the store NAME/ is applied by default)")
    p.add_argument("--graph", help="the graph file or store to check against (default: the one the file goes with)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--why", required=True, help="the reason, in your words (kept with the decision)")
    common.add_argument("--who", default=None, help="who decides (default: $KG_EDITOR, else the user name)")
    for name, (kind, text) in DECISIONS.items():
        a = actions.add_parser(name, parents=[common], help=text, description=text)
        if name == "merge":
            a.add_argument("nodes", nargs="+", metavar="NODE")
        else:
            a.add_argument("node", metavar="EVENT" if name == "factuality" else "NODE")
        if name == "split":
            a.add_argument("--article", action="append", default=[], dest="articles",
                           help="an article (IRI or identifier) whose mentions are the other entity; repeatable")
            a.add_argument("--name", action="append", default=[], dest="names",
                           help="a name under which the other entity is mentioned; repeatable")
        elif name == "retype":
            a.add_argument("cls", metavar="CLASS", choices=corr.ENTITY_CLASSES)
        elif name in ("rename", "alias"):
            a.add_argument("name", metavar="NAME")
            if name == "alias":
                a.add_argument("--remove", action="store_true", help="NAME is not a name of the node")
        elif name in ("delete-fact", "add-fact"):
            a.add_argument("property", metavar="PROPERTY", choices=corr.PROPERTIES)
            a.add_argument("value", metavar="VALUE", help="a NODE for a relation, else the value")
            if name == "add-fact":
                a.add_argument("--source", help="where the fact comes from (a URL)")
                a.add_argument("--article", help="the article whose text says it (for kg correct gold)")
        elif name == "factuality":
            a.add_argument("factuality", metavar="VALUE", choices=FACTUALITY)
        a.set_defaults(run=cmd_decide, kind=kind)
    a = actions.add_parser("list", help="the decisions, and what each does to the graph")
    a.set_defaults(run=cmd_list)
    a = actions.add_parser("report", help="how many nodes and facts each kind of decision touched (and, "
                                          "with --by-rule, the reader's rules whose readings were rejected)")
    a.add_argument("--by-rule", action="store_true", help="rejected readings by the reader's rule")
    a.set_defaults(run=cmd_report)
    a = actions.add_parser("apply", help="write the corrected graph (to the graph itself, or -o)")
    a.add_argument("-o", "--output", help="write here instead")
    a.set_defaults(run=cmd_apply)
    a = actions.add_parser("gold", help="test cases for the reader: each article a decision concerns, as gold "
                                        "(X.txt, X.gold.json) for ../shared/eval/score.py and kg eval --gold")
    a.add_argument("inputs", nargs="+", metavar="INPUT", help="the articles (as given to kg build)")
    a.add_argument("-o", "--output", required=True, type=Path, help="folder to write the cases to")
    a.set_defaults(run=cmd_gold)


def _say(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


def _location(args, required: bool = True):
    """The graph the corrections file goes with: --graph, else the one beside the file."""
    location = args.graph or corr.graph_beside(args.file)
    if location is None and required:
        raise corr.CorrectionsError(f"{args.file}: no graph beside it; give --graph")
    return location


def _graph_of(args):
    """(location, the graph as read or None) to check decisions against."""
    location = _location(args, required=False)
    if location is None:
        return None, None
    G = corr.load_graph(location)
    return location, corr.as_read(G, location, _say)


def _decision(args) -> corr.Decision:
    fields = {"node": getattr(args, "node", None), "nodes": getattr(args, "nodes", None),
              "class": getattr(args, "cls", None), "name": getattr(args, "name", None),
              "property": getattr(args, "property", None), "value": getattr(args, "value", None),
              "factuality": getattr(args, "factuality", None), "articles": getattr(args, "articles", None),
              "names": getattr(args, "names", None), "source": getattr(args, "source", None),
              "article": getattr(args, "article", None), "remove": getattr(args, "remove", None) or None}
    table = {"kind": args.kind, **{k: v for k, v in fields.items() if v not in (None, [])},
             "who": args.who or os.environ.get("KG_EDITOR") or getpass.getuser(), "when": corr.now(),
             "why": args.why}
    return corr.decision_of(table, "the decision")


def cmd_decide(args) -> int:
    decisions = corr.load(args.file) if args.file.exists() else []
    new = _decision(args)
    same = [d for d in decisions if d.kind == new.kind and d.fields == new.fields]
    if same:
        raise corr.CorrectionsError(f"{args.file}: already decided at line {same[0].line} "
                                    f"({same[0].who}, {same[0].when}): {same[0].command()}")
    location, G = _graph_of(args)
    summary = "not checked against a graph (none beside the file; give --graph)"
    if G is not None:
        outcome = corr.apply(G, decisions + [new], corr.base_of(G), link=False).outcomes[-1]
        if outcome.status in ("no match", "conflict", "invalid"):
            raise corr.CorrectionsError(f"{args.file}: not added: {outcome.message}")
        if outcome.status == "in effect":
            _say(f"not added: {location} is so already ({new.command()})")
            return 0
        summary = _summary(outcome)
    line = corr.append(args.file, new)
    _say(f"{args.file}, line {line}: {new.command()}: {summary}")
    return 0


def _summary(o: corr.Outcome) -> str:
    parts = [f"{len(o.nodes)} node(s)"]
    for count, what in ((o.added, "fact(s) added"), (o.changed, "changed"), (o.rejected, "rejected")):
        if count:
            parts.append(f"{count} {what}")
    return ", ".join(parts)


def _outcomes(args) -> tuple[list[corr.Decision], corr.Report | None]:
    decisions = corr.load(args.file)
    location, G = _graph_of(args)
    if G is None:
        return decisions, None
    return decisions, corr.apply(G, decisions, corr.base_of(G), link=False)


def cmd_list(args) -> int:
    decisions, report = _outcomes(args)
    outcomes = report.outcomes if report else [None] * len(decisions)
    for d, o in zip(decisions, outcomes):
        status = f"  [{o.status}: {o.message or _summary(o)}]" if o else ""
        print(f"line {d.line:<5} {d.when:20s} {d.who:12s} {d.command()}  # {d.why}{status}")
    print(f"({len(decisions)} decision{'s' if len(decisions) != 1 else ''})")
    return 0


def report_table(report: corr.Report) -> str:
    """One line a kind of decision: how many, what became of them, and the nodes and facts they touched."""
    head = (f"{'kind':12s} {'decisions':>9s} {'applied':>7s} {'in effect':>9s} {'no match':>8s} {'refused':>7s}  "
            f"{'nodes':>5s} {'added':>5s} {'changed':>7s} {'rejected':>8s}")
    lines = [head, "-" * len(head)]
    rows = {}
    for o in report.outcomes:
        r = rows.setdefault(o.decision.kind, Counter())
        r["decisions"] += 1
        r[o.status] += 1
        r["nodes"] += len(o.nodes)
        r["added"] += o.added
        r["changed"] += o.changed
        r["rejected"] += o.rejected
    rows["total"] = sum(rows.values(), Counter())
    for kind, r in rows.items():
        lines.append(f"{kind:12s} {r['decisions']:9d} {r['applied']:7d} {r['in effect']:9d} {r['no match']:8d} "
                     f"{r['conflict'] + r['invalid']:7d}  {r['nodes']:5d} {r['added']:5d} {r['changed']:7d} "
                     f"{r['rejected']:8d}")
    return "\n".join(lines)


def rejected_by_rule(G) -> Counter:
    """How many of the reader's readings editors rejected, by the rule that read them."""
    counts = Counter()
    for _, d in G.nodes(data=True):
        for *_, rules in d.get("rejects", ()):
            counts.update(r for r in rules if r != corr.RULE)
    return counts


def cmd_report(args) -> int:
    decisions = corr.load(args.file)
    location, G = _graph_of(args)
    if G is None:
        raise corr.CorrectionsError(f"{args.file}: no graph beside it to report on; give --graph")
    report = corr.apply(G, decisions, corr.base_of(G), link=False)
    print(report_table(report))
    if args.by_rule:
        counts = rejected_by_rule(G)
        print(f"\n{'rule':40s} {'rejected':>8s}\n{'-' * 49}")
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"{rule:40s} {n:8d}")
    return 0


def cmd_apply(args) -> int:
    from . import rdf
    location = _location(args)
    G = corr.load_graph(location)
    H, report = corr.corrected(G, location, args.file, _say)
    for line in report.lines():
        _say(line)
    out = args.output or location
    corr.save_read_graph(out, corr.as_read(G, location))
    if str(out).startswith("oxigraph:") or Path(out).is_dir():
        from .sparql import update_store
        update_store(out, H, corr.base_of(H), before=G)
    else:
        rdf.write(H, out, base=corr.base_of(H))
    _say(f"{len(corr.corrections_in(H))} decision(s) applied -> {out}")
    return 0


def cmd_gold(args) -> int:
    from .gold import write_cases
    location = _location(args)
    G, report = corr.corrected(corr.load_graph(location), location, args.file, _say)
    written = write_cases(G, report, args.inputs, args.output)
    _say(f"{written} article(s) -> {args.output} (score the reader on them: kg eval --gold {args.output})")
    return 0


