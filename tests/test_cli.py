"""The kg command: every input kind, every output format, exit codes and error messages."""
import csv
import io
import json
import re
import subprocess
import sys

import pytest

import kg
from kg.cli import main

from .conftest import EXAMPLE, ROOT

ARTICLE = "Pc Dana Frost, 38, was praised by Avonshire Police after the flood in Kelby.\n"


def people(path):
    return sorted(d["name"] for _, d in kg.load(path).nodes(data=True) if d["type"] == "Person")


def articles(path):
    return [d for _, d in kg.load(path).nodes(data=True) if d["type"] == "NewsArticle"]


def test_build_text_file(tmp_path):
    out = tmp_path / "g.ttl"
    assert main(["build", str(EXAMPLE), "-o", str(out), "-q"]) == 0
    assert "Gregory Hale" in people(out)
    [article] = articles(out)
    assert article["identifier"] == [EXAMPLE.name]
    assert article["headline"] == "Landlord charged over Harbour Street fire"


def test_build_markdown_and_directory(tmp_path):
    src = tmp_path / "in" / "deep"
    src.mkdir(parents=True)
    (src / "a.md").write_text("# Flood in Kelby\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Councillor Ravi Mehta opened the bridge in Kelby.\n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    assert len(articles(out)) == 2
    assert {"Dana Frost", "Ravi Mehta"} <= set(people(out))


def test_build_jsonl_keeps_ids_titles_dates_and_urls(tmp_path):
    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"id": "n-1", "title": "Flood", "date": "2024-02-03", "url": "https://example.com/n-1",
                               "text": ARTICLE}) + "\n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(src), "-o", str(out), "-q"]) == 0
    [article] = articles(out)
    assert article == {"type": "NewsArticle", "identifier": ["n-1"], "headline": "Flood",
                       "datePublished": "2024-02-03", "url": "https://example.com/n-1"}


def test_build_from_stdin_to_stdout():
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", "-", "-o", "-"], input=ARTICLE,
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "schema:name \"Dana Frost\"" in run.stdout


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".trig", "trig"), (".nt", "nt"),
                                         (".jsonld", "jsonld"), (".graphml", "graphml")])
def test_build_writes_each_format_by_suffix(tmp_path, suffix, fmt):
    out = tmp_path / f"g{suffix}"
    assert main(["build", str(EXAMPLE), "-o", str(out), "-q"]) == 0
    assert "Gregory Hale" in people(out)
    forced = tmp_path / "forced.out"
    assert main(["build", str(EXAMPLE), "-o", str(forced), "--format", fmt, "-q"]) == 0
    assert forced.read_bytes() == out.read_bytes()


