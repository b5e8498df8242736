"""How well reading then assessing agrees with known answers (`ombuds evaluate DIR`).

Two kinds of folder:
- letters with an `expected.yaml` (examples/letters): each letter is read and assessed on its
  expected assessment date and compared with the answers written for it: the outcome (exact),
  the grounds (acceptable when every required ground is found and nothing outside the required
  and acceptable ones), the referrals, and key facts.
- published decision statements (`.txt` or saved `.html`, e.g. ../shared/decisions-dev): for
  each, the reader is given only the statement's "The complaint" section (with the body its
  header names, as a form would give it, and the decision date as the letter's date), the result
  is assessed on the decision date and compared with what the statement decided: the header's
  decision (closed after initial enquiries, or investigated: upheld or not upheld) and the
  grounds and referrals `ombuds parse` reads from it (closed decisions only: an investigated
  statement's role-and-powers paragraphs are not reasons for declining).

Every figure has the majority-class baseline beside it.

A folder of decisions is split for honest tuning: `part(name)` puts about a third of the files
(by a hash of the file name, so the split never moves) in the held-out part, which the reader
was never tuned on; `--part tuning` or `--part heldout` scores one part.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from ombuds.errors import InputError, OmbudsError
from ombuds.reading.service import assess_reading
from ombuds.reading.sources import Letter
from ombuds.vocabulary import Ground, Referral

CLOSED, INVESTIGATED = "closed", "investigated"
DECISION_SUFFIXES = {".txt", ".html", ".htm"}


PARTS = ("all", "tuning", "heldout")


def part(name: str) -> str:
    """The part of a development folder a file belongs to: "heldout" for about one in three."""
    digest = hashlib.sha256(Path(name).stem.encode("utf-8")).digest()
    return "heldout" if digest[0] % 3 == 0 else "tuning"


def _binary(outcome: str) -> str:
    return INVESTIGATED if outcome in {"investigate", "upheld", "not_upheld"} else CLOSED


def balanced_accuracy(pairs: list[tuple[str, str]]) -> float:
    """Mean recall over the expected classes present."""
    classes = sorted({e for e, _ in pairs})
    recalls = []
    for c in classes:
        items = [p for e, p in pairs if e == c]
        recalls.append(sum(p == c for p in items) / len(items))
    return sum(recalls) / len(recalls) if recalls else 0.0


def label_scores(
    expected: list[set[str]], predicted: list[set[str]], labels: list[str]
) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 per label, with the label's prevalence and the F1 of the
    majority-class baseline (always predict it when most items have it, else never)."""
    scores = {}
    n = len(expected)
    for label in labels:
        tp = sum(label in e and label in p for e, p in zip(expected, predicted, strict=True))
        fp = sum(label not in e and label in p for e, p in zip(expected, predicted, strict=True))
        fn = sum(label in e and label not in p for e, p in zip(expected, predicted, strict=True))
        support = tp + fn
        if support == 0 and fp == 0:
            continue
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        prevalence = support / n if n else 0.0
        baseline = 2 * prevalence / (1 + prevalence) if prevalence > 0.5 else 0.0
        scores[label] = {
            "support": support,
            "predicted": tp + fp,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "baseline_f1": round(baseline, 3),
        }
    return scores


def evaluate_folder(folder: str | Path, *, which: str = "all") -> dict[str, Any]:
    if which not in PARTS:
        raise InputError(f"unknown part {which!r}", source="--part", hint="all, tuning or heldout")
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(
            "not a folder", source=str(folder), hint="give a folder of letters or decisions"
        )
    if (folder / "expected.yaml").is_file():
        return evaluate_letters(folder)
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in DECISION_SUFFIXES and p.name != "README.md"
    )
    if not files:
        raise InputError(
            "no letters with expected.yaml and no decision files (.txt, .html)",
            source=str(folder),
            hint="give examples/letters/dev, or a folder of saved decisions",
        )
    if which != "all":
        files = [p for p in files if part(p.name) == which]
    report = evaluate_decisions(files)
    report["part"] = which
    return report


