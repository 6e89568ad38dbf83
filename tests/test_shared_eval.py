"""The seed article from ../shared: valid, independently parseable, stable output; eval runs or skips."""
import pyoxigraph as ox

from kg.cli import main


def test_seed_graph_parses_in_pyoxigraph_validates_and_is_stable(shared, tmp_path, capsys):
    seed = next((shared / "eval" / "seed").glob("*.txt"))
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert main(["build", str(seed), "-o", str(first), "-q"]) == 0
    assert main(["build", str(seed), "-o", str(second), "-q"]) == 0
    assert first.read_bytes() == second.read_bytes()
    store = ox.Store()
    store.bulk_load(path=str(first), format=ox.RdfFormat.TURTLE)
    assert len(store) > 100
    assert main(["validate", str(first)]) == 0


def test_eval_skips_cleanly_without_shared(tmp_path, capsys):
    assert main(["eval", "--shared", str(tmp_path / "nowhere")]) == 0
    assert "skipping" in capsys.readouterr().out
