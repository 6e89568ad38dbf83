"""kg query: named queries agree on both engines; formats, bindings, stores and refusals."""
import io
import json
import socket
import subprocess
import sys
import time

import pytest
from rdflib import Graph, Literal
from rdflib.query import Result

from kg import sparql
from kg.cli import main

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, example_graph):
    """The example article's graph, with two editor's decisions (for the queries about corrections)."""
    import copy

    import kg
    from kg.corrections import apply, decision_of
    G = copy.deepcopy(example_graph)
    decisions = [decision_of({"kind": kind, **fields, "who": "Ann Editor", "when": "2024-05-02", "why": "a test"})
                 for kind, fields in (("alias", {"node": "Helen Marsh", "name": "Ms Marsh"}),
                                      ("delete-fact", {"node": "Helen Marsh", "property": "jobTitle",
                                                       "value": "chief executive"}))]
    assert {o.status for o in apply(G, decisions).outcomes} == {"applied"}
    path = tmp_path_factory.mktemp("g") / "example.ttl"
    kg.write(G, path)
    return path


@pytest.fixture(scope="module")
def engines(graph_file):
    return {name: sparql.open_engine(graph_file, name) for name in sparql.ENGINES}


def canonical(answer):
    """Rows as comparable values: IRIs as text, literals as Python values."""
    def value(t):
        if t is None:
            return None
        return t.toPython() if isinstance(t, Literal) else str(t)
    return [tuple(value(t) for t in row) for row in answer.rows]


BINDINGS = {"name": "Gregory Hale", "value": "52"}


@pytest.mark.parametrize("name", sorted(sparql.named_queries()))
def test_named_query_gives_the_same_answer_on_both_engines(engines, name):
    query = sparql.named_query(name)
    bindings = {k: BINDINGS[k] for k in query.binds}
    answers = {e: engines[e].answer(query.text, bindings) for e in engines}
    assert canonical(answers["rdflib"]) == canonical(answers["oxigraph"])
    if name != "co-mentions":  # pairs of one article are not listed: tested on two articles below
        assert answers["oxigraph"].rows, f"{name} found nothing in the example article"


def test_co_mentions_lists_pairs_seen_in_two_articles(tmp_path):
    import kg
    texts = ["Ann Hale met Tom Reed in Kelby on Monday. Hale said the talks went well.",
             "Tom Reed and Ann Hale will meet again in Portsmouth next week, Reed said.",
             "Ann Hale spoke to reporters in Portsmouth on Friday."]
    for i, text in enumerate(texts):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "g.ttl"
    kg.write(kg.build([tmp_path / f"a{i}.txt" for i in range(len(texts))]), path)
    query = sparql.named_query("co-mentions")
    answers = {name: canonical(sparql.open_engine(path, name).answer(query.text)) for name in sparql.ENGINES}
    assert answers["rdflib"] == answers["oxigraph"]
    # Kelby is in one article only, and Tom Reed and Portsmouth are together in one
    assert answers["oxigraph"] == [("Ann Hale", "Portsmouth", 2), ("Ann Hale", "Tom Reed", 2)]


def test_every_named_query_says_what_it_answers():
    for q in sparql.named_queries().values():
        assert q.question.endswith("?") or q.question.endswith("."), q.name


def test_bound_name_selects_one_entity(engines):
    answer = engines["oxigraph"].answer(sparql.named_query("entity").text, {"name": "Mr Hale"})
    assert {str(row[1]) for row in answer.rows} == {"https://example.org/kg/person/gregory-hale"}


def test_people_query_has_ages_and_job_titles(engines):
    rows = {str(r[1]): r for r in engines["rdflib"].answer(sparql.named_query("people").text).rows}
    assert rows["Tomasz Nowak"][2].toPython() == 34 and str(rows["Tomasz Nowak"][3]) == "firefighter"


@pytest.mark.parametrize("engine", sparql.ENGINES)
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_results_in_w3c_formats_parse_back(engines, engine, fmt):
    text = "SELECT ?name ?age WHERE { ?p a schema:Person ; schema:name ?name . OPTIONAL { ?p kgo:age ?age } }"
    body, media = engines[engine].serialize(text, None, fmt)
    assert media == sparql.RESULT_FORMATS[fmt]
    parsed = Result.parse(io.BytesIO(body), format=fmt)
    names = {str(row[0] if fmt != "csv" else row["name"]) for row in parsed}
    assert "Gregory Hale" in names and len(names) >= 5


