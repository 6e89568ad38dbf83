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


def test_click_shows_the_facts_of_a_node(browser, example_page):
    page, _ = open_page(browser, example_page)
    node = "https://example.org/kg/person/tomasz-nowak"
    x, y = page.evaluate(f"""() => {{
        const net = window.kgNetwork; net.fit();
        const p = net.canvasToDOM(net.getPositions(['{node}'])['{node}']);
        const box = document.querySelector('#graph canvas').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }}""")
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
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
    items = page.locator("#timeline li").all_inner_texts()
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
