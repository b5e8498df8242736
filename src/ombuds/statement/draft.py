"""Draft a decision statement from an `Assessment` alone.

The statement follows ../shared/domain/decisions.md: header, Summary, The complaint, The
Ombudsman's role and powers (only the tests relied on, grouped as the Ombudsman groups them),
How I considered this complaint, My assessment (paragraphs per head), Final decision and the
signature line. Every sentence comes from the wording pack (`ombuds.statement.pack`); this module
only decides which sentences, in what order, and records for each paragraph the finding(s) that
produced it.

Grouping in "role and powers", as published statements do it:
- each jurisdiction test is its own paragraph ending with its citation in brackets;
- the discretionary tests that rest on section 24A(6) alone are bullets after one introductory
  sentence ending with a colon, with their citations in brackets after the list;
- every other discretionary test (section 34(3), 24A(7), 26(1), case law) is its own paragraph;
- the ICO paragraph follows when the ICO is a referral.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ombuds.code.result import Assessment, CaseDetails, Finding, HeadAssessment
from ombuds.errors import InputError
from ombuds.statement.model import Statement, StatementParagraph, StatementSection, Trace
from ombuds.statement.pack import WordingPack
from ombuds.vocabulary import (
    GROUNDS,
    LGA_1974,
    REFERRAL_BODIES,
    Citation,
    FindingResult,
    Ground,
    Outcome,
    Referral,
    Stage,
    section,
)

_BULLET_PROVISION = section("24A(6)").provision
_ICO_CITATION = section("24A(6)")


def is_bulleted(ground: Ground) -> bool:
    """True for the discretionary tests printed as bullets under the introductory sentence."""
    info = GROUNDS[ground]
    return info.stage is Stage.discretion and info.citation.provision == _BULLET_PROVISION


def citation_text(citations: list[Citation]) -> str:
    """Join citations as statements print them: the Act once, then each provision."""
    unique = list(dict.fromkeys(citations))
    text = str(unique[0])
    for c in unique[1:]:
        text += f", {c.provision}" if c.act == unique[0].act == LGA_1974 else f"; {c}"
    return text


@dataclass
class _Relied:
    """One applying finding on one head (1-based), as the drafter uses it."""

    head: int
    finding: Finding

    @property
    def trace(self) -> Trace:
        return Trace(
            head=self.head or None,
            ground=self.finding.ground,
            stage=self.finding.stage,
            referral=self.finding.referral,
        )


def _assumed_finding(ground: Ground) -> Finding:
    """An applying finding made from a ground's own test, for a ground named without one."""
    info = GROUNDS[ground]
    return Finding(
        ground=ground,
        stage=info.stage,
        result=FindingResult.applies,
        citation=info.citation_text,
        reason="",
    )


def _relied_findings(head_number: int, head: HeadAssessment) -> list[_Relied]:
    """The findings a head relies on, in the order the engine considered them.

    A ground listed on the head without an applying finding (which the engine should not
    produce) is still drafted, from the ground's own test, so the statement never drops a
    ground the assessment relies on.
    """
    relied = [_Relied(head_number, f) for f in head.findings if f.result is FindingResult.applies]
    seen = {r.finding.ground for r in relied}
    relied += [_Relied(head_number, _assumed_finding(g)) for g in head.grounds if g not in seen]
    return relied


def _short_body(body: str) -> str:
    """How the text refers to the body after the header: "the Council" for a council."""
    return "the Council" if "council" in body.lower() else body


