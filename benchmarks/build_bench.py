"""kg build against plain spaCy on BBC news: speed, memory, export and growth.

    python benchmarks/build_bench.py [--corpus ../shared/corpora/bbc-news-2005.jsonl]
                                     [--articles 500] [--growth 100,250,500,1000,2000] [--full]

Each run is a fresh Python process; its peak memory is sampled every 0.2 s as the
resident memory of the process and all its worker processes together. Printed, all measured in this one run:
  * plain ``nlp.pipe`` over N articles with the same spaCy pipeline as spaCy loads it (without kg's
    components), and ``kg build`` (to the NetworkX graph) with 1 and 2 processes: words per second, the
    ratios, peak memory;
  * the time to write that graph as Turtle and as N-Triples;
  * time and memory of ``kg build`` (1 process, with export) from 100 to 2,000 articles;
  * with --full, the whole corpus with 2 processes: time and peak memory.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, os, resource, sys, threading, time, itertools
sys.path.insert(0, {root!r})

def family_rss():  # resident memory of this process and all its descendants (worker processes), in MB
    parents = {{}}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                parents[int(pid)] = int(open(f"/proc/{{pid}}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    family, grew = {{os.getpid()}}, True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in family and pid not in family:
                family.add(pid)
                grew = True
    total = 0
    for pid in family:
        try:
            total += int(open(f"/proc/{{pid}}/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return total / 2**20

peak = [0.0]
def sample():
    while True:
        peak[0] = max(peak[0], family_rss())
        time.sleep(0.2)
threading.Thread(target=sample, daemon=True).start()
mode, corpus, n, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
records = [json.loads(line) for line in itertools.islice(open(corpus, encoding="utf-8"), n)]
words = sum(len(r["text"].split()) for r in records)
if mode == "spacy":  # the bare pipeline, as spaCy loads it: kg's own components are what kg build adds
    import spacy
    from kg.nlp import DEFAULT_MODEL
    nlp = spacy.load(DEFAULT_MODEL)
else:  # loaded before the clock starts, as for plain spaCy
    from kg.nlp import load_pipeline
    nlp = load_pipeline()
result = {{"articles": len(records), "words": words}}
start = time.perf_counter()
if mode == "spacy":
    for doc in nlp.pipe((r["text"] for r in records), batch_size=32):
        pass
else:
    import kg
    from kg import rdf
    G = kg.build([kg.Document(text=r["text"], id=r.get("id"), title=r.get("title")) for r in records], jobs=jobs)
    result["nodes"], result["edges"] = G.number_of_nodes(), G.number_of_edges()
    if mode == "export":
        result["read"] = time.perf_counter() - start
        t = time.perf_counter(); ttl = rdf.serialize(G, "turtle"); result["turtle"] = time.perf_counter() - t
        t = time.perf_counter(); nt = rdf.serialize(G, "nt"); result["nt"] = time.perf_counter() - t
        result["triples"] = nt.count(b"\n")
result["seconds"] = time.perf_counter() - start
result["peak_mb"] = max(peak[0], family_rss())
result["main_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def run(mode: str, corpus: str, n: int, jobs: int = 1) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), mode, corpus, str(n), str(jobs)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "bbc-news-2005.jsonl"))
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--growth", default="100,250,500,1000,2000")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--only-full", action="store_true", help="measure only the whole corpus")
    args = ap.parse_args()
    if args.only_full:
        args.articles, args.growth, args.full = 0, "", True

    if args.articles:
        compare(args)
    for n in [int(x) for x in args.growth.split(",") if x]:
        if str(n) == args.growth.split(",")[0]:
            print("\ngrowth (1 process, build and export):")
            print(f"  {'articles':>8s} {'words':>9s} {'seconds':>8s} {'words/s':>8s} {'nodes':>8s} {'triples':>9s} "
                  f"{'peak MB':>8s}")
        r = run("export", args.corpus, n, 1)
        print(f"  {r['articles']:8d} {r['words']:9,d} {r['seconds']:8.1f} {r['words'] / r['seconds']:8,.0f} "
              f"{r['nodes']:8,d} {r['triples']:9,d} {r['peak_mb']:8.0f}", flush=True)
    if args.full:
        r = run("export", args.corpus, 10**9, 2)
        print(f"\nfull corpus, 2 processes: {r['articles']:,} articles, {r['words']:,} words in {r['seconds']:.1f} s "
              f"({r['words'] / r['seconds']:,.0f} words/s), {r['triples']:,} triples; peak memory "
              f"{r['peak_mb']:.0f} MB with its workers ({r['main_peak_mb']:.0f} MB in the main process)")


def compare(args):
    plain = run("spacy", args.corpus, args.articles)
    one = run("build", args.corpus, args.articles, 1)
    two = run("build", args.corpus, args.articles, 2)
    wps = {k: r["words"] / r["seconds"] for k, r in (("spacy", plain), ("1", one), ("2", two))}
    print(f"{args.articles} articles, {plain['words']:,} words")
    print(f"  plain nlp.pipe      {plain['seconds']:7.1f} s  {wps['spacy']:8,.0f} words/s  peak {plain['peak_mb']:6.0f} MB")
    print(f"  kg build, 1 process {one['seconds']:7.1f} s  {wps['1']:8,.0f} words/s  peak {one['peak_mb']:6.0f} MB"
          f"   ratio to nlp.pipe {wps['1'] / wps['spacy']:.2f}")
    print(f"  kg build, 2 procs.  {two['seconds']:7.1f} s  {wps['2']:8,.0f} words/s  peak {two['peak_mb']:6.0f} MB"
          f"   speed-up over 1 process {wps['2'] / wps['1']:.2f}x")
    export = run("export", args.corpus, args.articles, 1)
    print(f"  export of {export['triples']:,} triples: Turtle {export['turtle']:.2f} s, N-Triples {export['nt']:.2f} s")


if __name__ == "__main__":
    main()
