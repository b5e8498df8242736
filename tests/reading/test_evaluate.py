"""`ombuds evaluate` over the shared development decisions (read in place, never copied)."""

from __future__ import annotations

import pytest

from ombuds.reading.evaluate import balanced_accuracy, evaluate_folder, label_scores, part


def test_balanced_accuracy_and_label_scores():
    pairs = [
        ("closed", "closed"),
        ("closed", "closed"),
        ("closed", "investigated"),
        ("investigated", "investigated"),
    ]
    assert balanced_accuracy(pairs) == pytest.approx((2 / 3 + 1) / 2)
    scores = label_scores([{"a"}, {"a"}, set()], [{"a"}, set(), {"a"}], ["a", "b"])
    assert scores["a"]["precision"] == 0.5 and scores["a"]["recall"] == 0.5
    assert scores["a"]["baseline_f1"] == pytest.approx(0.8)
    assert "b" not in scores


def test_the_split_is_stable():
    assert part("24-015-455.txt") == part("24-015-455.html")
    assert {part(f"{n:02d}-000-000.txt") for n in range(30)} == {"tuning", "heldout"}


@pytest.mark.slow
def test_decisions_dev_balanced_accuracy_beats_the_baseline(decisions_dev):
    report = evaluate_folder(decisions_dev)
    assert report["count"] >= 100 and not report["skipped"]
    # The target is 20 points above the majority baseline (50%). Measured (docs/accuracy.md):
    # 73.1% over all 120, 78.3% on the held-out part, 70.5% on the tuning part. The test holds the
    # whole set to the target, 20 points above the baseline.
    assert report["balanced_accuracy"] >= report["balanced_baseline"] + 0.20
    assert set(report["confusion"]) == {"closed", "investigated"}
