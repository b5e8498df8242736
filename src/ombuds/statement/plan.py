"""Which reasons the prose gives: per part, the grounds that carry it; for the Summary, two.

The engine reports every test that applies to a part, and several may apply at once, sometimes
pulling different ways ("the Council investigated thoroughly" and "there is no sign of fault";
"put right" beside "agreed, not yet done"). A statement gives, for each part, the reasons that
decide it; the others stay in the trace (and in "role and powers", which lists every test relied
on, as published statements do). The rules:

- a legal bar (validity or jurisdiction) always carries the part; several bars are all given;
- "no different outcome" (the Council put things right) or "satisfied with actions" carry a part
  the Council upheld: "could not add" then adds nothing, and is not given;
- a part with no sign of fault ("insufficient evidence of fault", "merits", "no injustice from
  fault") is decided on that: "could not add" is not given beside it;
- "tests not met" is an umbrella: given only when nothing more specific applies;
- every other ground that applies is given (a better-placed body is always named, since it tells
  the person where to go next).

Parts with the same reasons (the same grounds and bodies) are considered together. The Summary
and the Final decision give at most two reasons: those that carry the most parts, legal bars
first, then in the order the parts come.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ombuds.code.result import Finding, HeadAssessment
from ombuds.vocabulary import GROUNDS, FindingResult, Ground, Referral, Stage

NO_FAULT = frozenset(
    {
        Ground.insufficient_evidence_of_fault,
        Ground.merits_without_fault,
        Ground.no_injustice_from_fault,
    }
)
REMEDIED = frozenset({Ground.no_different_outcome, Ground.satisfied_with_actions})
# The order reasons are given in within a part: facts about the Council's own response first,
# then fault, then what an investigation could achieve, then who else can help.
_ORDER = [
    Ground.satisfied_with_actions,
    Ground.no_different_outcome,
    Ground.could_not_add,
    Ground.insufficient_evidence_of_fault,
    Ground.merits_without_fault,
    Ground.no_injustice_from_fault,
    Ground.injustice_not_significant,
    Ground.cannot_achieve_outcome,
    Ground.no_worthwhile_outcome,
    Ground.individual_conduct,
    Ground.better_placed,
    Ground.council_review_available,
    Ground.linked_to_legal_proceedings,
    Ground.linked_to_excluded_matter,
    Ground.complaint_handling_only,
    Ground.tests_not_met,
]
MAX_SUMMARY_REASONS = 2


def is_bar(ground: Ground) -> bool:
    """A legal bar (validity or jurisdiction): "cannot", with no discretion."""
    return GROUNDS[ground].stage is not Stage.discretion


def _rank(ground: Ground) -> tuple[int, int]:
    if is_bar(ground):
        return (0, 0)
    return (1, _ORDER.index(ground) if ground in _ORDER else len(_ORDER))


def decisive(grounds: list[Ground]) -> list[Ground]:
    """The grounds that carry a part, in the order the prose gives them (see the module)."""
    chosen = list(dict.fromkeys(grounds))
    if any(is_bar(g) for g in chosen):
        chosen = [g for g in chosen if is_bar(g)] + [
            g for g in chosen if not is_bar(g) and g is Ground.better_placed
        ]
    if set(chosen) & (NO_FAULT | REMEDIED):
        chosen = [g for g in chosen if g is not Ground.could_not_add]
    if len(chosen) > 1:
        chosen = [g for g in chosen if g is not Ground.tests_not_met]
    return sorted(chosen, key=_rank)


@dataclass
class PartPlan:
    """One part (head) of the complaint as the statement treats it."""

    number: int  # 1-based
    head: HeadAssessment
    relied: list[Finding]  # every applying finding (all go in the trace)
    grounds: list[Ground]  # the decisive ones, in order
    referrals: list[Referral]
    exceptions: list[Finding] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        """Parts with the same key share their reasons and are considered together."""
        return (tuple(self.grounds), tuple(self.referrals), self.head.outcome)

    @property
    def lead(self) -> Ground | None:
        return self.grounds[0] if self.grounds else None


def plan_parts(heads: list[HeadAssessment]) -> list[PartPlan]:
    parts = []
    for i, head in enumerate(heads, start=1):
        relied = [f for f in head.findings if f.result is FindingResult.applies]
        known = {f.ground for f in relied}
        grounds = decisive(
            [*(f.ground for f in relied), *(g for g in head.grounds if g not in known)]
        )
        referrals = list(
            dict.fromkeys([*(f.referral for f in relied if f.referral), *head.referrals])
        )
        exceptions = [f for f in head.findings if f.result is FindingResult.exception_applies]
        parts.append(PartPlan(i, head, relied, grounds, referrals, exceptions))
    return parts


def groups(parts: list[PartPlan]) -> list[list[PartPlan]]:
    """Parts in order, those with the same reasons together (at the place of the first)."""
    out: list[list[PartPlan]] = []
    by_key: dict[tuple, list[PartPlan]] = {}
    for part in parts:
        if part.grounds and part.key in by_key:
            by_key[part.key].append(part)
            continue
        group = [part]
        by_key[part.key] = group
        out.append(group)
    return out


def summary_grounds(parts: list[PartPlan], extra: list[Ground]) -> list[Ground]:
    """At most two reasons for the Summary and the Final decision: the grounds that lead the
    most parts, legal bars first, then the order they first lead a part; a better-placed body
    takes a place left free."""
    leads: dict[Ground, int] = {}
    for part in parts:
        if part.lead is not None:
            leads[part.lead] = leads.get(part.lead, 0) + 1
    for g in extra:  # grounds the assessment names without a part
        leads.setdefault(g, 0)
    first_seen = {g: i for i, g in enumerate(leads)}
    ranked = sorted(leads, key=lambda g: (not is_bar(g), -leads[g], first_seen[g]))
    chosen = ranked[:MAX_SUMMARY_REASONS]
    referred = any(p.referrals and Ground.better_placed in p.grounds for p in parts)
    if referred and Ground.better_placed not in chosen and len(chosen) < MAX_SUMMARY_REASONS:
        chosen.append(Ground.better_placed)
    return chosen


__all__ = [
    "MAX_SUMMARY_REASONS",
    "NO_FAULT",
    "REMEDIED",
    "PartPlan",
    "decisive",
    "groups",
    "is_bar",
    "plan_parts",
    "summary_grounds",
]