def _read_and_assess(letter: Letter, date: dt.date) -> Any:
    from ombuds.reading.reader import read_letter

    result = read_letter(letter, received=date)
    if result.complaint is None:
        return None
    return assess_reading(result.complaint, result.reading, assessment_date=date)


def evaluate_letters(folder: Path) -> dict[str, Any]:
    from ombuds.reading.sources import load_letter

    expected: dict[str, Any] = yaml.safe_load(
        (folder / "expected.yaml").read_text(encoding="utf-8")
    )
    items = []
    for stem, answer in expected.items():
        matches = [p for p in folder.iterdir() if p.stem == stem and p.suffix != ".yaml"]
        if not matches:
            raise InputError(
                f"expected.yaml names {stem}, which is not in the folder", source=str(folder)
            )
        date = answer["assessment_date"]
        try:
            assessment = _read_and_assess(load_letter(matches[0]), date)
        except OmbudsError as error:
            items.append(
                {
                    "letter": stem,
                    "error": str(error),
                    "outcome_ok": False,
                    "grounds_ok": False,
                    "referrals_ok": False,
                    "expected_outcome": answer["outcome"],
                }
            )
            continue
        got = {g.value for g in assessment.grounds} if assessment else set()
        required, acceptable = set(answer["grounds"]), set(answer.get("acceptable", []))
        referrals = {r.value for r in assessment.referrals} if assessment else set()
        want_refs = set(answer["referrals"])
        ok_refs = want_refs | set(answer.get("acceptable_referrals", []))
        outcome = assessment.outcome.value if assessment else "none"
        facts = _facts(assessment, answer.get("facts", {}))
        items.append(
            {
                "letter": stem,
                "expected_outcome": answer["outcome"],
                "outcome": outcome,
                "provisional": bool(assessment and assessment.provisional),
                "outcome_ok": outcome == answer["outcome"],
                "grounds": sorted(got),
                "expected_grounds": sorted(required),
                "grounds_ok": required <= got <= required | acceptable,
                "referrals": sorted(referrals),
                "referrals_ok": want_refs <= referrals <= ok_refs,
                "facts": facts,
            }
        )
    n = len(items)
    outcomes = Counter(i["expected_outcome"] for i in items)
    majority, majority_count = outcomes.most_common(1)[0]
    ground_sets = Counter(tuple(i.get("expected_grounds", [])) for i in items)
    common_set = set(ground_sets.most_common(1)[0][0])
    baseline_grounds = sum(
        set(expected[i["letter"]]["grounds"])
        <= common_set
        <= set(expected[i["letter"]]["grounds"]) | set(expected[i["letter"]].get("acceptable", []))
        for i in items
    )
    fact_total = sum(len(i.get("facts", {})) for i in items)
    fact_ok = sum(sum(v for v in i.get("facts", {}).values()) for i in items)
    pairs = [(_binary(i["expected_outcome"]), _binary(i.get("outcome", "none"))) for i in items]
    return {
        "kind": "letters",
        "folder": str(folder),
        "count": n,
        "outcome_accuracy": round(sum(i["outcome_ok"] for i in items) / n, 3),
        "outcome_baseline": round(majority_count / n, 3),
        "majority_outcome": majority,
        "balanced_accuracy": round(balanced_accuracy(pairs), 3),
        "balanced_baseline": 0.5 if len({e for e, _ in pairs}) > 1 else 1.0,
        "grounds_acceptable": round(sum(i["grounds_ok"] for i in items) / n, 3),
        "grounds_baseline": round(baseline_grounds / n, 3),
        "majority_grounds": sorted(common_set),
        "referrals_right": round(sum(i["referrals_ok"] for i in items) / n, 3),
        "referrals_baseline": round(
            sum(not expected[i["letter"]]["referrals"] for i in items) / n, 3
        ),
        "key_facts_right": round(fact_ok / fact_total, 3) if fact_total else None,
        "key_facts": fact_total,
        "items": items,
    }


