"""How long the page takes to draw and settle a graph of N nodes in headless Chromium.

    python benchmarks/page_bench.py [--nodes 3000] [--chromium /usr/bin/chromium]

Builds a synthetic graph (people, organisations and events with roles), writes the
page, and reports the time from opening it until the layout has stabilised and
physics is off (the page is then static and responds to search and clicks at once),
and the time a search takes to focus a node.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402

from kg import viz  # noqa: E402
from kg.graph import merge_edge, merge_node  # noqa: E402


def synthetic(n: int, seed: int = 3) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    orgs = [f"https://example.org/kg/organization/o{i}" for i in range(max(5, n // 20))]
    for i, o in enumerate(orgs):
        merge_node(G, o, type="Organization", name=f"Organisation {i}")
    people = []
    for i in range(n - len(orgs) - n // 5):
        p = f"https://example.org/kg/person/p{i}"
        merge_node(G, p, type="Person", name=f"Person {i}", alternateName=[f"P{i}"])
        merge_edge(G, p, rnd.choice(orgs), "memberOf")
        people.append(p)
    for i in range(n // 5):
        e = f"https://example.org/kg/event/e{i}"
        merge_node(G, e, type=rnd.choice(["Attack", "ArrestJail", "StartPosition"]), name=f"Event {i}",
                   startDate=f"20{rnd.randint(0, 23):02d}-0{rnd.randint(1, 9)}")
        merge_edge(G, e, rnd.choice(people), "person")
    return G


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=3000)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    G = synthetic(args.nodes)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "page.html"
        path.write_text(viz.page(G, "bench", max_nodes=None), encoding="utf-8")
        browser = p.chromium.launch(executable_path=args.chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("() => window.kgNetwork && window.kgNetwork.physics.physicsEnabled === false",
                               timeout=600_000)
        settled = time.perf_counter() - start
        start = time.perf_counter()
        page.fill("#search", "Person 42")
        page.dispatch_event("#search", "change")
        page.wait_for_function("() => document.querySelector('#details').innerText.includes('Person 42')")
        found = time.perf_counter() - start
        print(f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges, page {path.stat().st_size / 1e6:.1f} MB: "
              f"drawn and settled in {settled:.1f} s; search to focus {found * 1000:.0f} ms")
        browser.close()


if __name__ == "__main__":
    main()
