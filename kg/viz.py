"""Pictures of a graph: an interactive page (vis-network) and static PNG or SVG (matplotlib).

The page is one self-contained HTML file: vis-network's script (from the
installed ``pyvis`` package, which ships it) and ours are inlined, the data is
embedded as JSON with ``<``, ``>`` and ``&`` escaped, every text from the
articles reaches the page through ``textContent``, and a Content-Security-Policy
forbids the page any request. Nodes are coloured and shaped by class, event
edges are labelled with the role, a search box finds an entity by any of its
names, checkboxes and a list filter by class and by article, a click shows the
node's facts and the sentences they came from, and events are listed by date.

Quotations are not drawn as nodes (one a sentence would bury the picture): a
speaker's panel lists what it said, an entity's what was said about it and an
article's the quotations in it, each with its sentence and article. Events the
text does not report as having happened (planned, possible, negated) are drawn
pale with dashed lines and listed apart from those that happened.
"""
from __future__ import annotations

import colorsys
import html
import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx

from .vocab import EVENT_CLASSES

CORE = {  # class -> (label, vis-network shape, colour)
    "Person": ("Person", "dot", "#4e79a7"),
    "Organization": ("Organization", "square", "#f28e2b"),
    "Place": ("Place", "triangle", "#59a14f"),
    "NewsArticle": ("Article", "star", "#9c9c9c"),
}
LEAVE_OUT = {"TextSpan", "Correction", "Quotation"}  # quotations are listed in panels, not drawn
RELATION_LABELS = {"mentions": ""}  # articles' mentions are drawn as light dashed lines
# Only asserted and alleged events are claims that something happened (kg.vocab.FACTUALITY)
NOT_HAPPENED = {"Planned", "Possible", "Negated"}


def happened(*data: dict) -> bool:
    """Whether the text reports each event of these nodes' data as having happened, if only allegedly (a
    node that is no event has no factuality: it passes)."""
    return all(d.get("factuality") not in NOT_HAPPENED for d in data)


def pale(colour: str) -> str:
    """A class's colour mixed with white: the fill of its events that did not happen."""
    return "#" + "".join(f"{round(int(colour[i:i + 2], 16) * 0.35 + 255 * 0.65):02x}" for i in (1, 3, 5))


def style(cls: str) -> tuple[str, str, str]:
    """(label, shape, colour) of a node class; each event class has its own hue."""
    if cls in CORE:
        return CORE[cls]
    hue = (EVENT_CLASSES.index(cls) * 0.618034) % 1.0 if cls in EVENT_CLASSES else 0.0  # golden-ratio steps
    r, g, b = colorsys.hls_to_rgb(hue, 0.55, 0.65)
    return cls, "diamond", f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def degrees(G: nx.MultiDiGraph) -> dict[str, int]:
    """Each drawn node's number of connections (text spans' isPartOf left out)."""
    degree = {n: 0 for n, d in G.nodes(data=True) if d.get("type") not in LEAVE_OUT}
    for u, v, k in G.edges(keys=True):
        if k != "isPartOf":
            for n in (u, v):
                if n in degree:
                    degree[n] += 1
    return degree


def visible(G: nx.MultiDiGraph, max_nodes: int | None) -> tuple[list[str], dict | None]:
    """The nodes to draw: all but text spans, or the ``max_nodes`` most connected."""
    degree = degrees(G)
    if max_nodes is None or len(degree) <= max_nodes:
        return sorted(degree), None
    kept = sorted(degree, key=lambda n: (-degree[n], n))[:max_nodes]
    return sorted(kept), {"shown": len(kept), "total": len(degree)}