@pytest.mark.parametrize("engine", sparql.ENGINES)
def test_ask_and_construct(engines, engine):
    ask, _ = engines[engine].serialize("ASK { ?p schema:name \"Gregory Hale\" }", None, "json")
    assert json.loads(ask)["boolean"] is True
    body, media = engines[engine].serialize(
        "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }", None, "turtle")
    assert media == "text/turtle"
    assert len(Graph().parse(data=body, format="turtle")) >= 5


@pytest.mark.parametrize("engine", sparql.ENGINES)
def test_parse_errors_give_the_position(engines, engine):
    with pytest.raises(sparql.QueryError, match=r"(line 1|1:\d+)"):
        engines[engine].answer("SELECT ?x WHERE { ?x a }")


@pytest.fixture
def listener():
    """A TCP listener on loopback that records whether anything connected to it."""
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


SERVICE_CALLS = [  # each of these got past the old check on the text
    "SELECT * WHERE { SERVICE <http://127.0.0.1:PORT/x> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:PORT/x> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o .SERVICE <http://127.0.0.1:PORT/x> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o . \\u0053ERVICE <http://127.0.0.1:PORT/x> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o { SELECT ?a WHERE { SERVICE <http://127.0.0.1:PORT/x> { ?a ?b ?c } } } }",
    'SELECT * WHERE { ?s ?p ?o . FILTER EXISTS { SERVICE <http://127.0.0.1:PORT/x> { ?a ?b ?c } } }',
]


@pytest.mark.parametrize("text", SERVICE_CALLS)
def test_service_is_refused_before_anything_is_sent(engines, listener, text):
    port, connected = listener
    for engine in engines.values():
        with pytest.raises(sparql.QueryRefused, match="SERVICE is refused"):
            engine.answer(text.replace("PORT", str(port)))
    assert not connected()


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_service_is_refused_by_kg_query_on_files_and_stores(graph_file, tmp_path, listener, capsys, engine):
    port, connected = listener
    store = tmp_path / "store"
    sparql.load_store(graph_file, __import__("pyoxigraph").Store(str(store))).flush()
    query = tmp_path / "q.rq"
    query.write_text(SERVICE_CALLS[2].replace("PORT", str(port)), encoding="utf-8")
    assert main(["query", str(graph_file), "-f", str(query), "--engine", engine]) == 1
    if engine == "oxigraph":
        assert main(["query", f"oxigraph:{store}", "-f", str(query)]) == 1
    assert "SERVICE is refused" in capsys.readouterr().err
    assert not connected()


@pytest.mark.parametrize("text", [
    'SELECT ?service WHERE { ?service a schema:Place }',
    'SELECT * WHERE { ?s schema:name "SERVICE desk" } # SERVICE <x>',
    'SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }',
    'SELECT * WHERE { ?s schema:name """a "" \\" SERVICE <http://x/> { } """ }',
])
def test_the_word_service_elsewhere_is_not_a_call(engines, text):
    for engine in engines.values():
        assert engine.answer(text).kind == "SELECT"


def test_an_unterminated_string_is_refused_at_once(engines):
    started = time.monotonic()
    with pytest.raises(sparql.QueryError, match="does not parse"):
        sparql.check_query('SELECT * WHERE { ?s ?p "' + '\\"""' * 40_000 + ' }')
    assert time.monotonic() - started < 20  # the old check took minutes: a bound, not a speed measurement


def test_a_query_nested_5000_deep_is_an_error_not_a_crash(graph_file, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o " + "} " * 5000, encoding="utf-8")
    for engine in sparql.ENGINES:  # in a process of its own: Oxigraph used to die of SIGSEGV
        run = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(graph_file), "-f", str(query),
                              "--engine", engine], capture_output=True, text=True, timeout=120)
        assert run.returncode == 1 and "nests too deeply" in run.stderr, (engine, run.returncode, run.stderr[-300:])


