"""Scenario files: the Assessment Code's tests as legal propositions with their facts.

`tests/code/scenarios/<ground_id>.yaml` holds the cases for one test. Each case has a `name` that
states the proposition, the facts it changes from `scenario_base.yaml` (`complaint:` merged into
the complaint, `head:` merged into the first part, `extra_heads:` appended after it) and what must
follow (`expect:` the finding's `result`, and optionally its `exception`, `referral`, `citation`
(its text), `period_start` (the first day of the period the Ombudsman would look at), the
part's `head_outcome`, the complaint's `outcome` and `head_count` (the parts decided, split parts
included); `absent: true` when the test must not be considered at all; `question`, a fact path
the engine must ask about). `tests/code/conftest.py`
collects each case as its own test.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from ombuds.code import assess
from ombuds.code.result import Assessment
from ombuds.complaint import parse_complaint

HERE = Path(__file__).parent
BASE = yaml.safe_load((HERE / "scenario_base.yaml").read_text(encoding="utf-8"))
SCENARIOS = HERE / "scenarios"


def merge(into: dict, changes: dict) -> dict:
    """Deep-merge `changes` into a copy of `into`: mappings merge, everything else replaces."""
    out = copy.deepcopy(into)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def build(case: dict[str, Any]) -> dict:
    """The complaint data of a case: the base complaint with the case's changes."""
    data = merge(BASE, case.get("complaint", {}))
    if "head" in case:
        data["heads"][0] = merge(data["heads"][0], case["head"])
    data["heads"] += copy.deepcopy(case.get("extra_heads", []))
    return data


def run_case(case: dict[str, Any], ground: str) -> tuple[Assessment, list[str]]:
    """Assess the case; return the assessment and a list of mismatches (empty when it holds)."""
    complaint = parse_complaint(build(case), source=case["name"])
    date = case.get("date")
    assessment_date = dt.date.fromisoformat(str(date)) if date else None
    assessment = assess(complaint, assessment_date=assessment_date)
    expect = case["expect"]
    head_index = expect.get("head", 0)
    head = assessment.heads[head_index]
    wanted = expect.get("ground", ground)
    findings = [f for f in head.findings if f.ground.value == wanted]
    problems = []
    if expect.get("absent") and findings:
        problems.append(
            f"{wanted} should not have been considered on heads[{head_index}], got "
            f"{[f.result.value for f in findings]}"
        )
    if "result" in expect:
        if not findings:
            problems.append(
                f"no finding for {wanted} on heads[{head_index}] (outcome "
                f"{head.outcome.value}: the test was not considered)"
            )
        else:
            results = [f.result.value for f in findings]
            if expect["result"] not in results:
                problems.append(
                    f"{wanted}: expected {expect['result']}, got {results} "
                    f"({'; '.join(f.reason for f in findings)})"
                )
    if "exception" in expect and expect["exception"] not in [f.exception for f in findings]:
        problems.append(
            f"{wanted}: expected exception {expect['exception']}, got "
            f"{[f.exception for f in findings]}"
        )
    if "referral" in expect and expect["referral"] not in [
        f.referral.value if f.referral else None for f in findings
    ]:
        problems.append(
            f"{wanted}: expected referral {expect['referral']}, got "
            f"{[f.referral for f in findings]}"
        )
    if "head_outcome" in expect and head.outcome.value != expect["head_outcome"]:
        problems.append(
            f"heads[{head_index}] outcome: expected {expect['head_outcome']}, got "
            f"{head.outcome.value}"
        )
    if "outcome" in expect and assessment.outcome.value != expect["outcome"]:
        problems.append(f"outcome: expected {expect['outcome']}, got {assessment.outcome.value}")
    if "citation" in expect and expect["citation"] not in [f.citation for f in findings]:
        problems.append(
            f"{wanted}: expected citation {expect['citation']}, got {[f.citation for f in findings]}"
        )
    if "period_start" in expect:
        starts = [str(f.period.start) if f.period else None for f in findings]
        if str(expect["period_start"]) not in starts:
            problems.append(
                f"{wanted}: expected period from {expect['period_start']}, got {starts}"
            )
    if "head_count" in expect and len(assessment.heads) != expect["head_count"]:
        problems.append(f"expected {expect['head_count']} parts, got {len(assessment.heads)}")
    if "question" in expect and expect["question"] not in [q.fact for q in assessment.questions]:
        problems.append(
            f"expected a question on {expect['question']}, got "
            f"{[q.fact for q in assessment.questions]}"
        )
    return assessment, problems


def load_scenarios(path: Path) -> tuple[str, list[dict]]:
    """A scenario file's ground id (its `ground:`, else the file name) and its cases."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data.get("ground", path.stem), data["cases"]


def ground_names_in(data: Any) -> list[str]:
    """Keys or values of a complaint that are ground or referral ids (facts-only check).

    An appeal right's `route` is exempt: "tribunal" there is the kind of route (a fact), which
    happens to share its word with the `tribunal` referral id."""
    from ombuds.vocabulary import Ground, Referral

    ids = {g.value for g in Ground} | {r.value for r in Referral}
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ids:
                found.append(key)
            if key != "route":
                found += ground_names_in(value)
    elif isinstance(data, list):
        for item in data:
            found += ground_names_in(item)
    elif str(data) in ids:
        found.append(str(data))
    return found
