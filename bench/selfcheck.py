"""Does the self-check reach the engine's outcome, and with how many questions?

For every example complaint (examples/complaints/*.yaml) and seed (examples/seeds/*.yaml): run
the self-check's interview, answering each question from the complaint's facts
(`ombuds.selfcheck.oracle`), and compare the outcome it ends with against `ombuds assess` on the
complete complaint. Prints one line per complaint and the totals; `--json` for the figures.

    .venv/bin/python bench/selfcheck.py
    .venv/bin/python bench/selfcheck.py --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ombuds.code.engine import assess
from ombuds.complaint import Complaint, load_complaint
from ombuds.selfcheck.catalogue import load_catalogue
from ombuds.selfcheck.interview import Interview
from ombuds.selfcheck.oracle import answer

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "examples" / "complaints", ROOT / "examples" / "seeds")


def schema_facts(model: type[BaseModel] = Complaint) -> int:
    """The facts a complete complaint can state: the schema's leaf fields (a nested model's
    fields counted once, not per item), the baseline a form asking everything would ask."""
    count = 0
    for info in model.model_fields.values():
        inner = _model_in(info.annotation)
        count += schema_facts(inner) if inner is not None else 1
    return count


def _model_in(annotation: Any) -> type[BaseModel] | None:
    import typing

    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        for inner in typing.get_args(arg):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def run_one(path: Path) -> dict[str, Any]:
    complaint = load_complaint(path)
    catalogue = load_catalogue()
    day = complaint.assessment_date
    assert day is not None, f"{path}: no assessment date"
    interview = Interview(catalogue, day, complaint.dates.came_to_ombudsman or day)
    answers: dict[str, Any] = {}
    asked: list[str] = []
    while True:
        step = interview.next_step(answers)
        if not step.key:
            break
        answers[step.key] = answer(catalogue, step, complaint)
        asked.append(step.key)
    expected = assess(complaint).outcome.value
    got = interview.outcome(answers)
    return {
        "file": str(path.relative_to(ROOT)),
        "expected": expected,
        "self_check": got,
        "agrees": got == expected,
        "questions": len(asked),
        "asked": asked,
        "unknown": [k for k in asked if answers[k] == "unknown"],
    }


def run() -> dict[str, Any]:
    files = sorted(
        p for folder in FOLDERS for p in folder.glob("*.yaml") if p.name != "expected.yaml"
    )
    rows = [run_one(p) for p in files]
    counts = [r["questions"] for r in rows]
    outcomes = [r["expected"] for r in rows]
    majority = max(set(outcomes), key=outcomes.count)
    return {
        "complaints": len(rows),
        "agree": sum(r["agrees"] for r in rows),
        "majority_baseline": sum(o == majority for o in outcomes),
        "majority_outcome": majority,
        "mean_questions": round(statistics.mean(counts), 1),
        "median_questions": statistics.median(counts),
        "max_questions": max(counts),
        "schema_facts": schema_facts(),
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = run()
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    for r in figures["rows"]:
        mark = "ok  " if r["agrees"] else "DIFF"
        print(
            f"{mark} {r['questions']:3d}  {r['expected']:32s} {r['self_check']!s:32s} {r['file']}"
        )
    print(
        f"agree {figures['agree']}/{figures['complaints']} (always answering "
        f"{figures['majority_outcome']}: {figures['majority_baseline']}); questions mean "
        f"{figures['mean_questions']}, median {figures['median_questions']}, max "
        f"{figures['max_questions']}; the full schema has {figures['schema_facts']} facts"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
