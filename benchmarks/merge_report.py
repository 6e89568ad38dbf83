"""What merging across articles and place linking did on a graph, with a sample to check by hand.

    python benchmarks/merge_report.py GRAPH [--texts ARTICLES.jsonl] [--sample 20] [--seed 1]

Prints how many entity nodes gather mentions from more than one article (by class), the namesakes
kept apart, the events told in more than one article, how many places were linked, then a random
sample of merged entities (for each, per article, the headline and the text around its first mention
there, from ``--texts``, the .jsonl the graph was built from) and of linked places with the text
around a mention, so that a reader can judge whether the merges and links are right.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kg  # noqa: E402
from kg.vocab import EVENT_CLASSES  # noqa: E402

ENTITIES = ("Person", "Organization", "Place")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph")
    parser.add_argument("--texts", help="the .jsonl file the graph was built from, to show each mention in context")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    G = kg.load(args.graph)
    texts = {}
    if args.texts:
        with open(args.texts, encoding="utf-8") as f:
            texts = {r.get("id"): r["text"] for r in map(json.loads, f)}

    def articles_of(node):
        return sorted(u for u, _, k in G.in_edges(node, keys=True) if k == "mentions")

    merged = {n: articles_of(n) for n, d in G.nodes(data=True) if d["type"] in ENTITIES}
    merged = {n: a for n, a in merged.items() if len(a) > 1}
    events = [n for n, d in G.nodes(data=True) if d["type"] in EVENT_CLASSES and len(articles_of(n)) > 1]
    namesakes = sorted(n for n, d in G.nodes(data=True) if d["type"] == "Person" and _namesake(n))
    places = [d for _, d in G.nodes(data=True) if d["type"] == "Place"]
    linked_nodes = sorted(n for n, d in G.nodes(data=True)
                          if d["type"] == "Place" and ("sameAs" in d or "isoCode" in d))
    linked = Counter("GeoNames" if "sameAs" in G.nodes[n] else "ISO 3166 only" for n in linked_nodes)
    total = sum(1 for _, d in G.nodes(data=True) if d["type"] in ENTITIES)
    print(f"articles: {sum(1 for _, d in G.nodes(data=True) if d['type'] == 'NewsArticle')}")
    print(f"entity nodes: {total}; in more than one article: {len(merged)} "
          f"({dict(sorted(Counter(G.nodes[n]['type'] for n in merged).items()))}), "
          f"mentions gathered: {sum(len(a) for a in merged.values())}")
    print(f"namesakes kept apart: {len(namesakes)} {namesakes[:10]}")
    print(f"events told in more than one article: {len(events)}")
    print(f"places: {len(places)}; linked: {sum(linked.values())} {dict(linked)}; "
          f"with coordinates: {sum(1 for d in places if 'latitude' in d)}")
    rnd = random.Random(args.seed)

    def context(article: str, node: str) -> str:
        spans = sorted(G.edges[article, node, "mentions"].get("evidence", ()), key=lambda s: G.nodes[s]["startOffset"])
        first = G.nodes[spans[0]]
        text = texts.get(next(iter(G.nodes[article].get("identifier", ())), None))
        around = text[max(0, first["startOffset"] - 110):first["endOffset"] + 110] if text else first["text"]
        return f"[{G.nodes[article].get('headline', article)}] {' '.join(around.split())}"

    print("\n# merged across articles")
    for node in rnd.sample(sorted(merged), min(args.sample, len(merged))):
        data = G.nodes[node]
        print(f"\n== {data['name']} ({data['type']}, {len(merged[node])} articles) {data.get('sameAs', '')}")
        for article in merged[node][:3]:
            print("   " + context(article, node))
    print("\n# linked places")
    for node in rnd.sample(linked_nodes, min(args.sample, len(linked_nodes))):
        d = G.nodes[node]
        where = f"({d['latitude']}, {d['longitude']})" if "latitude" in d else ""
        print(f"== {d['name']} -> {d.get('isoCode') or d.get('addressCountry', '')} {d.get('sameAs', '')} {where}")
        print("   " + context(articles_of(node)[0], node))


def _namesake(node: str) -> bool:
    """A person's node numbered apart from a namesake (person/jane-roe--2), not an article-scoped one."""
    suffix = node.rsplit("--", 1)[-1] if "--" in node else ""
    return suffix.isdigit() and len(suffix) < 8


if __name__ == "__main__":
    main()