def test_a_query_nested_100_deep_still_runs(engines):
    text = "ASK " + "{ " * 100 + "?s ?p ?o " + "} " * 100
    assert [engine.answer(text).boolean for engine in engines.values()] == [True, True]


@pytest.mark.parametrize("engine", sparql.ENGINES)
def test_both_engines_refuse_a_binding_the_query_does_not_have(engines, engine):
    with pytest.raises(sparql.QueryError, match=r"cannot bind \?nme"):
        engines[engine].answer("SELECT ?p WHERE { ?p schema:name ?name }", {"nme": "Gregory Hale"})


def test_from_chooses_graphs_in_oxigraph_and_is_refused_by_rdflib(tmp_path, example_graph):
    import kg
    trig = tmp_path / "g.trig"
    kg.write(example_graph, trig)
    engine = sparql.open_engine(trig, "oxigraph")
    article = next(n for n, d in example_graph.nodes(data=True) if d["type"] == "NewsArticle")
    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    total = engine.answer(everything).rows[0][0].toPython()
    own = engine.answer(everything.replace("WHERE", f"FROM <{article}> WHERE")).rows[0][0].toPython()
    nowhere = engine.answer(everything.replace("WHERE", "FROM <https://example.org/none> WHERE")).rows[0][0]
    assert 0 < own < total and nowhere.toPython() == 0
    with pytest.raises(sparql.QueryError, match="--engine oxigraph"):
        sparql.open_engine(trig, "rdflib").answer(everything.replace("WHERE", f"FROM <{article}> WHERE"))


def test_query_command_formats_and_named_queries(graph_file, capsys):
    assert main(["query", str(graph_file), "--name", "people"]) == 0
    assert "Gregory Hale" in capsys.readouterr().out
    assert main(["query", str(graph_file), "--name", "entity"]) == 1
    assert "needs --bind name=" in capsys.readouterr().err
    assert main(["query", str(graph_file), "--name", "mentioned-in", "--bind", "name=Gregory Hale",
                 "--format", "json", "--engine", "oxigraph"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"]["bindings"][0]["article"]["value"] == EXAMPLE.name
    assert main(["query", "--list"]) == 0
    assert "co-mentions" in capsys.readouterr().out


def test_build_into_a_store_then_query_it(tmp_path, capsys, graph_file):
    store = tmp_path / "store"
    assert main(["build", str(EXAMPLE), "--store", f"oxigraph:{store}", "-q"]) == 0
    first = sparql.open_engine(store).answer("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].toPython()
    assert first > 100
    assert main(["query", f"oxigraph:{store}", "--name", "people", "--format", "csv"]) == 0
    assert "Gregory Hale" in capsys.readouterr().out
    # adding the same article again changes nothing; the store answers like the file
    assert main(["build", str(EXAMPLE), "--store", f"oxigraph:{store}", "-q"]) == 0
    engine = sparql.open_engine(store)
    assert engine.answer("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].toPython() == first
    query = sparql.named_query("event-roles").text
    assert canonical(engine.answer(query)) == canonical(sparql.open_engine(graph_file, "rdflib").answer(query))


def test_a_store_is_not_queried_with_rdflib(tmp_path):
    with pytest.raises(sparql.QueryError, match="Oxigraph store"):
        sparql.open_engine(f"oxigraph:{tmp_path}", "rdflib")


def test_event_roles_query_lists_every_role_of_the_vocabulary():
    from kg.vocab import ROLES
    text = sparql.named_query("event-roles").text
    assert {r for r in ROLES if f"kgo:{r} " in text or f"kgo:{r}}}" in text} == set(ROLES)


def test_query_text_may_come_after_the_options(graph_file, capsys):
    assert main(["query", str(graph_file), "--engine", "oxigraph", "--format", "csv",
                 'SELECT ?age WHERE { ?p schema:name "Gregory Hale" ; kgo:age ?age }']) == 0
    assert capsys.readouterr().out.split() == ["age", "52"]
    with pytest.raises(SystemExit) as exit:
        main(["query", str(graph_file), "--engine", "oxigraph", "SELECT 1 {}", "extra"])
    assert exit.value.code == 2
