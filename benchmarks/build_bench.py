"""kg build against plain spaCy on BBC news: speed, memory, export and growth.

    python benchmarks/build_bench.py [--corpus ../shared/corpora/bbc-news-2005.jsonl]
                                     [--articles 500] [--growth 100,250,500,1000,2000] [--full]

Each run is a fresh Python process, so its peak memory (ru_maxrss, with its worker
processes) is its own. Printed, all measured in this one run:
  * plain ``nlp.pipe`` over N articles with the same pipeline, and ``kg build`` (to the
    NetworkX graph) with 1 and 2 processes: words per second, the ratios, peak memory;
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
import json, resource, sys, time, itertools
sys.path.insert(0, {root!r})
mode, corpus, n, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
records = [json.loads(line) for line in itertools.islice(open(corpus, encoding="utf-8"), n)]
words = sum(len(r["text"].split()) for r in records)
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
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
result["peak_mb"] = peak / 1024
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
    args = ap.parse_args()

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

    print("\ngrowth (1 process, build and export):")
    print(f"  {'articles':>8s} {'words':>9s} {'seconds':>8s} {'words/s':>8s} {'nodes':>8s} {'triples':>9s} {'peak MB':>8s}")
    for n in [int(x) for x in args.growth.split(",") if x]:
        r = run("export", args.corpus, n, 1)
        print(f"  {r['articles']:8d} {r['words']:9,d} {r['seconds']:8.1f} {r['words'] / r['seconds']:8,.0f} "
              f"{r['nodes']:8,d} {r['triples']:9,d} {r['peak_mb']:8.0f}")
    if args.full:
        r = run("export", args.corpus, 10**9, 2)
        print(f"\nfull corpus, 2 processes: {r['articles']:,} articles, {r['words']:,} words in {r['seconds']:.1f} s "
              f"({r['words'] / r['seconds']:,.0f} words/s), {r['triples']:,} triples; peak memory "
              f"{r['main_peak_mb']:.0f} MB in the main process, {r['peak_mb']:.0f} MB with the largest worker")


if __name__ == "__main__":
    main()
