"""Bad input, faults and hostile text: each kind of input has its expected outcome."""
import json
import os
import signal
import socket
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from rdflib import Graph

import kg
from kg.cli import main
from kg.validate import validate

from .conftest import EXAMPLE, ROOT

STORY = "Firefighter Jürgen Weiß, 52, was injured in Kelby. Mayor Ana Lopes thanked him.\n"


def build(tmp_path, *inputs, extra=()):
    out = tmp_path / "g.ttl"
    code = main(["build", *map(str, inputs), "-o", str(out), "-q", *extra])
    return code, out


def people(path):
    return {d["name"] for _, d in kg.load(path).nodes(data=True) if d["type"] == "Person"}


def sound(path):
    """The output parses in rdflib and in pyoxigraph and conforms to the shapes."""
    g = Graph().parse(path)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(g)
    conforms, report = validate(g)
    assert conforms, report


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("latin-1", b""), ("cp1252", b""),
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-16-be", b""),
])
def test_encodings_give_the_same_graph(tmp_path, encoding, bom):
    src = tmp_path / "story.txt"
    src.write_bytes(bom + STORY.encode(encoding))
    code, out = build(tmp_path, src)
    assert code == 0
    assert {"Jürgen Weiß", "Ana Lopes"} <= people(out)
    sound(out)


def test_empty_file_is_an_article_with_nothing_in_it(tmp_path):
    src = tmp_path / "empty.txt"
    src.write_bytes(b"")
    code, out = build(tmp_path, src)
    assert code == 0
    assert [d["type"] for _, d in kg.load(out).nodes(data=True)] == ["NewsArticle"]
    sound(out)


def test_binary_file_is_named_and_skipped(tmp_path, capsys):
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    code, out = build(tmp_path, tmp_path)
    assert code == 3 and "photo.txt: a binary file" in capsys.readouterr().err
    assert "Ana Lopes" in people(out)
    code, out2 = build(tmp_path, tmp_path / "photo.txt", extra=["-o", str(tmp_path / "only.ttl")])
    assert code == 1 and not (tmp_path / "only.ttl").exists()


def test_a_20_mb_article_gets_a_clear_message(tmp_path, capsys):
    src = tmp_path / "huge.txt"
    src.write_text(STORY * (20_000_000 // len(STORY)), encoding="utf-8")
    code, out = build(tmp_path, src, EXAMPLE)
    assert code == 3
    err = capsys.readouterr().err  # refused by its size, before it is read
    assert "huge.txt: 20,500,000 bytes is more text than the limit of 2,000,000 characters" in err
    assert "Gregory Hale" in people(out)


def test_long_text_is_read_in_pieces_with_true_offsets(monkeypatch, nlp):
    from kg import pipeline
    monkeypatch.setattr(pipeline, "CHUNK", 400)
    text = "".join(f"Paragraph {i}. Mayor Ana Lopes opened a bridge in Kelby on Monday.\n\n" for i in range(20))
    G = kg.build([kg.Document(text=text)])
    spans = [d for _, d in G.nodes(data=True) if d["type"] == "TextSpan"]
    assert len(spans) > 20
    assert all(text[d["startOffset"]:d["endOffset"]] == d["text"] for d in spans)
    assert "Ana Lopes" in {d.get("name") for _, d in G.nodes(data=True)}


def test_a_one_megabyte_line_without_spaces(tmp_path):
    src = tmp_path / "line.txt"
    src.write_text("Ana Lopes wrote: " + "x" * 1_000_000 + "\n", encoding="utf-8")
    code, out = build(tmp_path, src)
    assert code == 0
    sound(out)


def test_control_characters(tmp_path):
    src = tmp_path / "ctl.txt"
    src.write_bytes(("Mayor Ana\x07 Lopes\x00 thanked\x1b[31m Jürgen Weiß.\x0c " + STORY * 3).encode("utf-8"))
    code, out = build(tmp_path, src)
    assert code == 0
    sound(out)
    assert "Ana Lopes" in people(out)
    graphml = tmp_path / "g.graphml"
    assert main(["build", str(src), "-o", str(graphml), "-q"]) == 0
    assert kg.load(graphml).number_of_nodes() == kg.load(out).number_of_nodes()


def test_html_is_read_as_its_text(tmp_path):
    src = tmp_path / "page.html"
    src.write_text("<html><head><title>Bridge opens</title><script>var x = 'Evil Person';</script></head>"
                   "<body><p>Mayor <b>Ana Lopes</b> opened the bridge in Kelby.</p>"
                   "<p>Jürgen Weiß, 52, &amp; friends watched.</p></body></html>", encoding="utf-8")
    code, out = build(tmp_path, src)
    assert code == 0
    G = kg.load(out)
    assert {"Ana Lopes", "Jürgen Weiß"} <= people(out)
    assert not any("Evil" in (d.get("name") or "") for _, d in G.nodes(data=True))
    [article] = [d for _, d in G.nodes(data=True) if d["type"] == "NewsArticle"]
    assert article["headline"] == "Bridge opens"


def test_markdown_headline(tmp_path):
    src = tmp_path / "story.md"
    src.write_text("# Bridge opens in Kelby\n\n" + STORY, encoding="utf-8")
    code, out = build(tmp_path, src)
    [article] = [d for _, d in kg.load(out).nodes(data=True) if d["type"] == "NewsArticle"]
    assert code == 0 and article["headline"] == "Bridge opens in Kelby"


def test_directory_with_unreadable_files(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    locked = folder / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    code, out = build(tmp_path, folder)
    err = capsys.readouterr().err
    assert "gone.txt" in err and "Ana Lopes" in people(out)
    if os.geteuid() != 0:  # root reads anything, so only others see the locked file refused
        assert "locked.txt: cannot read" in err
    assert code == 3


def test_malformed_jsonl_line_is_named_and_skipped(tmp_path, capsys):
    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"text": STORY}) + "\n{\"text\": \n" + json.dumps({"text": "Ana Lopes spoke."}) + "\n")
    code, out = build(tmp_path, src)
    assert code == 3 and f"{src}:2: not valid JSON" in capsys.readouterr().err
    assert len([1 for _, d in kg.load(out).nodes(data=True) if d["type"] == "NewsArticle"]) == 2