def test_base_iri_and_date_options(tmp_path):
    out = tmp_path / "g.nt"
    assert main(["build", str(EXAMPLE), "-o", str(out), "--base-iri", "http://news.test/id/",
                 "--date", "2024-04-20", "-q"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<http://news.test/id/person/gregory-hale>" in text and "example.org" not in text
    assert articles(out)[0]["datePublished"] == "2024-04-20"


@pytest.mark.parametrize("args, message", [
    (["--base-iri", "not an iri"], "base IRI"),
    (["--base-iri", "https://news.example/kg#"], "without '#'"),  # spans add a fragment: two '#' in an IRI
    (["--base-iri", "https://ex.org/%zz/"], "Invalid IRI percent encoding"),
    (["--model", "no_such_pipeline"], "no_such_pipeline' is not installed"),
])
def test_bad_options_are_clear_errors_and_write_nothing(tmp_path, capsys, args, message):
    out = tmp_path / "g.ttl"
    assert main(["build", str(EXAMPLE), "-o", str(out), *args]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_bad_date_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(EXAMPLE), "-o", str(tmp_path / "g.ttl"), "--date", "last Tuesday"])
    assert exit_.value.code == 2
    assert "not an ISO date" in capsys.readouterr().err


def test_skipped_inputs_are_named_and_change_the_exit_code(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": ARTICLE}) + "\n{oops\n", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(bad), str(tmp_path / "missing.txt"), "-o", str(out)]) == 3
    err = capsys.readouterr().err
    assert f"{bad}:2: not valid JSON" in err and "missing.txt: no such file" in err
    assert len(articles(out)) == 1


def test_strict_stops_at_the_first_bad_input_and_keeps_the_old_output(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    out.write_text("# old graph\n", encoding="utf-8")
    assert main(["build", str(EXAMPLE), str(tmp_path / "missing.txt"), "-o", str(out), "--strict"]) == 1
    assert "missing.txt: no such file" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "# old graph\n"


def test_nothing_readable_writes_nothing(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path / "missing.txt"), "-o", str(out)]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert not out.exists()


def test_query_prints_a_table_and_reports_parse_errors(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    main(["build", str(EXAMPLE), "-o", str(out), "-q"])
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?alias WHERE { ?p schema:name 'Gregory Hale' ; schema:alternateName ?alias }")
    assert main(["query", str(out), "-f", str(query)]) == 0
    table = capsys.readouterr().out
    assert "Mr Hale" in table and "(2 rows)" in table
    assert main(["query", str(out), "SELECT ?x WHERE { ?x a }"]) == 1
    assert "does not parse" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".ttl", ".trig"])
def test_stats_counts_what_the_graph_holds(tmp_path, capsys, example_graph, suffix):
    from collections import Counter

    out = tmp_path / f"g{suffix}"
    kg.write(example_graph, out)
    assert main(["stats", str(out), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    G = example_graph
    assert stats["nodes"] == dict(Counter(d["type"] for _, d in G.nodes(data=True)))
    assert stats["edges"] == dict(Counter(k for *_, k in G.edges(keys=True)))
    assert stats["triples"] == len(kg.to_rdf(G))
    assert stats["places"] == sum(1 for _, d in G.nodes(data=True) if d["type"] == "Place")
    assert main(["stats", str(out)]) == 0
    table = capsys.readouterr().out
    people = stats["nodes"]["Person"]
    assert re.search(rf"^Person +{people}\b", table, re.M) and re.search(r"^isPartOf +\d+$", table, re.M), table


def test_min_confidence_filters_facts(tmp_path):
    full, strict = tmp_path / "all.ttl", tmp_path / "strict.ttl"
    assert main(["build", str(EXAMPLE), "-o", str(full), "-q"]) == 0
    assert main(["build", str(EXAMPLE), "-o", str(strict), "-q", "--min-confidence", "0.7"]) == 0
    G, H = kg.load(full), kg.load(strict)
    confidences = [d["confidence"] for *_, d in G.edges(data=True) if "confidence" in d]
    assert min(confidences) < 0.7
    assert all(d["confidence"] >= 0.7 for *_, d in H.edges(data=True) if "confidence" in d)
    assert 0 < H.number_of_edges() < G.number_of_edges()


def test_min_confidence_must_be_a_fraction(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["build", str(EXAMPLE), "-o", str(tmp_path / "g.ttl"), "--min-confidence", "2"])
    assert "from 0 to 1" in capsys.readouterr().err


def kg_command(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, **kwargs)


def test_version_and_a_description_for_every_command():
    from kg import __version__
    from kg.cli import make_parser
    done = kg_command("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"kg-builder {__version__}"
    parser = make_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert {"build", "query", "stats", "validate", "viz", "serve", "push", "export", "eval"} <= set(commands)
    for name, sub in commands.items():
        assert sub.description and len(sub.description) > 20, name
    assert "export" in kg_command("--help").stdout


@pytest.fixture(scope="module")
def graph(tmp_path_factory, example_graph):
    path = tmp_path_factory.mktemp("cli") / "g.ttl"
    kg.write(example_graph, path)
    return path


def test_a_mistyped_named_query_gets_did_you_mean(graph, capsys):
    assert main(["query", str(graph), "--name", "poeple"]) == 1
    assert "did you mean people?" in capsys.readouterr().err


@pytest.mark.parametrize("typed", ["gregory hale", "GREGORY HALE", "Grégory Hâle", "  gregory  hale "])
def test_bound_names_match_whatever_their_case_and_accents(graph, capsys, typed):
    assert main(["query", str(graph), "--name", "mentioned-in", "--bind", f"name={typed}", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["name"] for r in rows} == {"Gregory Hale"} and rows[0]["article"] == EXAMPLE.name


def test_a_name_nobody_has_says_so(graph, capsys):
    assert main(["query", str(graph), "--name", "entity", "--bind", "name=Nobody Atall"]) == 0
    out = capsys.readouterr()
    assert "(0 rows)" in out.out and "no name in" in out.err


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("query, words", [
    ("SELECT ?s WHERE { ?s foo:bar ?o }", "unknown prefix 'foo:'"),
    ("SELECT ?s WHERE { ?s ?p }", "does not parse"),
])
def test_bad_sparql_is_one_line_and_no_traceback(graph, engine, query, words):
    done = kg_command("query", str(graph), "--engine", engine, query)
    assert done.returncode == 1 and words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_output_cut_short_by_head_ends_quietly(graph):
    big = "SELECT * WHERE { ?s ?p ?o . ?x a schema:Person }"  # some 3,000 rows: more than a pipe holds
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", str(graph), big], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # as head does when it has its lines
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) in (0, 141) and stderr == ""


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nt", ".jsonld", ".graphml"])
def test_a_graph_among_build_inputs_is_refused_with_a_hint(tmp_path, graph, capsys, suffix):
    other = tmp_path / f"old{suffix}"
    other.write_bytes(graph.read_bytes())
    out = tmp_path / "new.ttl"
    assert main(["build", str(EXAMPLE), str(other), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"old{suffix} is a graph" in err and f"--update {other}" in err
    assert not out.exists()


def test_serve_ends_cleanly_on_sigterm(graph):
    import signal
    import time
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(graph), "--port", "0", "--workers", "1"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "serving" in process.stdout.readline()
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        process.kill()


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path):
    import os
    blocked = tmp_path / "cache"
    (blocked / "kg-builder").parent.mkdir()
    (blocked / "kg-builder").write_text("a file where the cache folder would be")
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(EXAMPLE), "-o", str(tmp_path / "g.ttl")],
                         capture_output=True, text=True, cwd=ROOT, env={**os.environ, "XDG_CACHE_HOME": str(blocked)})
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "g.ttl").stat().st_size > 0
