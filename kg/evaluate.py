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


def gold_sets(shared: Path) -> dict[str, list[tuple[Path, Path]]]:
    """Set name (its folder under ``eval``) -> [(article text, gold file)], in a stable order."""
    root = shared / "eval"
    sets: dict[str, list[tuple[Path, Path]]] = {}
    for gold in sorted(root.rglob("*.gold.json")):
        text = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
        if text.exists():
            sets.setdefault(gold.parent.relative_to(root).as_posix(), []).append((text, gold))
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
             only: list[str] | None = None, keep: Path | None = None) -> dict:
    """Build and score every gold set; print one table (and, with ``verbose``, every miss and extra).

    Returns set name -> the scorer's report for that set, with ``documents`` (the article count) added.
    ``keep`` keeps the built graphs in that folder (one sub-folder per set).
    """
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        where = keep or Path(tmp)
        for name, items in gold_sets(shared).items():
            if only and not any(name == o or name.endswith("/" + o) for o in only):
                continue
            pairs = build_set(items, where / name, model)
            report, printed = score(shared, pairs, verbose)
            report["documents"] = len(pairs)
            report["pairs"] = [(str(g), str(s)) for g, s in pairs]
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
