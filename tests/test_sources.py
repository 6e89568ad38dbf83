import io
import json

import pytest

from kg.records import Document
from kg.sources import InputError, headline_of, iso_date, read_inputs


def test_text_file_is_one_document_named_by_file(tmp_path):
    (tmp_path / "a.txt").write_text("Storm hits coast\n\nWinds of 90mph hit Cornwall.", encoding="utf-8")
    [doc] = read_inputs([tmp_path / "a.txt"])
    assert doc.id == "a.txt" and doc.title == "Storm hits coast" and doc.text.startswith("Storm")


def test_markdown_and_directories_are_read_recursively_in_name_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.md").write_text("# Title\n\nBody.", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y", encoding="utf-8")
    docs = list(read_inputs([tmp_path]))
    assert [d.id for d in docs] == ["b.md", "a.txt"]
    assert docs[0].title == "Title"


def test_jsonl_fields_are_kept(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"id": "n1", "title": "T", "date": "2005-03-01", "url": "https://example.com/1",
                             "text": "Body one."}) + "\n\n" + json.dumps({"text": "Body two."}) + "\n", encoding="utf-8")
    docs = list(read_inputs([f]))
    assert docs[0] == Document(text="Body one.", id="n1", title="T", date="2005-03-01",
                               url="https://example.com/1", source=f"{f}:1")
    assert docs[1].text == "Body two." and docs[1].source.endswith(":3")


def test_stdin_is_read_with_a_dash():
    [doc] = read_inputs(["-"], stdin=io.StringIO("From a pipe."))
    assert doc.text == "From a pipe." and doc.source == "<stdin>"


def test_character_references_of_an_escaped_feed_are_read_as_characters(tmp_path, entities_of):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"text": "Ren&#233;e Kelby of Hale &amp; Reed said AT&T and R&D costs rose &#163;5m."}) + "\n",
                 encoding="utf-8")
    [doc] = read_inputs([f])
    assert doc.text == "Renée Kelby of Hale & Reed said AT&T and R&D costs rose £5m."
    assert "Renée Kelby" in entities_of(doc.text)


def test_utf8_bom_is_dropped(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeffHello.".encode("utf-8"))
    assert next(read_inputs([f])).text == "Hello."


@pytest.mark.parametrize("content, problem", [
    ('{"text": "ok"}\nnot json\n', "not valid JSON"),
    ('{"title": "no text"}\n', 'expected an object with a "text" string'),
    ('{"text": "x", "date": "yesterday"}\n', "not an ISO date"),
])
def test_bad_jsonl_line_names_file_and_line(tmp_path, content, problem):
    f = tmp_path / "bad.jsonl"
    f.write_text(content, encoding="utf-8")
    errors = []
    docs = list(read_inputs([f], on_error=errors.append))
    assert len(errors) == 1 and problem in str(errors[0])
    assert str(errors[0]).startswith(f"{f}:{content.count(chr(10)) if problem == 'not valid JSON' else 1}:")
    assert len(docs) == content.count('"text": "ok"')


def test_errors_raise_by_default_and_name_the_file(tmp_path):
    with pytest.raises(InputError, match="missing.txt: no such file"):
        list(read_inputs([tmp_path / "missing.txt"]))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    with pytest.raises(InputError, match="image.txt: a binary file"):
        list(read_inputs([binary]))


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (tmp_path / "b.txt").write_text("Good.", encoding="utf-8")
    errors = []
    assert [d.id for d in read_inputs([tmp_path], on_error=errors.append)] == ["b.txt"]
    assert "a.txt" in str(errors[0])


@pytest.mark.parametrize("value, expected", [("2005-03-01", "2005-03-01"), ("2005-03", "2005-03"),
                                             ("2005", "2005"), ("2005-03-01T10:00:00Z", "2005-03-01")])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize("value", ["01/03/2005", "2005-13-01", "March 2005", ""])
def test_iso_date_rejects(value):
    with pytest.raises(ValueError):
        iso_date(value)


def test_headline_only_when_the_first_line_stands_alone():
    assert headline_of("Big news\n\nBody.") == "Big news"
    assert headline_of("A first sentence.\n\nBody.") is None
    assert headline_of("One paragraph only") is None


PAGE = """<html><head><title>Flood hits Kelby | The Avonshire Post</title>
<meta property="article:published_time" content="2024-04-20T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/x">Marcus Bell column</a></nav>
<article><h1>Flood hits Kelby</h1>
<p>Pc Dana Frost, 38, was praised by Avonshire Police after the flood in Kelby on Saturday. She carried three
children to safety from a house on Mill Lane.</p>
<p>The river rose two metres overnight, said Mayor Tom Reed, who thanked the volunteers who filled sandbags
through the night and the council workers who closed the bridge.</p></article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Storm closes Kelby bridge as Olive Grant warns</a></li>
<li><a href="/b">Mayor Reed opens new library</a></li></ul></aside>
<footer>Copyright 2024 The Avonshire Post. Contact Harriet Lowe. Privacy policy.</footer></body></html>"""


def test_html_keeps_the_article_and_drops_menus_footers_and_related_links(tmp_path):
    page = tmp_path / "flood.html"
    page.write_text(PAGE, encoding="utf-8")
    [document] = read_inputs([page])
    assert document.title == "Flood hits Kelby" and document.date == "2024-04-20"
    assert document.text.startswith("Flood hits Kelby\n\nPc Dana Frost, 38,")
    assert "Mayor Tom Reed" in document.text and "\n\nThe river rose" in document.text
    for boilerplate in ("Sport", "Marcus Bell", "Related stories", "Olive Grant", "Harriet Lowe", "Copyright"):
        assert boilerplate not in document.text


def test_a_page_without_article_text_is_named(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>var story = 1;</script></head><body><img src='x.png'></body></html>",
                    encoding="utf-8")
    errors = []
    assert list(read_inputs([page], on_error=errors.append)) == []
    assert "empty.html" in str(errors[0]) and "no article text" in str(errors[0])
