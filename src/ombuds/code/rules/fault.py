"""The fault and injustice tests of the discretion stage (s24A(6), s34(3), ss26(1), 26A(1)).

These rest on an investigator's judgement (`judgement.evidence_of_fault`, `injustice_significant`,
`outcome_same_without_fault`): the engine never supplies it, it asks.
"""

from __future__ import annotations

from ombuds.code.registry import rule
from ombuds.code.result import Finding
from ombuds.code.unit import Context, Rule, Unless
from ombuds.complaint.facts import AllegationKind, EvidenceOfFault, HeadSubject
from ombuds.vocabulary import Ground, Stage

_FAULT_WHY = "the fault tests need an investigator's view of the evidence of fault"


def _evidence(rule: Rule, ctx: Context) -> EvidenceOfFault | list[Finding]:
    """The judged evidence of fault, or the needs_judgement finding to return."""
    evidence: EvidenceOfFault | None = ctx.fact("judgement.evidence_of_fault")
    if evidence is None:
        return rule.needs(
            ctx, "judgement.evidence_of_fault", _FAULT_WHY, suggested="none, some or strong"
        )
    return evidence


@rule
class InsufficientEvidenceOfFault(Rule):
    """LGA 1974 s24A(6): the Ombudsman may decline where there is not enough sign of fault to
    justify investigating (the council followed its policy; the person mainly disagrees).

    Leaves out: weighing public interest against weak evidence, which an investigator records by
    judging the evidence "some".
    """

    ground, stage = Ground.insufficient_evidence_of_fault, Stage.discretion
    statement = "There must be enough sign of fault to justify an investigation."
    reads = ("judgement.evidence_of_fault",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        evidence = _evidence(self, ctx)
        if isinstance(evidence, list):
            return evidence
        if evidence is EvidenceOfFault.none:
            return self.applies(ctx, "The information shows no sign of fault by the council.")
        return self.does_not_apply(ctx, f"The information shows {evidence.value} sign of fault.")


@rule
class MeritsWithoutFault(Rule):
    """LGA 1974 s34(3): the Ombudsman cannot question the merits of a decision taken without
    fault, however strongly the person disagrees; it is not an appeal body.

    Applies to heads that challenge a council decision (including professional judgements such
    as keeping a social worker). Leaves out: decisions so unreasonable that no authority could
    have made them, which an investigator records as evidence of fault.
    """

    ground, stage = Ground.merits_without_fault, Stage.discretion
    statement = (
        "A decision taken without fault cannot be questioned just because the person disagrees."
    )
    reads = ("about", "allegations", "judgement.evidence_of_fault")

    def evaluate(self, ctx: Context) -> list[Finding]:
        about = ctx.fact("about")
        disagrees = any(
            a.kind is AllegationKind.disagrees_with_decision for a in ctx.fact("allegations")
        )
        if about is not HeadSubject.council_decision and not disagrees:
            return self.does_not_apply(ctx, "This part does not challenge a council decision.")
        evidence = _evidence(self, ctx)
        if isinstance(evidence, list):
            return evidence
        if evidence is EvidenceOfFault.none:
            return self.applies(
                ctx,
                "This part challenges a decision, and there is no sign of "
                "fault in how it was made: its merits cannot be questioned.",
            )
        return self.does_not_apply(
            ctx, f"There is {evidence.value} sign of fault in how the decision was made."
        )


@rule
class NoInjusticeFromFault(Rule):
    """LGA 1974 s24A(6), ss26(1) and 26A(1): the Ombudsman investigates fault that caused the
    person injustice; where the outcome would have been the same, it may decline.

    Leaves out: injustice to others than the complainant (`injustice_not_significant`).
    """

    ground, stage = Ground.no_injustice_from_fault, Stage.discretion
    statement = "Fault that caused the person no injustice does not justify an investigation."
    reads = ("judgement.evidence_of_fault", "judgement.outcome_same_without_fault")

    def evaluate(self, ctx: Context) -> list[Finding]:
        evidence = _evidence(self, ctx)
        if isinstance(evidence, list):
            return evidence
        if evidence is EvidenceOfFault.none:
            return self.does_not_apply(
                ctx, "No fault is shown, so there is no fault whose effect to test."
            )
        same = ctx.fact("judgement.outcome_same_without_fault")
        if same is None:
            return self.needs(
                ctx,
                "judgement.outcome_same_without_fault",
                "there is sign of fault; did it change the person's position?",
            )
        if same:
            return self.applies(
                ctx,
                "Whatever the fault, the person would have been in the same position without it.",
            )
        return self.does_not_apply(ctx, "The fault appears to have affected the person.")


@rule
class InjusticeNotSignificant(Rule):
    """LGA 1974 s24A(6): the injustice claimed must be significant enough to justify the
    Ombudsman's involvement.

    Exception `public_interest`: wider or systemic injustice, or a risk to others, can justify
    investigating although the personal injustice is modest. Leaves out: any numeric threshold;
    a complainant not personally affected, who has no standing at all (`no_standing`, s26A(1)),
    which public interest cannot cure.
    """

    ground, stage = Ground.injustice_not_significant, Stage.discretion
    statement = "The injustice must be significant enough to justify involvement."
    reads = ("judgement.injustice_significant", "judgement.public_interest")
    exceptions = (
        Unless(
            "public_interest",
            "Wider or systemic injustice, or a risk to others, justifies investigating.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        significant = ctx.fact("judgement.injustice_significant")
        if significant is None:
            return self.needs(
                ctx,
                "judgement.injustice_significant",
                "whether the injustice claimed is significant enough to justify involvement",
            )
        if significant:
            return self.does_not_apply(ctx, "The injustice claimed is significant.")
        why = "The injustice claimed is not significant enough to justify involvement."
        if ctx.fact("judgement.public_interest"):
            return self.excepted(
                ctx,
                "public_interest",
                f"{why} But there is a wider public interest in looking at it.",
            )
        return self.applies(ctx, why)
