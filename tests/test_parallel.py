"""Parallel builds: processes and a Dask cluster give the same graph as a serial build."""
import json
import subprocess
import sys

import networkx as nx
import pytest

import kg
from kg.sources import count_documents

from .conftest import EXAMPLE, ROOT

PEOPLE = ["Ruth Gale", "Ian Holt", "Nora Quinn", "Gary Platt", "Ann Pike", "Tom Mohr", "Lee Fenn", "Dana Ruiz"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    story = EXAMPLE.read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as f:
        for i, name in enumerate(PEOPLE * 5):
            text = story.replace("Gregory Hale", name).replace("Mr Hale", f"Mr {name.split()[1]}")
            f.write(json.dumps({"id": f"n{i}", "date": f"2024-05-{i % 28 + 1:02d}", "text": f"{text}\\n{i}"}) + "\n")
    return path


@pytest.fixture(scope="module")
def serial(corpus):
    return kg.build([corpus])


def test_processes_give_the_same_graph(corpus, serial):
    assert nx.utils.graphs_equal(serial, kg.build([corpus], jobs=2))


def test_dask_cluster_gives_the_same_graph(corpus, serial):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert nx.utils.graphs_equal(serial, kg.build([corpus], dask=cluster.scheduler_address))


def test_progress_is_called_for_every_document(corpus):
    seen = []
    kg.build([corpus], progress=seen.append)
    assert len(seen) == len(PEOPLE) * 5


def test_no_progress_bar_in_a_pipe(corpus, tmp_path):
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(tmp_path / "g.ttl")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and "\r" not in run.stderr and "words/s" not in run.stderr


def test_count_documents(corpus, tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.md").write_text("y")
    assert count_documents([corpus, tmp_path, EXAMPLE]) == len(PEOPLE) * 5 + 2 + 1
    assert count_documents(["-"]) is None
