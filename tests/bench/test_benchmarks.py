"""The benchmark scripts work end to end on a tiny corpus (their figures are not checked here:
timed assertions do not belong in tests)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import ingest as ingest_bench  # noqa: E402
from bench import search as search_bench  # noqa: E402
from bench import synthetic  # noqa: E402


def test_ingest_benchmark_runs_floor_and_ingest_and_keeps_the_database(tmp_path, capsys):
    argv = ["--n", "40", "--seed", "1", "--keep", str(tmp_path), "--corpora", "synthetic", "pages"]
    assert ingest_bench.main(argv) == 0
    out = capsys.readouterr().out
    assert "synthetic: ratio ingest / floor:" in out and "pages: ratio ingest / floor:" in out
    assert "peak memory of ingest:" in out and "writer busy" in out
    assert out.count("added 40, updated 0, unchanged 0, failed 0") == 2
    for kind in ("synthetic", "pages"):
        with sqlite3.connect(tmp_path / f"floor-{kind}.db") as floor:
            assert floor.execute("select count(*) from raw").fetchone() == (40,)
        assert (tmp_path / f"ombuds-{kind}.db").exists()


def test_search_benchmark_queries_are_fixed_and_map_to_datasette(tmp_path):
    first = search_bench.make_queries(250, seed=0)
    assert first == search_bench.make_queries(250, seed=0) and len(first) == 250
    assert sum(1 for q in first if len(q) > 1) > 150, "most queries carry a facet filter"
    params = dict(
        search_bench.datasette_params({"q": "care", "category": "Education", "ground": "late"})
    )
    assert params["_search"] == "care"
    assert params["category__startswith"] == "Education > "
    assert params["grounds__arraycontains"] == "late"


def test_datasette_copy_has_the_same_decisions_and_a_detected_fts_index(tmp_path):
    from datasette.utils import detect_fts

    ingest_bench.main(
        ["--n", "30", "--seed", "2", "--keep", str(tmp_path), "--corpora", "synthetic"]
    )
    target = tmp_path / "datasette.db"
    search_bench.build_datasette_db(tmp_path / "ombuds-synthetic.db", target)
    connection = sqlite3.connect(target)
    assert connection.execute("select count(*) from decisions").fetchone() == (30,)
    assert detect_fts(connection, "decisions") == "decisions_fts"
    hits = connection.execute(
        "select count(*) from decisions_fts where decisions_fts match 'council'"
    ).fetchone()[0]
    assert hits == 30


def test_search_benchmark_in_process_only_times_a_cold_pass_and_warm_rounds(tmp_path, capsys):
    from ombuds.corpus.ingest import ingest
    from ombuds.corpus.store import open_store

    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in synthetic.generate(30, seed=2, fmt="mixed"):
        (folder / name).write_text(text, encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'ombuds.db'}") as store:
        assert ingest(store, [folder], workers=1).added == 30
    # Three queries: later ones filter by councils the 30 decisions do not name.
    argv = ["--db", str(tmp_path / "ombuds.db"), "--queries", "3", "--rounds", "2"]
    assert search_bench.main([*argv, "--in-process-only"]) == 0
    out = capsys.readouterr().out
    assert "first pass (cold caches)" in out and "round 2" in out and "round 3" not in out
    assert out.count("its CPU time") == 3 and "Datasette" not in out