class _Drafter:
    """Builds one statement; holds the numbering and the wording pack while it does."""

    def __init__(self, assessment: Assessment, pack: WordingPack):
        if assessment.case is None:
            raise InputError(
                "the assessment has no case details (body, complainant, date), so "
                "no statement can be drafted",
                source="assessment.case",
                hint="assess a complaint file with `ombuds assess` or "
                "`ombuds.code.assess_file`, which fills them in",
            )
        self.assessment = assessment
        self.case: CaseDetails = assessment.case
        self.pack = pack
        self.number = 0
        # The assessment's own warnings (an unknown category, a provisional outcome) come first.
        self.warnings: list[str] = [*assessment.warnings, *pack.warnings]
        self.relied: list[_Relied] = []
        for i, head in enumerate(assessment.heads, start=1):
            self.relied.extend(_relied_findings(i, head))
            open_tests = [
                f.ground.value for f in head.findings if f.result is FindingResult.needs_judgement
            ]
            if open_tests:
                self.warnings.append(
                    f"head {i}: {', '.join(open_tests)} still need an "
                    f"investigator's judgement; the draft relies only on the "
                    f"tests that apply"
                )
        on_heads = {r.finding.ground for r in self.relied}
        self.relied += [
            _Relied(0, _assumed_finding(g))  # grounds given only at the top level
            for g in assessment.grounds
            if g not in on_heads
        ]
        self.grounds = list(dict.fromkeys(r.finding.ground for r in self.relied))
        self.referrals = list(
            dict.fromkeys(
                [
                    *(r.finding.referral for r in self.relied if r.finding.referral),
                    *(ref for h in assessment.heads for ref in h.referrals),
                    *assessment.referrals,
                ]
            )
        )
        self.context = {
            "case": self.case,
            "complainant": self.case.complainant,
            "body": self.case.body,
            "council": _short_body(self.case.body),
            # The Assessment Code has its own sentence in "How I considered this complaint".
            "information": [
                i for i in self.case.information_considered if "assessment code" not in i.lower()
            ],
            "outcome": assessment.outcome.value,
            "heads_count": len(assessment.heads),
            "better_placed_bodies": [REFERRAL_BODIES[r] for r in self._better_placed_referrals()]
            or ["another body"],
        }

    def _better_placed_referrals(self) -> list[Referral]:
        """The bodies named as better placed: those on better_placed findings, else all."""
        named = [
            r.finding.referral
            for r in self.relied
            if r.finding.ground is Ground.better_placed and r.finding.referral
        ]
        return list(dict.fromkeys(named)) or self.referrals

    # -- helpers -------------------------------------------------------------------------------
    def _paragraph(
        self,
        key: str,
        text: str,
        trace: list[Trace],
        *,
        items: list[str] | None = None,
        citation: str | None = None,
    ) -> StatementParagraph:
        self.number += 1
        return StatementParagraph(
            section=key,
            number=self.number,
            text=text,
            items=items or [],
            citation=citation,
            trace=trace,
        )

    def _add_template(
        self, sec: StatementSection, template: str, trace: list[Trace], **context
    ) -> None:
        """Append a numbered paragraph to `sec` for each paragraph the template writes."""
        for text in self.pack.paragraphs(template, **{**self.context, **context}):
            sec.paragraphs.append(self._paragraph(sec.key, text, trace))

    def _ground_macro(self, ground: Ground, macro: str, **extra) -> str:
        return self.pack.macro(f"grounds/{ground.value}.j2", macro, **self.context, **extra)()

    def _ground_assessment(self, finding: Finding, ctx: dict, referral_body: str) -> str:
        """The ground's paragraph in "My assessment" for one finding."""
        return self.pack.macro(
            f"grounds/{finding.ground.value}.j2", "assessment", **ctx, referral_body=referral_body
        )(finding)

    def _traces(self, ground: Ground) -> list[Trace]:
        return [r.trace for r in self.relied if r.finding.ground is ground]

    @functools.cached_property
    def _reasons(self) -> list[str]:
        """Each ground's "because" clause, for the Summary and the Final decision."""
        return [self._ground_macro(g, "because") for g in self.grounds]

    def _section(self, key: str) -> StatementSection:
        heading_key = (
            "role_and_powers_joint" if key == "role_and_powers" and self.case.joint else key
        )
        return StatementSection(key=key, heading=self.pack.heading(heading_key))

    # -- sections ------------------------------------------------------------------------------
    def summary(self) -> str:
        return " ".join(
            self.pack.paragraphs("sections/summary.j2", reasons=self._reasons, **self.context)
        )

    def the_complaint(self) -> StatementSection:
        sec = self._section("the_complaint")
        self._add_template(sec, "sections/complaint.j2", [Trace()])
        return sec

    def role_and_powers(self) -> StatementSection:
        sec = self._section("role_and_powers")
        jurisdiction = [g for g in self.grounds if GROUNDS[g].stage is not Stage.discretion]
        bulleted = [g for g in self.grounds if is_bulleted(g)]
        others = [
            g for g in self.grounds if GROUNDS[g].stage is Stage.discretion and not is_bulleted(g)
        ]
        for g in jurisdiction:
            sec.paragraphs.append(
                self._paragraph(
                    sec.key,
                    self._ground_macro(g, "role"),
                    self._traces(g),
                    citation=GROUNDS[g].citation_text,
                )
            )
        if bulleted:
            items = [self._ground_macro(g, "role") for g in bulleted]
            items = [f"{item}, or" for item in items[:-1]] + [f"{items[-1]}."]
            citations = [c for g in bulleted for c in GROUNDS[g].citations]
            intro = " ".join(self.pack.paragraphs("sections/role_intro.j2", **self.context))
            sec.paragraphs.append(
                self._paragraph(
                    sec.key,
                    intro,
                    [t for g in bulleted for t in self._traces(g)],
                    items=items,
                    citation=citation_text(citations),
                )
            )
        for g in others:
            sec.paragraphs.append(
                self._paragraph(
                    sec.key,
                    self._ground_macro(g, "role"),
                    self._traces(g),
                    citation=GROUNDS[g].citation_text,
                )
            )
        if Referral.ico in self.referrals:
            ico = [r.trace for r in self.relied if r.finding.referral is Referral.ico] or [
                Trace(referral=Referral.ico)
            ]
            for text in self.pack.paragraphs("sections/role_ico.j2", **self.context):
                sec.paragraphs.append(
                    self._paragraph(sec.key, text, ico, citation=str(_ICO_CITATION))
                )
        if not sec.paragraphs:
            self._add_template(sec, "sections/role_general.j2", [Trace()])
        return sec

    def how_considered(self) -> StatementSection:
        sec = self._section("how_considered")
        self._add_template(sec, "sections/how_considered.j2", [Trace()])
        return sec

    def assessment_section(self) -> StatementSection:
        sec = self._section("assessment")
        for i, head in enumerate(self.assessment.heads, start=1):
            ctx = {**self.context, "head": head, "number": i}
            self._add_template(sec, "sections/head_intro.j2", [Trace(head=i)], **ctx)
            for f in head.findings:
                if f.result is FindingResult.exception_applies:
                    self._add_template(
                        sec,
                        "sections/exception.j2",
                        [Trace(head=i, ground=f.ground, stage=f.stage)],
                        finding=f,
                        exception_text=self._exception_text(f),
                        **ctx,
                    )
            relied = [r for r in self.relied if r.head == i]
            covered: set[Referral] = set()
            for r in relied:
                f = r.finding
                referral_body = REFERRAL_BODIES[f.referral] if f.referral else ""
                text = self._ground_assessment(f, ctx, referral_body)
                if f.referral:
                    covered.add(f.referral)
                    text += " " + self._next_step(f.referral, ctx)
                sec.paragraphs.append(self._paragraph(sec.key, text, [r.trace]))
            for ref in head.referrals:
                if ref not in covered:  # a referral the head names without a finding carrying it
                    ground = Ground.better_placed if Ground.better_placed in head.grounds else None
                    sec.paragraphs.append(
                        self._paragraph(
                            sec.key,
                            self._next_step(ref, ctx),
                            [
                                Trace(
                                    head=i,
                                    ground=ground,
                                    stage=Stage.discretion if ground else None,
                                    referral=ref,
                                )
                            ],
                        )
                    )
            if head.outcome is Outcome.investigate:
                self._add_template(sec, "sections/head_investigate.j2", [Trace(head=i)], **ctx)
        drafted = {t.referral for p in sec.paragraphs for t in p.trace if t.referral}
        for ref in self.assessment.referrals:  # a referral named at the top level only
            if ref not in drafted:
                sec.paragraphs.append(
                    self._paragraph(
                        sec.key, self._next_step(ref, self.context), [Trace(referral=ref)]
                    )
                )
        orphans = [r for r in self.relied if r.head == 0]
        for r in orphans:  # grounds the assessment names at the top level only
            text = self._ground_assessment(r.finding, self.context, "")
            sec.paragraphs.append(self._paragraph(sec.key, text, [r.trace]))
        return sec

    def _exception_text(self, f: Finding) -> str:
        """The exception's name in the pack's words, else its id made readable."""
        name = f.exception or ""
        return str(
            self.pack.settings.get("exceptions", {}).get(name)
            or name.replace("_", " ")
            or "an exception applies"
        )

    def _next_step(self, referral: Referral, ctx: dict) -> str:
        return self.pack.macro(f"referrals/{referral.value}.j2", "next_step", **ctx)()

    def final_decision(self) -> StatementSection:
        sec = self._section("final_decision")
        traces = [r.trace for r in self.relied] or [Trace()]
        self._add_template(sec, "sections/final_decision.j2", traces, reasons=self._reasons)
        return sec

    # -- the whole statement ---------------------------------------------------------------------
    def statement(self) -> Statement:
        summary = self.summary()
        sections = [
            self.the_complaint(),
            self.role_and_powers(),
            self.how_considered(),
            self.assessment_section(),
            self.final_decision(),
        ]
        label = self.assessment.published_label
        unpublished = self.pack.settings.get("unpublished", {})
        return Statement(
            body=self.case.body,
            reference=self.case.reference,
            category=self.case.category,
            decision=label,
            decision_note=None if label else unpublished.get(self.assessment.outcome.value),
            decision_date=self.case.assessment_date,
            complainant=self.case.complainant,
            outcome=self.assessment.outcome.value,
            final_decision_heading=self.pack.setting(
                "final_decision_line", "The Ombudsman's final decision:"
            ),
            summary=summary,
            summary_trace=[r.trace for r in self.relied] or [Trace()],
            sections=sections,
            signature=self.pack.setting("signature"),
            warnings=self.warnings,
        )


def draft_statement(assessment: Assessment, *, wording: WordingPack | None = None) -> Statement:
    """The decision statement for an assessment, in the wording pack given (default: ours)."""
    return _Drafter(assessment, wording or default_pack()).statement()


@functools.lru_cache(maxsize=1)
def default_pack() -> WordingPack:
    """The default wording pack, loaded once per process (its templates are compiled once)."""
    return WordingPack()
