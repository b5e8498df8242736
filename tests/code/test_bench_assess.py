"""bench/assess.py runs and prints its figures (its timing is checked by running it, not here)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import assess as assess_bench  # noqa: E402


def test_the_benchmark_prints_medians_and_ratios(capsys):
    assess_bench.main(["--repeat", "2"])
    out = capsys.readouterr().out
    examples = [
        p for p in (ROOT / "examples" / "complaints").glob("*.yaml") if p.name != "expected.yaml"
    ]
    seeds = list((ROOT / "examples" / "seeds").glob("*.yaml"))
    assert f"complaints: {len(examples) + len(seeds)}" in out
    assert out.count("median/target") == 2
