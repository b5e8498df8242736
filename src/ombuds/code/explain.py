"""Plain-text views of an Assessment: the decision, and the full trace (`--explain`).

The trace lists, for each head, every test considered in order, the facts it read, its result
and the reason, so that every ground in the outcome can be followed back to facts and law.
"""

from __future__ import annotations

from ombuds.code.registry import load_rules
from ombuds.code.result import Assessment
from ombuds.vocabulary import REFERRAL_BODIES, FindingResult

_MARK = {
    FindingResult.applies: "APPLIES",
    FindingResult.does_not_apply: "does not apply",
    FindingResult.exception_applies: "EXCEPTION",
    FindingResult.needs_judgement: "NEEDS JUDGEMENT",
}


def decision_text(assessment: Assessment) -> str:
    """A readable decision: outcome, grounds, referrals, each head, questions and warnings."""
    case = assessment.case
    lines = []
    if case:
        ref = f" ({case.reference})" if case.reference else ""
        lines.append(
            f"{case.body}{ref}: complaint by {case.complainant}, assessed {case.assessment_date}"
        )
    label = assessment.published_label
    label = f' (published as "{label}")' if label else ""
    mark = (
        " -- PROVISIONAL: an investigator's judgement (not yet made, or read from the letter) could change it"
        if assessment.provisional
        else ""
    )
    lines.append(f"Outcome: {assessment.outcome.value}{label}{mark}")
    lines.append("Grounds: " + (", ".join(g.value for g in assessment.grounds) or "none"))
    lines.append(
        "Better placed: " + (", ".join(REFERRAL_BODIES[r] for r in assessment.referrals) or "none")
    )
    for i, head in enumerate(assessment.heads, 1):
        lines.append(f"\nPart {i}: {head.summary}")
        if head.split_from is not None:
            lines.append(
                f"  decided apart: part {head.split_from + 1} as it concerns "
                + ", ".join(head.topics)
            )
        lines.append(
            f"  outcome: {head.outcome.value}" + (" (provisional)" if head.provisional else "")
        )
        for f in head.findings:
            if f.result in (FindingResult.applies, FindingResult.exception_applies):
                extra = f" -> {REFERRAL_BODIES[f.referral]}" if f.referral else ""
                lines.append(f"  - {f.ground.value} [{_MARK[f.result]}]{extra}: {f.reason}")
            if f.period is not None:
                to = f"to {f.period.end}" if f.period.end else "to the present"
                lines.append(f"    period looked at: from {f.period.start} {to}")
    lines += _tail(assessment)
    return "\n".join(lines)


def trace_text(assessment: Assessment) -> str:
    """Every test considered on every head, with the facts read, the result and the reason."""
    lines = [f"Outcome: {assessment.outcome.value}"]
    for i, head in enumerate(assessment.heads):
        lines.append(f"\nheads[{i}]: {head.summary}  =>  {head.outcome.value}")
        if head.split_from is not None:
            lines.append(
                f"  (split from heads[{head.split_from}]: topics " + ", ".join(head.topics) + ")"
            )
        stage = None
        for f in head.findings:
            if f.stage != stage:
                stage = f.stage
                lines.append(f"  [{stage.value}]")
            exc = f" (unless: {f.exception})" if f.exception else ""
            ref = f" -> {f.referral.value}" if f.referral else ""
            lines.append(f"    {f.ground.value}: {_MARK[f.result]}{exc}{ref}")
            lines.append(f"      law: {f.citation}")
            lines.append(f"      why: {f.reason}")
            if f.period is not None:
                to = f"to {f.period.end}" if f.period.end else "to the present"
                lines.append(f"      period: from {f.period.start} {to}")
            for fact in f.facts:
                lines.append(f"      read: {fact}")
        considered = {f.stage.value for f in head.findings}
        if "jurisdiction" in considered and "discretion" not in considered:
            lines.append("  [discretion] not considered: a jurisdiction test applies")
        if "validity" in considered and "jurisdiction" not in considered:
            lines.append("  [jurisdiction, discretion] not considered: the part is not valid")
        decisive = {r.ground for r in load_rules() if r.decisive}
        if any(f.ground in decisive and f.result is FindingResult.applies for f in head.findings):
            lines.append(
                "  [discretion] the other tests not weighed: the matter is already decided"
            )
    lines += _tail(assessment)
    return "\n".join(lines)


def _tail(assessment: Assessment) -> list[str]:
    """The judgements that could change the outcome, the questions still open and the warnings,
    as the last lines of either view."""
    lines = []
    deciding = [
        j for j in assessment.open_judgements if j.changes_outcome or j.changes_head_outcome
    ]
    if deciding:
        lines.append("\nJudgements that could change the outcome:")
        for j in deciding:
            shown = j.outcomes if j.changes_outcome else j.head_outcomes
            answers = "; ".join(f"{answer}: {outcome.value}" for answer, outcome in shown.items())
            part = f"part {j.head + 1}" if j.head is not None else "the complaint"
            scope = "the outcome" if j.changes_outcome else f"{part}'s outcome only"
            lines.append(f"  - {j.fact} (changes {scope}): {answers}")
    if assessment.questions:
        lines.append("\nQuestions for the investigator:")
        for q in assessment.questions:
            hint = f" (suggested: {q.suggested})" if q.suggested else ""
            lines.append(f"  - {q.fact}: {q.why}{hint}")
    if assessment.warnings:
        lines.append("\nWarnings:")
        lines += [f"  - {w}" for w in assessment.warnings]
    return lines
