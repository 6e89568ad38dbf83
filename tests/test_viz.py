"""The page in headless Chromium (Debian's, driven by Playwright), and the static pictures."""
import os
import shutil
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg import viz
from kg.cli import main
from kg.graph import merge_edge, merge_node

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = "<img src=x onerror=alert(1)>"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, path):
    page = browser.new_page(viewport={"width": 1300, "height": 850})
    seen = {"console": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: seen["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: seen["console"].append(("error", str(e))))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_function("window.kgNetwork !== undefined")
    page.wait_for_timeout(1500)
    return page, seen


def search(page, text):
    page.fill("#search", text)
    page.dispatch_event("#search", "change")
    page.wait_for_timeout(500)


@pytest.fixture(scope="module")
def example_page(tmp_path_factory, example_graph):
    path = tmp_path_factory.mktemp("viz") / "example.html"
    path.write_text(viz.page(example_graph, "Example"), encoding="utf-8")
    return path


def test_page_renders_searches_and_stays_offline(browser, example_page):
    page, seen = open_page(browser, example_page)
    painted = page.evaluate("""() => {
        const c = document.querySelector('#graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n; }""")
    assert painted > 5000, "the canvas is blank"
    search(page, "Mr Hale")
    details = page.inner_text("#details")
    assert "Gregory Hale" in details and "52" in details and "was arrested by" in details
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == ["https://example.org/kg/person/gregory-hale"]
    assert not [m for m in seen["console"] if m[0] == "error"], seen["console"]
    assert seen["requests"] == [example_page.resolve().as_uri()]
    page.close()


def click_node(page, node):
    """Click a node where it is drawn, with the mouse (once the layout has settled, so it stays there)."""
    page.wait_for_function("window.kgReady === true")
    x, y = page.evaluate("""node => {
        const net = window.kgNetwork; net.fit();
        const p = net.canvasToDOM(net.getPositions([node])[node]);
        const box = document.querySelector('#graph canvas').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }""", node)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    page.wait_for_timeout(300)


def test_click_shows_the_facts_of_a_node(browser, example_page):
    page, _ = open_page(browser, example_page)
    click_node(page, "https://example.org/kg/person/tomasz-nowak")
    details = page.inner_text("#details")
    assert "Tomasz Nowak" in details and "firefighter" in details
    page.close()


def test_filters_and_timeline(browser, example_page):
    page, _ = open_page(browser, example_page)
    visible = "window.kgNetwork.body.data.nodes.getIds().length"
    before = page.evaluate(visible)
    page.uncheck('input[data-class="Person"]')
    page.wait_for_timeout(200)
    assert page.evaluate(visible) < before
    items = page.locator("#events-happened li").all_inner_texts()
    assert items[0].startswith("2024-04-14: Arrest of Gregory Hale")
    page.close()


def test_text_from_articles_is_shown_as_text(browser, tmp_path):
    G = nx.MultiDiGraph()
    art, span = "https://example.org/kg/article/x", "https://example.org/kg/article/x#char=0,40"
    merge_node(G, art, type="NewsArticle", headline="</script><script>alert(2)</script>")
    merge_node(G, span, type="TextSpan", startOffset=0, endOffset=40, text=f"Said {HOSTILE} \u2028 & </title>")
    merge_edge(G, span, art, "isPartOf")
    merge_node(G, "https://example.org/kg/person/x", type="Person", name=HOSTILE, age=30,
               literalEvidence=[["age", 30, 0.9, [span], ["age.apposition"]]])
    merge_edge(G, art, "https://example.org/kg/person/x", "mentions", 0.9, [span])
    path = tmp_path / "hostile.html"
    path.write_text(viz.page(G, f"Title {HOSTILE}"), encoding="utf-8")
    page, seen = open_page(browser, path)
    search(page, HOSTILE)
    assert HOSTILE in page.inner_text("#details")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert HOSTILE in page.title()
    assert seen["dialogs"] == []
    assert not [m for m in seen["console"] if m[0] == "error"], seen["console"]
    page.close()


BRIDGE = ("Bridge row\n\n\"Clara Voss has promised us the money for the new bridge,\" said Alan Pike, the mayor of "
          "Eastbrook. Mr Pike will meet Ms Voss, the transport minister, in May.\n")


def test_a_speakers_click_shows_what_it_said_with_its_sentence_and_article(browser, tmp_path):
    from kg.records import Document
    G = kg.build([Document(text=BRIDGE, id="bridge", title="Bridge row", url="https://news.example/bridge")])
    path = tmp_path / "bridge.html"
    path.write_text(viz.page(G, "Bridge"), encoding="utf-8")
    page, seen = open_page(browser, path)
    assert page.evaluate("kgNetwork.body.data.nodes.get().filter(n => n.id.includes('/quote/')).length") == 0
    assert "Quotation" not in page.inner_text("#legend")  # quotations are listed, not drawn
    click_node(page, "https://example.org/kg/person/alan-pike")
    said = page.locator("#details .quotes li")
    assert said.count() == 1
    assert "“Clara Voss has promised us the money for the new bridge”" in said.inner_text()
    assert '"Clara Voss has promised us the money for the new bridge," said Alan Pike, the mayor of Eastbrook.' \
        in said.inner_text()
    link = said.locator("a")
    assert link.inner_text() == "Bridge row" and link.get_attribute("href") == "https://news.example/bridge"
    click_node(page, "https://example.org/kg/person/clara-voss")  # the quotation names her
    assert "Said about it (1)" in page.inner_text("#details") and "Alan Pike" in page.inner_text("#details .quotes")
    page.select_option("#article", label="Bridge row")  # an article's panel lists its quotations
    page.wait_for_timeout(300)
    assert "Quotations (1)" in page.inner_text("#details") and "Alan Pike" in page.inner_text("#details .quotes")
    assert seen["requests"] == [path.resolve().as_uri()]
    assert not [m for m in seen["console"] if m[0] == "error"], seen["console"]
    page.close()


def test_a_planned_event_is_drawn_pale_and_dashed_and_listed_as_to_come(browser, example_page):
    page, seen = open_page(browser, example_page)
    page.wait_for_function("window.kgReady === true")
    assert page.locator("#events-planned li").all_inner_texts() == ["date unknown: Trial of Gregory Hale"]
    assert "Arrest of Gregory Hale" in page.inner_text("#events-happened")
    planned, arrest = page.evaluate("""[DATA.nodes.find(n => n.factuality === 'Planned').id,
                                        DATA.nodes.find(n => n.cls === 'ArrestJail').id]""")
    drawn = page.evaluate(f"""([planned, arrest]) => {{
        const centre = {CENTRE_COLOUR}, body = kgNetwork.body;
        const roles = id => DATA.edges.map((e, i) => [e, i]).filter(([e]) => e.from === id && e.label)
                                      .map(([, i]) => body.edges[i].options.dashes);
        return {{ planned: centre(planned), arrest: centre(arrest), plannedRoles: roles(planned),
                  arrestRoles: roles(arrest), border: body.nodes[planned].options.shapeProperties.borderDashes,
                  pale: DATA.classes.TrialHearing.pale, colour: DATA.classes.ArrestJail.color }};
    }}""", [planned, arrest])
    assert close(drawn["planned"], drawn["pale"]) and close(drawn["arrest"], drawn["colour"]), drawn
    assert drawn["border"] and drawn["plannedRoles"] and all(drawn["plannedRoles"]), drawn
    assert drawn["arrestRoles"] and not any(drawn["arrestRoles"]), drawn
    assert "planned, possible or did not happen" in page.inner_text("#factuality-legend")
    page.click("#events-planned li")
    assert "Planned: reported as to come" in page.inner_text("#details")
    assert not [m for m in seen["console"] if m[0] == "error"], seen["console"]
    page.close()


def test_events_are_listed_by_what_the_text_says_of_them(browser, tmp_path):
    G = nx.MultiDiGraph()
    person = "https://example.org/kg/person/ada-brook"
    merge_node(G, person, type="Person", name="Ada Brook")
    for i, (cls, name, factuality) in enumerate([("Attack", "Attack by Ada Brook", "Alleged"),
                                                 ("Elect", "Election of Ada Brook", "Possible"),
                                                 ("ArrestJail", "Arrest of Ada Brook", "Negated"),
                                                 ("Meet", "Meeting of Ada Brook", "Asserted")]):
        event = f"https://example.org/kg/event/e{i}"
        merge_node(G, event, type=cls, name=name, startDate="2024-05-0" + str(i + 1), factuality=factuality)
        merge_edge(G, event, person, "person")
    path = tmp_path / "factuality.html"
    path.write_text(viz.page(G, "Factuality"), encoding="utf-8")
    page, _ = open_page(browser, path)
    sections = page.evaluate("""[...document.querySelectorAll('#timeline h3')].map(h =>
        [h.textContent, [...h.nextElementSibling.querySelectorAll('li')].map(li => li.textContent)])""")
    assert sections == [["What happened", ["2024-05-01: Attack by Ada Brook (alleged)",
                                           "2024-05-04: Meeting of Ada Brook"]],
                        ["What may happen", ["2024-05-02: Election of Ada Brook"]],
                        ["What did not happen", ["2024-05-03: Arrest of Ada Brook"]]]
    labels = page.evaluate("kgNetwork.body.data.nodes.get().map(n => n.label).sort()")
    assert "Attack by Ada Brook (alleged)" in labels and "Arrest of Ada Brook (did not happen)" in labels
    page.close()


def test_quotations_from_articles_are_shown_as_text(browser, tmp_path):
    G = nx.MultiDiGraph()
    art, person, quote = ("https://example.org/kg/article/q", "https://example.org/kg/person/q",
                          "https://example.org/kg/quote/q-0")
    sentence = f"https://example.org/kg/article/q#char=0,60"
    merge_node(G, art, type="NewsArticle", headline=f"Headline {HOSTILE}", url="javascript:alert(3)")
    merge_node(G, sentence, type="TextSpan", startOffset=0, endOffset=60, text=f"Sentence {HOSTILE}")
    merge_edge(G, sentence, art, "isPartOf")
    merge_node(G, person, type="Person", name="Quoted Person")
    merge_edge(G, art, person, "mentions")
    merge_node(G, quote, type="Quotation", text=f"Words {HOSTILE}")
    merge_edge(G, quote, person, "creator", 0.8, [sentence])
    merge_edge(G, quote, art, "isPartOf", 0.8)
    path = tmp_path / "quote.html"
    path.write_text(viz.page(G, "Quote"), encoding="utf-8")
    page, seen = open_page(browser, path)
    search(page, "Quoted Person")
    said = page.inner_text("#details .quotes")
    assert f"“Words {HOSTILE}”" in said and f"Sentence {HOSTILE}" in said and f"Headline {HOSTILE}" in said
    assert page.evaluate("document.querySelectorAll('img, #details a').length") == 0  # no javascript: link
    page.click(f"#details .quotes >> text=Headline")
    page.wait_for_timeout(200)
    assert seen["dialogs"] == []
    assert not [m for m in seen["console"] if m[0] == "error"], seen["console"]
    page.close()


def test_max_nodes_keeps_the_most_connected_and_says_so(browser, tmp_path):
    G = nx.MultiDiGraph()
    hub = "https://example.org/kg/organization/hub"
    merge_node(G, hub, type="Organization", name="Hub")
    for i in range(3000):
        n = f"https://example.org/kg/person/p{i}"
        merge_node(G, n, type="Person", name=f"Person {i}")
        if i % 3 == 0:
            merge_edge(G, n, hub, "memberOf")
    data = viz.page_data(G, max_nodes=1500)
    ids = {n["id"] for n in data["nodes"]}
    assert hub in ids and len(ids) == 1500 and data["truncated"] == {"shown": 1500, "total": 3001}
    path = tmp_path / "big.html"
    path.write_text(viz.page(G, "Big", max_nodes=1500), encoding="utf-8")
    page, seen = open_page(browser, path)
    assert "1500 most connected of 3001" in page.inner_text("#notice")
    assert not [m for m in seen["console"] if m[0] == "error"]
    page.close()


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_static_pictures(tmp_path, example_graph, suffix, magic):
    graph = tmp_path / "g.ttl"
    kg.write(example_graph, graph)
    out = tmp_path / f"g{suffix}"
    assert main(["viz", str(graph), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(magic) and len(data) > 10_000
    if suffix == ".svg":
        assert b"Person" in data and b"Gregory Hale" in data


def _synthetic(n):
    """page_bench's generated graph of people, organisations and events (no articles are needed)."""
    import importlib.util

    from .conftest import ROOT
    spec = importlib.util.spec_from_file_location("page_bench", ROOT / "benchmarks" / "page_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.synthetic(n)


VIS_DEFAULTS = {"#97c2fc", "#ffff00", "#fb7e81", "#7be141", "#eb7df4", "#ad85e4", "#c2fabc", "#ffa807", "#6e6efd"}


# the commonest colour of the 5x5 pixels at a node's centre (a small node's border blends into a single
# pixel), or null when the centre is off screen
CENTRE_COLOUR = """id => {
    const canvas = document.querySelector('#graph canvas'), ctx = canvas.getContext('2d');
    const ratio = canvas.width / canvas.clientWidth, pos = window.kgNetwork.getPositions([id])[id];
    if (!pos) return null;
    const dom = window.kgNetwork.canvasToDOM(pos), x = Math.round(dom.x * ratio), y = Math.round(dom.y * ratio);
    if (x < 2 || y < 2 || x >= canvas.width - 2 || y >= canvas.height - 2) return null;
    const hex = v => v.toString(16).padStart(2, '0');
    const block = ctx.getImageData(x - 2, y - 2, 5, 5).data, seen = new Map();
    for (let i = 0; i < block.length; i += 4) {
        const c = '#' + hex(block[i]) + hex(block[i + 1]) + hex(block[i + 2]);
        seen.set(c, (seen.get(c) || 0) + 1);
    }
    return [...seen].sort((a, b) => b[1] - a[1])[0][0];
}"""


def drawn_colours(page, cls) -> list[tuple[str, str]]:
    """(legend colour of the node, colour drawn at its centre) for each node of ``cls`` on screen; the
    legend's colour of an event that did not happen is its class's pale one."""
    return page.evaluate(f"""cls => {{
        const centre = {CENTRE_COLOUR};
        return DATA.nodes.filter(n => n.cls === cls).map(n => [
            n.happened ? DATA.classes[cls].color : DATA.classes[cls].pale, centre(n.id)]).filter(p => p[1]);
    }}""", cls)


def close(a: str, b: str, tolerance: int = 6) -> bool:
    return all(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) <= tolerance for i in (1, 3, 5))


def assert_colours_match_the_legend(browser, tmp_path, G, name):
    path = tmp_path / f"{name}.html"
    path.write_text(viz.page(G, name), encoding="utf-8")
    page, seen = open_page(browser, path)
    page.wait_for_function("window.kgReady === true", timeout=120_000)
    legend = page.evaluate("Object.values(DATA.classes).map(c => c.color)")
    swatches = page.eval_on_selector_all("#legend .swatch", "els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert len(swatches) == len(legend)
    if len(G) > 300:  # zoomed in, so that a node's centre is its fill and not its border
        page.evaluate("kgNetwork.moveTo({ scale: 1.0, animation: false })")
        page.wait_for_timeout(300)
    classes = page.evaluate("Object.keys(DATA.classes)")
    colours = []
    for cls in classes:  # one class at a time (the legend's checkboxes), so no other class covers its nodes
        for other in classes:
            box = page.locator(f'#legend input[data-class="{other}"]')
            if box.is_checked() != (other == cls):
                box.click()
        page.wait_for_timeout(200)
        drawn = drawn_colours(page, cls)
        assert sum(1 for want, got in drawn if close(want, got)) >= len(drawn) / 2, (cls, drawn[:10])
        colours += drawn
    assert len(colours) >= min(0.9 * len(G), 100), "a hundred nodes or more should be on screen"
    # the rest: nodes half under another of their class or under a label's dark text, never another class's colour
    matching = sum(1 for want, got in colours if close(want, got))
    assert matching >= 0.85 * len(colours), (matching, len(colours), [c for c in colours if not close(*c)][:30])
    pale = page.evaluate("Object.values(DATA.classes).map(c => c.pale)")
    assert not [(want, got) for want, got in colours
                if not close(want, got) and any(close(other, got) for other in legend + pale if other != want)]
    assert not [got for _, got in colours if got in VIS_DEFAULTS], "vis-network's own colours were drawn"
    assert not [m for m in seen["console"] if m[0] == "error"]
    page.close()


def test_colours_drawn_match_the_legend_on_a_few_hundred_nodes(browser, tmp_path):
    # vis-network's improvedLayout clusters graphs of over 150 nodes and used to repaint them in its own colours
    assert_colours_match_the_legend(browser, tmp_path, _synthetic(250), "hundreds")


def test_colours_drawn_match_the_legend_on_two_thousand_nodes(browser, tmp_path):
    G = _synthetic(2000)
    assert G.number_of_nodes() >= 2000
    assert_colours_match_the_legend(browser, tmp_path, G, "two-thousand")


@pytest.mark.shared
def test_colours_drawn_match_the_legend_on_thirty_articles(browser, tmp_path, shared):
    import json as _json

    from kg.records import Document
    lines = (shared / "corpora" / "bbc-news-2005.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    documents = [Document(text=r["text"], id=r.get("id"), title=r.get("title")) for r in map(_json.loads, lines)]
    G = kg.build(documents)
    assert sum(1 for _, d in G.nodes(data=True) if d["type"] == "NewsArticle") == 30
    assert_colours_match_the_legend(browser, tmp_path, G, "thirty-articles")


def test_big_pages_name_only_the_most_connected_and_group_by_class(browser, tmp_path):
    G = _synthetic(1000)
    path = tmp_path / "big.html"
    path.write_text(viz.page(G, "big"), encoding="utf-8")
    page, _ = open_page(browser, path)
    page.wait_for_function("window.kgReady === true", timeout=120_000)
    labelled = page.evaluate("kgNetwork.body.data.nodes.get().filter(n => n.label).length")
    assert 0 < labelled <= 150
    page.select_option("#group", "class")
    page.wait_for_timeout(300)
    clusters = page.evaluate("Object.keys(kgNetwork.body.nodes).filter(id => kgNetwork.isCluster(id)).length")
    assert clusters == len(page.evaluate("Object.keys(DATA.classes)"))
    search(page, "Person 7")  # a node inside a group: the groups open and the node is shown
    assert "Person 7" in page.inner_text("#details")
    assert page.evaluate("Object.keys(kgNetwork.body.nodes).filter(id => kgNetwork.isCluster(id)).length") == 0
    page.close()


def test_the_picture_of_a_big_graph_is_its_connected_core():
    G = _synthetic(2000)
    H = viz.core(G, 150)
    assert 140 <= len(H) <= 150
    groups = [len(c) for c in nx.connected_components(H)]
    assert min(groups) >= 3  # no ring of unconnected names
    everything = viz.core(G, None)  # every group of three or more, whatever its size
    biggest = max(len(c) for c in nx.connected_components(everything))
    assert max(groups) == min(biggest, 150)


def test_a_nodes_panel_offers_the_decisions_about_it_as_commands_to_copy(browser, tmp_path, example_graph):
    path = tmp_path / "news.html"
    path.write_text(viz.page(example_graph, "news", corrections="news.corrections.toml"), encoding="utf-8")
    page, seen = open_page(browser, path)
    search(page, "Doreen Walsh")
    search(page, "Mr Hale")  # the node seen before this one is offered for a merge
    commands = page.eval_on_selector_all("#details input", "els => els.map(e => e.value)")
    hale, walsh = "https://example.org/kg/person/gregory-hale", "https://example.org/kg/person/doreen-walsh"
    assert f"kg correct -f news.corrections.toml retype {hale} Organization --why WHY" in commands
    assert f"kg correct -f news.corrections.toml merge {hale} {walsh} --why WHY" in commands
    assert f"kg correct -f news.corrections.toml delete-fact {hale} age 52 --why WHY" in commands
    assert f"kg correct -f news.corrections.toml alias {hale} 'Mr Hale' --remove --why WHY" in commands
    # a command copied from the page is one kg correct takes as it is
    from kg.cli import make_parser
    import shlex
    args = make_parser().parse_args(shlex.split(next(c for c in commands if "'Mr Hale' --remove" in c))[1:])
    assert (args.node, args.name, args.remove) == (hale, "Mr Hale", True)
    page.click("#details .command button")
    assert not [m for m in seen["console"] if m[0] == "error"], seen["console"]
    assert seen["requests"] == [path.resolve().as_uri()]
    page.close()
