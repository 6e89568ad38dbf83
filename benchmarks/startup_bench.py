"""How long a one-article ``kg build`` takes over loading the spaCy pipeline alone (issue 16).

    python benchmarks/startup_bench.py [--runs 7] [--article examples/harbour-street-fire.txt]
                                       [--compare LABEL=DIR ...]

Every figure is the wall time of a whole fresh process, measured in this one run, the commands taking
turns (run 1 of each, then run 2 of each, ...) so that a slow spell of a shared machine falls on all
of them alike; printed are the median, the lowest and the highest of ``--runs`` runs of:

  * spacy   ``python -c "import spacy; spacy.load(MODEL)"``: the pipeline kg uses, loaded as
            ``kg.nlp.load_pipeline`` loads it (``spacy.load(name)``, nothing excluded or disabled;
            kg then adds its own two components, which is part of kg's cost);
  * build   ``kg build ARTICLE -o OUT.ttl`` (a short article of ours, Turtle);
  * help    ``kg --help``;
  * version ``kg --version``;

and build - spacy, against the targets: build - spacy <= 1 s, help and version < 0.5 s.

The runs are warm: the gazetteer tables (``kg.lang.en.places``, ``kg.link``) are kept on disk between
runs (``disk_cached``). This script gives every run one fresh cache folder of its own
(``XDG_CACHE_HOME``), so the first build of each kg copy builds the cache, as the first build after an
install does: that run is timed and reported once apart, and left out of the medians.

``--compare LABEL=DIR`` adds the commands of another copy of kg (a checkout whose ``kg`` package is in
DIR, run with ``PYTHONPATH=DIR``) to the same rotation, e.g. the code before a change:
``git archive HEAD~3 | tar -x -C /tmp/kg-before`` then ``--compare before=/tmp/kg-before``. The copy
this script belongs to is labelled "this".
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_BUILD, TARGET_HELP = 1.0, 0.5


def model_name(root: Path, cwd: Path) -> str:
    """The pipeline that copy of kg loads by default (``kg.nlp.DEFAULT_MODEL``), checking that it is the
    copy that runs (an editable install elsewhere does not shadow it)."""
    out = subprocess.run([sys.executable, "-c", "import kg; from kg.nlp import DEFAULT_MODEL; "
                          "print(kg.__file__); print(DEFAULT_MODEL)"],
                         env=env_for(root), cwd=cwd, capture_output=True, text=True, check=True)
    where, model = out.stdout.split()
    if not Path(where).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"PYTHONPATH={root} runs the kg of {where}")
    return model


def env_for(root: Path, cache: Path | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="")
    env.pop("KG_NO_CACHE", None)
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    return env


def timed(argv: list[str], env: dict, cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def kg_command(*args: str) -> list[str]:
    # the console script does no more than ``from kg.cli import main; sys.exit(main())``; every command
    # runs in an empty folder, as python -c puts the working folder first on the path
    return [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())", *args]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--article", type=Path, default=ROOT / "examples" / "harbour-street-fire.txt")
    ap.add_argument("--compare", action="append", default=[], metavar="LABEL=DIR",
                    help="another copy of kg to time in the same rotation")
    args = ap.parse_args()
    copies = {"this": ROOT}
    for item in args.compare:
        label, _, folder = item.partition("=")
        copies[label] = Path(folder).resolve()
    with tempfile.TemporaryDirectory(prefix="kg-startup-") as tmp:
        tmp = Path(tmp)
        models = {model_name(root, tmp) for root in copies.values()}
        if len(models) != 1:
            raise SystemExit(f"the copies load different pipelines: {models}")
        model = models.pop()
        cache = tmp / "cache"
        commands = {"spacy": ([sys.executable, "-c", f"import spacy; spacy.load({model!r})"], env_for(ROOT, cache))}
        for label, root in copies.items():
            env = env_for(root, cache)
            suffix = "" if label == "this" else f" [{label}]"
            out = tmp / f"out-{label}.ttl"
            commands["build" + suffix] = (kg_command("build", str(args.article), "-o", str(out), "-q"), env)
            commands["help" + suffix] = (kg_command("--help"), env)
            commands["version" + suffix] = (kg_command("--version"), env)

        print(f"python {sys.version.split()[0]}, pipeline {model}, article {args.article} "
              f"({args.article.stat().st_size:,} bytes), {args.runs} warm runs each, taking turns")
        first = {}
        for name, (argv, env) in commands.items():  # the first build of each copy makes its gazetteer cache
            if name.startswith("build"):
                first[name] = timed(argv, env, tmp)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (argv, env) in commands.items():
                times[name].append(timed(argv, env, tmp))

    print(f"\n{'command':22s} {'median':>8s} {'min':>8s} {'max':>8s}")
    for name, values in times.items():
        print(f"{name:22s} {statistics.median(values):8.2f} {min(values):8.2f} {max(values):8.2f}")
    spacy = statistics.median(times["spacy"])
    print(f"\nfirst build (gazetteer cache made, as after an install), once: "
          + ", ".join(f"{name} {value:.2f} s" for name, value in first.items()))
    print("\nagainst the targets (medians):")
    for label in copies:
        suffix = "" if label == "this" else f" [{label}]"
        over = statistics.median(times["build" + suffix]) - spacy
        help_, version = statistics.median(times["help" + suffix]), statistics.median(times["version" + suffix])
        print(f"  {label:8s} build - spacy {over:+.2f} s (target <= {TARGET_BUILD:.1f}: "
              f"{'met' if over <= TARGET_BUILD else 'NOT met'}); help {help_:.2f} s, version {version:.2f} s "
              f"(target < {TARGET_HELP:.1f}: {'met' if max(help_, version) < TARGET_HELP else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