def test_strict_makes_a_bad_input_fatal(tmp_path):
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    code, out = build(tmp_path, EXAMPLE, tmp_path / "photo.txt", extra=["--strict"])
    assert code == 1 and not out.exists()


def test_a_rule_that_trips_is_reported_as_a_bug_and_the_rest_is_read(tmp_path, monkeypatch, capsys):
    from kg.read import facts
    real = facts.FactFinder.kinship

    def fragile(self):
        if "Lopes" in self.doc.text:
            raise ValueError("rule tripped")
        return real(self)
    monkeypatch.setattr(facts.FactFinder, "kinship", fragile)
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    code, out = build(tmp_path, tmp_path / "a.txt", EXAMPLE)
    err = capsys.readouterr().err
    assert code == 3 and "a.txt: bug in kg-builder: rule 'kin.word' failed (ValueError: rule tripped)" in err
    assert "Gregory Hale" in people(out) and "Ana Lopes" in people(out)


@pytest.mark.parametrize("delay", [1.5, 3.0, 5.0])
def test_sigkill_during_a_build_leaves_the_old_output(tmp_path, delay):
    corpus = tmp_path / "corpus.jsonl"
    story = EXAMPLE.read_text(encoding="utf-8")
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(150):
            f.write(json.dumps({"id": f"n{i}", "text": story.replace("Hale", f"Hale{i}")}) + "\n")
    out = tmp_path / "graph.ttl"
    out.write_text("# the old graph\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "-q"],
                               cwd=ROOT)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    text = out.read_text(encoding="utf-8")
    assert text == "# the old graph\n" or (text.startswith("@prefix") and Graph().parse(out) is not None)


def test_windows_line_breaks_survive_every_format(tmp_path):
    G = kg.build([kg.Document(text="Mayor Ana Lopes spoke.\r\n\r\nJürgen Weiß, 52, listened.\r\n")])
    for suffix in (".ttl", ".graphml", ".nt", ".trig", ".jsonld"):
        path = tmp_path / f"g{suffix}"
        kg.write(G, path)
        assert kg.load(path).nodes(data=True) == G.nodes(data=True), suffix


def test_hostile_metadata_fields(tmp_path):
    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"id": "a\nb\"c<d>", "title": "</script><script>alert(1)</script> @prefix x: <y> .",
                               "url": "javascript:alert(1) \"><", "date": "2005-03-01", "text": STORY}) + "\n")
    code, out = build(tmp_path, src)
    assert code == 0
    sound(out)
    [article] = [d for _, d in kg.load(out).nodes(data=True) if d["type"] == "NewsArticle"]
    assert article["identifier"] == ["a\nb\"c<d>"] and article["url"] == "javascript:alert(1) \"><"
    page = tmp_path / "g.html"
    assert main(["viz", str(out), "-o", str(page)]) == 0
    assert "</script><script>alert(1)" not in page.read_text(encoding="utf-8")


# --- hostile inputs (issue 15) --------------------------------------------------------------------

def test_devices_and_fifos_among_the_inputs_are_named_and_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    (folder / "fifo.jsonl").symlink_to(folder / "pipe.txt")
    out = tmp_path / "g.ttl"
    # in a process of its own: the old reader hung on the FIFO and ran out of memory on /dev/zero
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(folder), "/dev/zero", "-o", str(out), "-q"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 3, run.stderr
    for name in ("zero.txt: a device", "pipe.txt: a FIFO", "fifo.jsonl: a FIFO", "/dev/zero: a device"):
        assert name in run.stderr
    assert "Ana Lopes" in people(out)


def test_max_chars_refuses_a_file_before_reading_it(tmp_path, capsys):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # 4 GB that take no room on disk: reading it would take minutes and memory
        f.truncate(4 * 2**30)
    code, out = build(tmp_path, big, EXAMPLE, extra=["--max-chars", "100000"])
    assert code == 3 and "big.txt: 4,294,967,296 bytes is more text than the limit of 100,000" in capsys.readouterr().err
    assert "Gregory Hale" in people(out)


