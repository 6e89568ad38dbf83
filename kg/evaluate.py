"""Score builds of the shared gold articles with ../shared/eval/score.py."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from . import rdf
from .pipeline import build

SETS = ("seed", "dev")


def find_shared(start: Path | None = None) -> Path | None:
    """The ``shared`` folder beside the repository, if it is there."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder.parent / "shared"
        if (candidate / "eval" / "score.py").exists():
            return candidate
    return None


def evaluate(shared: Path, model: str, verbose: bool = False, out=sys.stdout) -> dict:
    """Build every gold article of each set, score it, and return the figures per set and overall."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        pairs = {}
        for name in SETS:
            folder = shared / "eval" / name
            pairs[name] = []
            for text in sorted(folder.glob("*.txt")):
                gold = text.with_name(text.stem + ".gold.json")
                if not gold.exists():
                    continue
                graph = Path(tmp) / name / f"{text.stem}.ttl"
                rdf.write(build([text], model=model), graph)
                pairs[name].append((gold, graph))
        pairs["all"] = [p for name in SETS for p in pairs[name]]
        for name, items in pairs.items():
            if not items:
                continue
            report = Path(tmp) / f"{name}.json"
            args = [sys.executable, str(shared / "eval" / "score.py"), *[str(x) for p in items for x in p],
                    "--json", str(report)] + (["-v"] if verbose and name != "all" else [])
            run = subprocess.run(args, capture_output=True, text=True)
            if run.returncode != 0:
                raise RuntimeError(f"score.py failed on {name}: {run.stderr.strip()}")
            print(f"== {name}", file=out)
            print(run.stdout.rstrip(), file=out)
            results[name] = json.loads(report.read_text())
    return results
