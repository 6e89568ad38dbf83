"""Draw events and people from a built graph, with the sentences they were read from, for a hand check.

    python benchmarks/hand_check.py GRAPH --texts ARTICLES.jsonl [--seed 1] [--events 50] [--people 50] [--out F]

Events are drawn from those the graph claims happened (asserted or alleged), people from the Person nodes;
the same seed gives the same draw. Each item is printed with what the reader claims and the sentences it
took it from, so a reader can mark it right or wrong (class and participants for an event; "is a person"
for a person).
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kg  # noqa: E402
from kg.vocab import EVENT_CLASSES, ROLES  # noqa: E402


def sentences(G, spans, limit=3) -> list[str]:
    texts = []
    for span in sorted(spans):
        text = " ".join(G.nodes[span].get("text", "").split()) if span in G else ""
        if text and text not in texts:
            texts.append(text)
    return texts[:limit]


def events(G, rng, n) -> list[str]:
    nodes = sorted(v for v, d in G.nodes(data=True) if d["type"] in EVENT_CLASSES
                   and d.get("factuality", "Asserted") in ("Asserted", "Alleged"))
    out = []
    for k, node in enumerate(rng.sample(nodes, min(n, len(nodes))), 1):
        d = G.nodes[node]
        roles, spans = [], set()
        for _, other, key, data in G.out_edges(node, keys=True, data=True):
            if key in ROLES or key == "location":
                roles.append(f"{key}={G.nodes[other].get('name')}")
                spans.update(data.get("evidence", ()))
        date = f" date={d['startDate']}" if "startDate" in d else ""
        fact = f" ({d['factuality']})" if "factuality" in d else ""
        out.append(f"E{k}. {d['type']}{fact}: {d.get('name')} | {', '.join(sorted(roles))}{date}\n"
                   + "".join(f"    > {s}\n" for s in sentences(G, spans)))
    return out


def people(G, rng, n, texts: dict[str, str]) -> list[str]:
    nodes = sorted(v for v, d in G.nodes(data=True) if d["type"] == "Person")
    out = []
    for k, node in enumerate(rng.sample(nodes, min(n, len(nodes))), 1):
        d = G.nodes[node]
        spans = sorted(s for _, _, key, data in G.in_edges(node, keys=True, data=True) if key == "mentions"
                       for s in data.get("evidence", ()))
        lines = []
        for span in spans[:2]:  # the words around its first mentions, from the article's text
            article = G.nodes[span.split("#", 1)[0]]
            ids = article.get("identifier") or []
            text = next((texts[i] for i in ([ids] if isinstance(ids, str) else ids) if i in texts), "")
            start, end = G.nodes[span]["startOffset"], G.nodes[span]["endOffset"]
            lines.append(" ".join(text[max(0, start - 120):end + 120].split()))
        out.append(f"P{k}. {d.get('name')} (also: {', '.join(d.get('alternateName', [])) or '-'})\n"
                   + "".join(f"    ... {line} ...\n" for line in lines))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph")
    ap.add_argument("--texts", type=Path, required=True, help="the JSON Lines file the graph was built from")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--events", type=int, default=50)
    ap.add_argument("--people", type=int, default=50)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    import json
    G = kg.load(args.graph)
    texts = {}
    with open(args.texts, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            texts[record.get("id")] = record["text"]
    rng = random.Random(args.seed)
    text = "# Events\n\n" + "\n".join(events(G, rng, args.events)) + "\n# People\n\n" + "\n".join(
        people(G, rng, args.people, texts))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