def test_a_hostile_jsonl_record_is_named_and_skipped(tmp_path, capsys):
    src = tmp_path / "news.jsonl"
    src.write_text("[" * 1_000_000 + "]" * 1_000_000 + "\n"
                   + '{"text": "Ana Lopes spoke.", "id": ' + "9" * 5_000 + "}\n"
                   + json.dumps({"text": STORY, "date": "2024-02-30"}) + "\n"
                   + json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    code, out = build(tmp_path, src)
    err = capsys.readouterr().err
    assert code == 3
    assert f"{src}:1: JSON nested too deeply" in err and f"{src}:2: not valid JSON" in err
    assert f"{src}:3: date '2024-02-30' is not a day of the calendar" in err
    assert "Ana Lopes" in people(out)
    sound(out)


def test_an_impossible_date_option_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(EXAMPLE), "-o", str(tmp_path / "g.ttl"), "--date", "2023-02-29"])
    assert exit_.value.code == 2 and "not a day of the calendar" in capsys.readouterr().err


def test_placeholders_in_articles_and_titles_stay_text(tmp_path):
    from kg import viz
    src = tmp_path / "story.txt"
    src.write_text("Mayor Ana Lopes wrote {{VIS}} and {{DATA}} and {{TITLE}} on a wall in Kelby.\n", encoding="utf-8")
    code, out = build(tmp_path, src)
    page = tmp_path / "g.html"
    assert main(["viz", str(out), "-o", str(page), "--title", "x{{VIS}}{{DATA}}"]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.count(viz.vis_network_script()[:300]) == 1
    assert "<title>x{{VIS}}{{DATA}}</title>" in text and "wrote {{VIS}} and {{DATA}}" in text


@pytest.fixture
def listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)

    def connected():
        try:
            server.accept()[0].close()
            return True
        except socket.timeout:
            return False
    yield server.getsockname()[1], connected
    server.close()


@pytest.mark.parametrize("command", [["validate"], ["stats"], ["query", "--name", "people"], ["viz", "-o", "p.html"],
                                     ["build", str(EXAMPLE), "-q", "--update"]])
def test_a_json_ld_context_is_never_fetched(tmp_path, listener, capsys, command):
    port, connected = listener
    for context in (f"http://127.0.0.1:{port}/context.jsonld", "file:///dev/zero", ["file:///dev/zero"]):
        graph = tmp_path / "g.jsonld"
        graph.write_text(json.dumps({"@context": {"@import": context} if isinstance(context, list) else context,
                                     "@id": "https://example.org/a", "name": "A"}), encoding="utf-8")
        args = [*command[:1], *command[1:], str(graph)] if command[0] == "build" else [command[0], str(graph), *command[1:]]
        assert main(args) == 1
        assert "only inline contexts are read" in capsys.readouterr().err
    assert not connected()


def test_update_keeps_the_triples_a_user_added(tmp_path):
    out = tmp_path / "g.ttl"
    assert main(["build", str(EXAMPLE), "-o", str(out), "-q"]) == 0
    added = ("<https://example.org/kg/person/gregory-hale> <https://example.org/my#note> \"checked by hand\" .\n"
             "<https://example.org/my#review> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
             "<https://example.org/my#Review> .\n"
             "<https://example.org/my#review> <https://example.org/my#of> <https://example.org/kg/person/gregory-hale> .\n")
    with out.open("a", encoding="utf-8") as f:
        f.write(added)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert main(["build", str(story), "--update", str(out), "-q"]) == 0
    g = Graph().parse(out)
    mine = Graph().parse(data=added, format="nt")
    assert all(t in g for t in mine)
    assert "Ana Lopes" in people(out)


@pytest.mark.parametrize("content, problem", [
    ("not xml", "syntax error"),
    ('<?xml version="1.0"?><root/>', "not successfully read as graphml"),
    ('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
     '<node id="n1"/></graph></graphml>', "node 'n1' has type None"),
    ('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="t" for="node" '
     'attr.name="type" attr.type="string"/><graph edgedefault="directed"><node id="a"><data key="t">Person</data>'
     '</node><node id="b"><data key="t">Person</data></node><edge source="a" target="b"/></graph></graphml>',
     "edge 'a' -> 'b' has relation 0"),
    ('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="t" for="node" '
     'attr.name="type" attr.type="int"/><graph edgedefault="directed"><node id="a"><data key="t">x</data></node>'
     '</graph></graphml>', "invalid literal"),
])
def test_bad_graphml_is_a_one_line_error(tmp_path, capsys, content, problem):
    graph = tmp_path / "g.graphml"
    graph.write_text(content, encoding="utf-8")
    for command in (["stats", str(graph)], ["validate", str(graph)], ["viz", str(graph), "-o", str(tmp_path / "p.html")],
                    ["query", str(graph), "--name", "people"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"kg: error: {graph}: not valid graphml") and problem in err and err.count("\n") == 1