def _facts(assessment: Any, expected: dict[str, Any]) -> dict[str, bool]:
    """Which key facts were read as expected."""
    if assessment is None or assessment.reading is None:
        return dict.fromkeys(expected, False)
    reading = assessment.reading
    case = assessment.case
    found: dict[str, bool] = {}
    for key, value in expected.items():
        if key == "body":
            found[key] = bool(case) and (
                case.body == value or (value == "police" and "Police" in case.body)
            )
        elif key == "category":
            found[key] = bool(case and case.category and case.category.startswith(str(value)))
        elif key == "topics":
            topics = {e.value for e in reading.evidence if e.fact.endswith(".topics")}
            from ombuds.complaint.facts import Topic

            found[key] = {Topic[t].value for t in value} <= topics
        elif key == "letter_date":
            found[key] = reading.letter_date == value
        elif key == "complained_to_council":
            values = [e.value for e in reading.evidence if e.fact == "dates.complained_to_council"]
            found[key] = bool(values) and abs((dt.date.fromisoformat(values[0]) - value).days) <= 7
        elif key == "representative":
            found[key] = any(e.fact == "representative" for e in reading.evidence) is bool(value)
    return found


def evaluate_decisions(files: list[Path]) -> dict[str, Any]:
    from ombuds.corpus.parse import parse_file

    items: list[dict[str, Any]] = []
    expected_grounds: list[set[str]] = []
    predicted_grounds: list[set[str]] = []
    expected_refs: list[set[str]] = []
    predicted_refs: list[set[str]] = []
    for path in files:
        try:
            decision = parse_file(path)
        except OmbudsError as error:
            items.append({"file": path.name, "error": str(error)})
            continue
        section = (decision.sections or {}).get("the_complaint")
        if not decision.decision or not section or not decision.decision_date:
            items.append({"file": path.name, "error": "no decision, date or complaint section"})
            continue
        expected = CLOSED if decision.decision == "Closed after initial enquiries" else INVESTIGATED
        letter = Letter(
            text=section,
            source=str(path),
            kind="decision",
            date=decision.decision_date,
            date_from="the decision date",
            sent=False,
            body=decision.body,
        )
        try:
            assessment = _read_and_assess(letter, decision.decision_date)
        except OmbudsError as error:
            items.append(
                {"file": path.name, "expected": expected, "predicted": "error", "error": str(error)}
            )
            continue
        outcome = assessment.outcome.value if assessment else "none"
        item = {
            "file": path.name,
            "category": decision.category,
            "expected": expected,
            "decision": decision.decision,
            "outcome": outcome,
            "predicted": _binary(outcome),
            "provisional": bool(assessment and assessment.provisional),
        }
        if expected == CLOSED:
            want = {g.value for g in decision.grounds}
            got = {g.value for g in assessment.grounds} if assessment else set()
            expected_grounds.append(want)
            predicted_grounds.append(got)
            expected_refs.append({r.value for r in decision.referrals})
            predicted_refs.append({r.value for r in assessment.referrals} if assessment else set())
            item["grounds"], item["expected_grounds"] = sorted(got), sorted(want)
        items.append(item)
    scored = [i for i in items if "predicted" in i and i["predicted"] != "error"]
    pairs = [(i["expected"], i["predicted"]) for i in scored]
    counts = Counter(e for e, _ in pairs)
    majority, majority_count = counts.most_common(1)[0] if counts else (CLOSED, 0)
    confusion: dict[str, Counter[str]] = {CLOSED: Counter(), INVESTIGATED: Counter()}
    for i in scored:
        confusion[i["expected"]][i["outcome"]] += 1
    n = len(scored)
    return {
        "kind": "decisions",
        "count": n,
        "skipped": [i for i in items if i not in scored],
        "expected_counts": dict(counts),
        "majority_class": majority,
        "accuracy": round(sum(e == p for e, p in pairs) / n, 3) if n else 0.0,
        "accuracy_baseline": round(majority_count / n, 3) if n else 0.0,
        "balanced_accuracy": round(balanced_accuracy(pairs), 3),
        "balanced_baseline": 0.5,
        "confusion": {k: dict(v) for k, v in confusion.items()},
        "grounds": label_scores(expected_grounds, predicted_grounds, [g.value for g in Ground]),
        "referrals": label_scores(expected_refs, predicted_refs, [r.value for r in Referral]),
        "closed_count": len(expected_grounds),
        "items": items,
    }