def page_data(G: nx.MultiDiGraph, max_nodes: int | None = 2000, corrections: str | None = None) -> dict:
    """What the page draws, as plain JSON-able data."""
    keep, truncated = visible(G, max_nodes)
    kept = set(keep)
    label = {n: _label(G, n) for n in keep}
    sentence = {n: d.get("text", "") for n, d in G.nodes(data=True) if d.get("type") == "TextSpan"}
    articles_of = {n: [] for n in keep}
    for u, v, k in G.edges(keys=True):
        if k == "mentions" and v in kept:
            articles_of[v].append(u)
    degree = degrees(G)
    rank = {n: i for i, n in enumerate(sorted(keep, key=lambda n: (-degree[n], n)))}
    nodes, classes = [], {}
    for n in keep:
        d = G.nodes[n]
        cls = d["type"]
        name, shape, colour = style(cls)
        classes.setdefault(cls, {"label": name, "shape": shape, "color": colour, "pale": pale(colour),
                                 "count": 0})["count"] += 1
        nodes.append({"id": n, "label": label[n], "cls": cls, "articles": sorted(articles_of[n]),
                      "degree": degree[n], "rank": rank[n], "factuality": _factuality(d), "happened": happened(d),
                      "names": [label[n]] + list(d.get("alternateName", [])), "facts": _facts(G, n, label, sentence)})
    edges = [{"from": u, "to": v, "label": RELATION_LABELS.get(k, k),
              "happened": happened(G.nodes[u], G.nodes[v])}
             for u, v, k in sorted(G.edges(keys=True)) if u in kept and v in kept and k != "isPartOf"]
    articles = [{"id": n, "label": label[n]} for n in keep if G.nodes[n]["type"] == "NewsArticle"]
    timeline = sorted(({"id": n, "label": label[n], "date": G.nodes[n].get("startDate"),
                        "factuality": _factuality(G.nodes[n]), "happened": happened(G.nodes[n])}
                       for n in keep if G.nodes[n]["type"] in EVENT_CLASSES),
                      key=lambda e: (e["date"] is None, e["date"] or "", e["label"]))
    order = list(CORE) + list(EVENT_CLASSES)
    classes = dict(sorted(classes.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
    return {"nodes": nodes, "edges": edges, "classes": classes, "articles": articles, "timeline": timeline,
            "quotes": _quotes(G, kept, sentence), "truncated": truncated,
            "corrections": corrections or "corrections.toml"}


def _label(G, n) -> str:
    d = G.nodes[n]
    return d.get("name") or d.get("headline") or next(iter(d.get("identifier", ())), None) or n.rsplit("/", 1)[-1]


def _factuality(d: dict) -> str | None:
    """An event's factuality when the text says more or less than that it happened (None: asserted)."""
    return None if d.get("factuality") == "Asserted" else d.get("factuality")


def _quotes(G, kept, sentence) -> list[dict]:
    """The quotations said by, about or in a drawn node, in article order: the words, the sentence they
    stand in, who said them and the article (its name and url)."""
    quotes = []
    for q, d in G.nodes(data=True):
        if d.get("type") != "Quotation":
            continue
        edges = {}  # relation -> [(node, data)]
        for _, v, k, data in sorted(G.out_edges(q, keys=True, data=True)):
            edges.setdefault(k, []).append((v, data))
        speaker, said = (edges.get("creator") or [(None, {})])[0]
        article, where = (edges.get("isPartOf") or [(None, {})])[0]
        about = [v for v, _ in edges.get("about", ())]
        if not {speaker, article, *about} & kept:
            continue
        quote = {"text": d.get("text", ""), "indirect": bool(d.get("indirect")),
                 "sentence": next(iter(_texts(said.get("evidence", ()), sentence)), None),
                 "speaker": speaker, "speakerName": _label(G, speaker) if speaker else None, "about": about,
                 "article": article, "articleName": _label(G, article) if article else None,
                 "url": G.nodes[article].get("url") if article else None}
        start = min((G.nodes[s].get("startOffset", 0) for s in where.get("evidence", ())), default=0)
        quotes.append(((article or "", start), quote))
    return [quote for _, quote in sorted(quotes, key=lambda pair: pair[0])]


def _facts(G, n, label, sentence) -> list[dict]:
    """A node's facts, each with the sentences it was read from."""
    d = G.nodes[n]
    evidence = {}
    for attr, value, _, spans, _ in d.get("literalEvidence", ()):
        evidence.setdefault((attr, str(value)), []).extend(spans)
    facts = []
    for attr in ("alternateName", "honorificPrefix", "honorificSuffix", "age", "jobTitle", "startDate",
                 "datePublished", "identifier", "url", "sentence", "money"):
        values = d.get(attr)
        for value in values if isinstance(values, list) else [values] if values is not None else []:
            spans = evidence.get((attr, str(value)), [])
            facts.append({"property": attr, "value": str(value), "sources": _texts(spans, sentence),
                          "fact": [n, attr, str(value)]})
    for _, v, k, data in sorted(G.out_edges(n, keys=True, data=True)):
        if k not in ("isPartOf", "mentions"):
            facts.append({"property": k, "value": label.get(v) or G.nodes[v].get("name", v),
                          "sources": _texts(data.get("evidence", ()), sentence), "fact": [n, k, v]})
    for u, _, k, data in sorted(G.in_edges(n, keys=True, data=True)):
        if G.nodes[u].get("type") == "Quotation":
            continue  # what was said by or about a node is listed apart (page_data's quotes)
        if k == "mentions":
            facts.append({"property": "mentioned in", "value": label.get(u) or u, "sources": [], "article": u})
        elif k != "isPartOf":
            facts.append({"property": f"{k} of", "value": label.get(u) or G.nodes[u].get("name", u),
                          "sources": _texts(data.get("evidence", ()), sentence), "fact": [u, k, n]})
    return facts


def _texts(spans, sentence) -> list[str]:
    return sorted({sentence[s].strip() for s in spans if sentence.get(s, "").strip()})


def vis_network_script() -> str:
    """vis-network's standalone build, as shipped inside the pyvis package."""
    try:
        lib = resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js"
        return lib.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise RuntimeError("the page needs vis-network, which the pyvis package ships: "
                           "pip install 'kg-builder[viz]'") from None


def _json_for_script(data) -> str:
    """JSON that cannot close the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def page(G: nx.MultiDiGraph, title: str = "Knowledge graph", max_nodes: int | None = 2000,
         corrections: str | None = None) -> str:
    """The interactive page of ``G`` as one self-contained HTML document; a node's panel offers the
    editor's decisions about it as ``kg correct -f CORRECTIONS ...`` commands to copy."""
    template = (resources.files("kg") / "viz.html").read_text(encoding="utf-8")
    values = {"TITLE": html.escape(title), "DATA": _json_for_script(page_data(G, max_nodes, corrections)),
              "VIS": vis_network_script().replace("</script", "<\\/script")}
    # one pass over the template: a placeholder inside a filled-in value (an article that says
    # "{{VIS}}") stays text
    return re.sub(r"\{\{(TITLE|DATA|VIS)\}\}", lambda m: values[m.group(1)], template)


def core(G: nx.MultiDiGraph, max_nodes: int | None = 150) -> nx.Graph:
    """What a picture shows: entities and events joined by their relations (not articles' mentions). The
    connected groups of three or more, biggest first; a group bigger than what is left of ``max_nodes``
    is grown from its best connected node, always to the best connected neighbour, so it stays joined."""
    import heapq

    H = nx.Graph()
    # in one order whatever order a loaded file gave: the layout is seeded, so a graph is always one picture
    for u, v, k in sorted(G.edges(keys=True)):
        if k not in ("mentions", "isPartOf") and u != v and not {G.nodes[u]["type"], G.nodes[v]["type"]} & (
                LEAVE_OUT | {"NewsArticle"}):
            H.add_edge(u, v, relation=k)
    budget = len(H) if max_nodes is None else max_nodes
    keep: set[str] = set()
    for group in sorted(nx.connected_components(H), key=lambda c: (-len(c), min(c))):
        if len(group) < 3 or budget - len(keep) < 3:
            break
        if len(group) <= budget - len(keep):
            keep |= group
            continue
        start = min(group, key=lambda n: (-H.degree(n), n))
        frontier, grown = [(-H.degree(start), start)], set()
        while frontier and len(keep) + len(grown) < budget:
            _, n = heapq.heappop(frontier)
            if n in grown:
                continue
            grown.add(n)
            for m in H[n]:
                if m not in grown:
                    heapq.heappush(frontier, (-H.degree(m), m))
        keep |= grown
    return H.subgraph(keep).copy()


def picture(G: nx.MultiDiGraph, path: str | Path, max_nodes: int | None = 150) -> None:
    """A static PNG or SVG (by suffix) of the graph's connected core (``core``), coloured by class, with
    a legend; on a big picture only the best connected are named."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    H = core(G, max_nodes)
    big = len(H) > 60
    pos = nx.spring_layout(H, seed=7, k=2.5 / max(1, len(H)) ** 0.5)
    size = min(20, 6 + len(H) / 6)
    fig, ax = plt.subplots(figsize=(size, size * 0.75))
    markers = {"dot": "o", "square": "s", "triangle": "^", "diamond": "D", "star": "*"}
    present = sorted({G.nodes[n]["type"] for n in H}, key=lambda c: (c not in CORE, c))
    for cls in present:
        name, shape, colour = style(cls)
        members = [n for n in H if G.nodes[n]["type"] == cls]
        nx.draw_networkx_nodes(H, pos, nodelist=members, node_shape=markers[shape],
                               node_color=[colour if happened(G.nodes[n]) else pale(colour) for n in members],
                               node_size=[120 + 40 * min(H.degree(n), 20) if big else 420 for n in members],
                               edgecolors="#333", ax=ax)
    for solid in (True, False):  # the relations of events that did not happen are dashed, as on the page
        nx.draw_networkx_edges(H, pos, edgelist=[(u, v) for u, v in H.edges
                                                 if happened(G.nodes[u], G.nodes[v]) == solid],
                               style="solid" if solid else "dashed", alpha=0.35 if big else 0.5, ax=ax)
    named = sorted(H, key=lambda n: (-H.degree(n), n))[:40] if big else list(H)
    below = {n: (x, y - 0.03) for n, (x, y) in pos.items()}  # names under their nodes
    nx.draw_networkx_labels(H, below, {n: G.nodes[n].get("name") or n.rsplit("/", 1)[-1] for n in named},
                            font_size=8, verticalalignment="top", ax=ax)
    if not big:
        nx.draw_networkx_edge_labels(H, pos, nx.get_edge_attributes(H, "relation"), font_size=6,
                                     font_color="#555", ax=ax)
    handles = [Line2D([], [], marker=markers[style(c)[1]], color="w", markerfacecolor=style(c)[2],
                      markeredgecolor="#333", markersize=10, label=style(c)[0]) for c in present]
    if not happened(*(G.nodes[n] for n in H)):
        # short, so that the legend in its corner covers no more nodes (the page explains at length)
        handles.append(Line2D([], [], color="#333", linestyle="dashed", label="not (yet) happened"))
    ax.legend(handles=handles, loc="best", fontsize=9, frameon=True)  # where it covers fewest nodes
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)
