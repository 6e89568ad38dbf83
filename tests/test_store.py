"""kg.store: a graph file is parsed once into a store kept beside it, rebuilt when the file changes;
every command takes a file or a store directory."""
import json
import os
import time

import pytest

import kg
from kg import sparql, store
from kg.cli import main

from .conftest import EXAMPLE

PEOPLE = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"


def names(location):
    return [sparql.value(row[0]) for row in sparql.open_engine(location).answer(PEOPLE).raw]


@pytest.fixture()
def graph_file(tmp_path, example_graph):
    path = tmp_path / "example.ttl"
    kg.write(example_graph, path)
    return path


def test_a_file_is_parsed_once_into_a_store_beside_it(graph_file, example_graph, monkeypatch):
    first = names(graph_file)
    cache = store.cache_dir(graph_file)
    assert cache.is_dir() and "Gregory Hale" in first
    monkeypatch.setattr(store, "load", lambda *a, **k: pytest.fail("the file was parsed again"))
    assert names(graph_file) == first


def test_the_store_is_rebuilt_when_the_file_changes(graph_file, example_graph):
    assert "Gregory Hale" in names(graph_file)
    G = example_graph.copy()
    G.remove_node("https://example.org/kg/person/gregory-hale")
    kg.write(G, graph_file)  # a new file (renamed into place), of another size
    assert "Gregory Hale" not in names(graph_file)
    graph_file.write_bytes(graph_file.read_bytes().replace(b'"Doreen Walsh"', b'"Doreen Welsh"'))  # in place
    assert "Doreen Welsh" in names(graph_file)


def test_a_big_file_is_answered_from_memory_and_its_store_written_in_the_background(graph_file, monkeypatch):
    monkeypatch.setattr(store, "BACKGROUND_ABOVE", 0)
    later = []  # what runs when the command is done (atexit): the store is not written meanwhile
    monkeypatch.setattr(store.atexit, "register", lambda run, *args: later.append((run, args)))
    cache = store.cache_dir(graph_file)
    first = names(graph_file)
    assert "Gregory Hale" in first and not cache.exists()
    [(run, args)] = later
    run(*args)
    deadline = time.monotonic() + 60
    while not (cache / "kg-source.json").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert json.loads((cache / "kg-source.json").read_text())["file"] == graph_file.name
    monkeypatch.setattr(store, "load", lambda *a, **k: pytest.fail("the file was parsed again"))
    assert names(graph_file) == first
    assert not store._lock(graph_file).exists()


def test_no_store_is_written_when_asked_not_to(graph_file, monkeypatch):
    monkeypatch.setenv("KG_NO_CACHE", "1")
    assert "Gregory Hale" in names(graph_file)
    assert not store.cache_dir(graph_file).exists()
    assert sorted(os.listdir(graph_file.parent)) == [graph_file.name]


def test_a_half_written_store_is_not_taken_for_whole(graph_file):
    cache = store.cache_dir(graph_file)
    cache.mkdir()
    (cache / "kg-source.json").write_text("{not json", encoding="utf-8")
    assert "Gregory Hale" in names(graph_file)
    assert json.loads((cache / "kg-source.json").read_text())["size"] == graph_file.stat().st_size


def test_a_missing_store_or_a_folder_that_is_not_one_is_a_clear_error(tmp_path, capsys):
    assert main(["stats", f"oxigraph:{tmp_path / 'nowhere'}"]) == 1
    assert "no such store directory" in capsys.readouterr().err


@pytest.mark.parametrize("command", [
    ["stats"], ["stats", "--format", "json"], ["validate"], ["query", "--name", "people"],
    ["viz", "-o", "{out}/page.html"], ["export", "-o", "{out}/graph.gexf"],
])
def test_every_command_takes_a_store_directory(tmp_path, capsys, command):
    st = tmp_path / "st"
    assert main(["build", str(EXAMPLE), "--store", f"oxigraph:{st}", "-q"]) == 0
    capsys.readouterr()
    argv = [command[0], str(st)] + [a.format(out=tmp_path) for a in command[1:]]
    assert main(argv) == 0, capsys.readouterr().err
    out = capsys.readouterr()
    assert "cannot tell the format" not in out.err
    assert "Gregory Hale" in out.out or "conforms" in out.out or "Person" in out.out or "->" in out.err


def test_build_update_takes_a_store_directory(tmp_path):
    st = tmp_path / "st"
    assert main(["build", str(EXAMPLE), "--store", f"oxigraph:{st}", "-q"]) == 0
    second = tmp_path / "second.txt"
    second.write_text("Ferry firm fined\n\nMary Voss, 47, runs Harbour Lines in Portsmouth.\n", encoding="utf-8")
    assert main(["build", str(second), "--update", str(st), "-q"]) == 0
    assert {"Gregory Hale", "Mary Voss"} <= set(names(st))


def test_the_store_still_answers_while_the_file_is_being_loaded(graph_file, monkeypatch):
    import threading
    names(graph_file)
    engine = sparql.open_engine(graph_file)
    first = engine.answer(PEOPLE).raw
    release = threading.Event()

    def slow_load(path, *args, **kwargs):  # a big file: its loading outlasts the store's answer
        release.wait(20)
        return store.open_store(graph_file)
    monkeypatch.setattr(store, "load", slow_load)

    class Late:  # the store answers after the patience, while the file is still loading
        def query(self, *args, **kwargs):
            time.sleep(0.5)
            return disk.query(*args, **kwargs)
    disk, engine.store, engine.patience = engine.store, Late(), 0.1
    try:
        assert engine.answer(PEOPLE).raw == first
        assert engine.memory is None  # answered by the store: the caller did not wait for the file
    finally:
        release.set()


def test_a_slow_query_on_the_store_is_answered_from_the_file_in_memory_too(graph_file):
    names(graph_file)  # the store is written
    engine = sparql.open_engine(graph_file)
    assert isinstance(engine, sparql.CachedFileEngine)
    first = engine.answer(PEOPLE).raw
    class Slow:  # as if the store took long: the file is loaded and the query run there as well
        def query(self, *args, **kwargs):
            time.sleep(3)
            return disk.query(*args, **kwargs)
    disk, engine.store, engine.patience = engine.store, Slow(), 0.2
    again = engine.answer(PEOPLE).raw
    assert engine.memory is not None and again == first
    assert engine.answer(PEOPLE).raw == first  # later queries stay in memory