def report_text(report: dict[str, Any]) -> str:
    lines = []
    if report["kind"] == "letters":
        r = report
        lines.append(f"{r['folder']}: {r['count']} letters (baseline: the majority answer)")
        lines.append(
            f"  outcome right        {r['outcome_accuracy']:.1%}   baseline {r['outcome_baseline']:.1%} (always {r['majority_outcome']})"
        )
        lines.append(
            f"  closed vs investigate balanced accuracy {r['balanced_accuracy']:.1%}   baseline {r['balanced_baseline']:.1%}"
        )
        lines.append(
            f"  grounds acceptable   {r['grounds_acceptable']:.1%}   baseline {r['grounds_baseline']:.1%} (always {r['majority_grounds']})"
        )
        lines.append(
            f"  referrals right      {r['referrals_right']:.1%}   baseline {r['referrals_baseline']:.1%} (always none)"
        )
        if r["key_facts_right"] is not None:
            lines.append(
                f"  key facts read       {r['key_facts_right']:.1%} of {r['key_facts']}   baseline 0.0% (nothing read)"
            )
        for i in r["items"]:
            if not (i["outcome_ok"] and i["grounds_ok"] and i["referrals_ok"]):
                lines.append(
                    f"  - {i['letter']}: outcome {i.get('outcome', 'error')} (expected {i['expected_outcome']}), "
                    f"grounds {i.get('grounds', [])} (expected {i.get('expected_grounds', [])})"
                    + (f" error: {i['error']}" if "error" in i else "")
                )
        return "\n".join(lines)
    r = report
    lines.append(
        f"{r['count']} decisions, part {r.get('part', 'all')} ({', '.join(f'{k} {v}' for k, v in r['expected_counts'].items())}); the reader saw only 'The complaint'"
    )
    lines.append(
        f"  balanced accuracy (closed vs investigated) {r['balanced_accuracy']:.1%}   baseline {r['balanced_baseline']:.1%} (always {r['majority_class']})"
    )
    lines.append(
        f"  accuracy                                   {r['accuracy']:.1%}   baseline {r['accuracy_baseline']:.1%}"
    )
    lines.append("  confusion (expected -> assessed outcome):")
    for expected, row in r["confusion"].items():
        lines.append(f"    {expected:13} " + ", ".join(f"{k} {v}" for k, v in sorted(row.items())))
    for name in ("grounds", "referrals"):
        lines.append(
            f"  {name} over the {r['closed_count']} closed decisions (P / R / F1, baseline F1; support):"
        )
        for label, s in sorted(r[name].items(), key=lambda kv: -kv[1]["support"]):
            lines.append(
                f"    {label:32} {s['precision']:.2f} / {s['recall']:.2f} / {s['f1']:.2f}   baseline {s['baseline_f1']:.2f}; {s['support']} expected, {s['predicted']} predicted"
            )
    if r["skipped"]:
        lines.append(
            f"  skipped {len(r['skipped'])}: "
            + "; ".join(f"{i['file']}: {i.get('error')}" for i in r["skipped"][:5])
        )
    return "\n".join(lines)


__all__ = ["balanced_accuracy", "evaluate_folder", "label_scores", "report_text"]
