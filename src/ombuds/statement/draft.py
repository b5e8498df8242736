"""Draft a decision statement from an `Assessment` alone.

The statement follows ../shared/domain/decisions.md and statement-style.md: header, Summary (the
subject, the decision and at most two reasons), The complaint (what the person says, the harm they
describe and what they want, reported in their name), The Ombudsman's role and powers (every test
relied on, grouped as the Ombudsman groups them), How I considered this complaint, My assessment
(part by part: what the person complains of and what the Council did about it, then the decision
and the reasons that carry it, once), Final decision and the signature line.

Every sentence comes from the wording pack (`ombuds.statement.pack`); this module decides which
sentences, in what order (`ombuds.statement.plan` picks the reasons), prepares what the templates
report (`ombuds.statement.grammar` makes the complainant's text fit its frame), and records for
each paragraph the finding(s) behind it. The engine's own reasons stay in the trace: they are
written for investigators, not for the public.

How "role and powers" groups the tests: `ombuds.statement.powers`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ombuds.code.result import Assessment, CaseDetails, Finding
from ombuds.errors import InputError
from ombuds.statement import grammar
from ombuds.statement.check import MAX_FINAL_WORDS, sentences, words
from ombuds.statement.decide import decide
from ombuds.statement.facts import (
    PartView,
    has_facts,
    information_sources,
    injustice,
    judgement_warnings,
    overall_wanted,
    part_views,
    person_of,
)
from ombuds.statement.model import Statement, StatementParagraph, StatementSection, Trace
from ombuds.statement.pack import WordingPack
from ombuds.statement.plan import groups, is_bar, plan_parts, summary_grounds
from ombuds.statement.powers import ICO_CITATION, citation_text, is_bulleted, layout
from ombuds.vocabulary import (
    GROUNDS,
    REFERRAL_BODIES,
    Ground,
    Outcome,
    Referral,
    Stage,
)


def _short_body(body: str) -> str:
    """How the text refers to the body after the header: "the Council" for a council."""
    return "the Council" if "council" in body.lower() else body


def _trace(head: int | None, f: Finding) -> Trace:
    return Trace(head=head, ground=f.ground, stage=f.stage, referral=f.referral)


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
        self.parts = plan_parts(assessment.heads)
        on_heads = {g for p in self.parts for g in [*(f.ground for f in p.relied), *p.grounds]}
        # Grounds given only at the top level of the assessment (no head carries them).
        self.orphans = [g for g in assessment.grounds if g not in on_heads]
        self.grounds = list(
            dict.fromkeys(
                [
                    *(f.ground for p in self.parts for f in p.relied),
                    *(g for p in self.parts for g in p.grounds),
                    *self.orphans,
                ]
            )
        )
        self.referrals = list(
            dict.fromkeys([*(r for p in self.parts for r in p.referrals), *assessment.referrals])
        )
        self.warnings: list[str] = [*judgement_warnings(assessment, pack.settings), *pack.warnings]
        self.person = person_of(self.case, assessment.heads)
        self._macros: dict[tuple[str, str, str | None], Callable[..., str]] = {}
        self.views = part_views(self.case, self.parts, pack, self.person)
        self.context: dict[str, Any] = {
            "case": self.case,
            "person": self.person,
            "complainant": self.case.complainant,
            "body": self.case.body,
            "council": _short_body(self.case.body),
            "is_council": "council" in self.case.body.lower(),
            "information": information_sources(self.case),
            "outcome": assessment.outcome.value,
            "heads_count": len(assessment.heads),
            # How many parts each ground carries, so that a Summary reason is true of the
            # parts it covers ("has accepted fault on one part").
            "ground_parts": {
                g.value: sum(g in p.grounds for p in self.parts)
                for g in {g for p in self.parts for g in p.grounds}
            },
            "parts": self.views,
            "referrals": [r.value for r in self.referrals],
            "settings": pack.settings,
        }
        officers = [v.officer for v in self.views if v.officer]
        self.context["officer"] = officers[0] if officers else ""
        self.context["record"] = (
            "assessment"
            if any(v.d and v.d.about == "record_or_assessment" for v in self.views)
            else ""
        )
        bodies = self._better_placed_referrals()
        short = self.pack.settings.get("short_names", {})
        self.context["better_placed_names"] = [REFERRAL_BODIES[r] for r in bodies] or [
            "another body"
        ]
        self.context["better_placed_short"] = [
            short.get(r.value, REFERRAL_BODIES[r]) for r in bodies
        ] or ["another body"]
        appeal = [v.appeal_body for v in self.views if v.appeal_body]
        self.context["appeal_body"] = appeal[0] if appeal else ""
        self.context["referral_role"] = self._referral_role
        self.context["referral_name"] = lambda r: short.get(r, REFERRAL_BODIES[Referral(r)])
        # What My assessment has said so far, so that a later part points back to a reason or
        # a body already given instead of saying it again: a reason's words and the bodies
        # introduced, each with its paragraph number, and the kinds of decision written.
        self.said: dict[str, int] = {}
        self.given: set[Ground] = set()  # grounds whose reasons My assessment has given
        self.introduced: dict[str, int] = {}
        self.stepped: set[Referral] = set()  # bodies whose next step My assessment has given
        self.earlier: list[str] = []
        self.context["referral_next"] = self._referral_next
        self.context["subject"] = self._subject()
        self.context["wanted"] = [
            self._macro("phrases/outcomes.j2", "outcome")(w) for w in overall_wanted(self.case)
        ]
        self.context["injustice_np"], self.context["injustice_other"] = injustice(
            self.case.injustice_claimed
        )

    def _better_placed_referrals(self) -> list[Referral]:
        """The bodies named as better placed: those on better_placed findings, else all."""
        named = [
            f.referral
            for p in self.parts
            for f in p.relied
            if f.ground is Ground.better_placed and f.referral
        ]
        return list(dict.fromkeys(named)) or self.referrals

    def _referral_role(self, referral: str, part: PartView | None = None) -> str:
        context = {**self.context, "part": part}
        try:
            return self.pack.macro(f"referrals/{referral}.j2", "role", **context)()
        except InputError:  # a template written before role() existed
            return ""

    def _referral_next(self, referral: str, part: PartView | None = None) -> str:
        context = {**self.context, "part": part}
        return self.pack.macro(f"referrals/{referral}.j2", "next_step", **context)()

    def _subject(self) -> str:
        if self.case.subject:
            return grammar.council_case(grammar.tidy(self.case.subject))
        subjects = [
            s for s in (self._macro("phrases/subjects.j2", "subject")(v) for v in self.views) if s
        ]
        subjects = list(dict.fromkeys(subjects))
        if len(subjects) <= 2:
            return grammar.join_and(subjects)
        common = self._macro("phrases/subjects.j2", "area")(self.views)
        return common or grammar.join_and([*subjects[:2], "other matters"])

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
        self, sec: StatementSection, template: str, trace: list[Trace], **context: Any
    ) -> None:
        """Append a numbered paragraph to `sec` for each paragraph the template writes."""
        for text in self.pack.paragraphs(template, **{**self.context, **context}):
            sec.paragraphs.append(self._paragraph(sec.key, text, trace))

    def _macro(self, name: str, macro: str, fallback: str | None = None) -> Callable[..., str]:
        """A macro of the pack with the statement's context, made once per statement (a macro
        reads what varies, such as the part, from its arguments)."""
        key = (name, macro, fallback)
        if key not in self._macros:
            self._macros[key] = self.pack.macro(name, macro, fallback=fallback, **self.context)
        return self._macros[key]

    def _ground_macro(self, ground: Ground, macro: str, *args: Any) -> str:
        fallback = "because" if macro == "final" else None
        return self._macro(f"grounds/{ground.value}.j2", macro, fallback)(*args)

    def _traces(self, ground: Ground) -> list[Trace]:
        traces = [_trace(p.number, f) for p in self.parts for f in p.relied if f.ground is ground]
        return traces or [Trace(ground=ground, stage=GROUNDS[ground].stage)]

    @functools.cached_property
    def _summary_grounds(self) -> list[Ground]:
        return summary_grounds(self.parts, self.orphans)

    def _reasons(self, macro: str) -> list[str]:
        return [self._ground_macro(g, macro) for g in self._summary_grounds]

    def _section(self, key: str) -> StatementSection:
        heading_key = (
            "role_and_powers_joint" if key == "role_and_powers" and self.case.joint else key
        )
        return StatementSection(key=key, heading=self.pack.heading(heading_key))

    def _closing(self) -> dict[str, Any]:
        """What the Summary and the Final decision need besides the reasons."""
        investigated = [v for v in self.views if v.outcome == Outcome.investigate.value]
        closed = [v for v in self.views if v.outcome != Outcome.investigate.value]
        return {
            "barred_only": bool(self._summary_grounds)
            and all(is_bar(g) for g in self._summary_grounds),
            "investigated_parts": investigated,
            "closed_parts": closed,
        }

    # -- sections ------------------------------------------------------------------------------
    def summary(self) -> str:
        return " ".join(
            self.pack.paragraphs(
                "sections/summary.j2",
                reasons=self._reasons("because"),
                **self._closing(),
                **self.context,
            )
        )

    def the_complaint(self) -> StatementSection:
        sec = self._section("the_complaint")
        for text, items in self.pack.paragraphs_with_items("sections/complaint.j2", **self.context):
            sec.paragraphs.append(self._paragraph(sec.key, text, [Trace()], items=items))
        return sec

    def role_and_powers(self) -> StatementSection:
        sec = self._section("role_and_powers")
        for grounds in layout(self.grounds):
            traces = [t for g in grounds for t in self._traces(g)]
            if len(grounds) == 1 and not is_bulleted(grounds[0]):
                g = grounds[0]
                text = self._ground_macro(g, "role")
                para = self._paragraph(sec.key, text, traces, citation=GROUNDS[g].citation_text)
            else:
                items = [self._ground_macro(g, "role") for g in grounds]
                items = [f"{item}, or" for item in items[:-1]] + [f"{items[-1]}."]
                citations = [c for g in grounds for c in GROUNDS[g].citations]
                intro = " ".join(self.pack.paragraphs("sections/role_intro.j2", **self.context))
                para = self._paragraph(
                    sec.key, intro, traces, items=items, citation=citation_text(citations)
                )
            sec.paragraphs.append(para)
        if Referral.ico in self.referrals:
            ico = [
                _trace(p.number, f)
                for p in self.parts
                for f in p.relied
                if f.referral is Referral.ico
            ] or [Trace(referral=Referral.ico)]
            for text in self.pack.paragraphs("sections/role_ico.j2", **self.context):
                sec.paragraphs.append(
                    self._paragraph(sec.key, text, ico, citation=str(ICO_CITATION))
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
        for group in groups(self.parts):
            views = [self.views[p.number - 1] for p in group]
            # A part whose facts are only what the person complains of is not a paragraph of
            # its own: its sentence opens the paragraph that decides it.
            held: list[tuple[str, Trace]] = []
            before = len(sec.paragraphs)
            for v in views:
                v.earlier, v.introduced = list(self.earlier), dict(self.introduced)
            for part, view in zip(group, views, strict=True):
                ctx = {**self.context, "part": view}
                facts = self.pack.paragraphs("sections/part_facts.j2", **ctx)
                if not has_facts(view) and len(facts) == 1 and not part.exceptions:
                    held.append((facts[0], Trace(head=part.number)))
                    continue
                for text, held_trace in held:
                    sec.paragraphs.append(self._paragraph(sec.key, text, [held_trace]))
                held = []
                for text in facts:
                    sec.paragraphs.append(self._paragraph(sec.key, text, [Trace(head=part.number)]))
                for f in part.exceptions:
                    # An exception is explained where it lets the part go on: always for a legal
                    # bar set aside; for a discretionary test only if the part is investigated.
                    if f.stage is Stage.discretion and part.head.outcome is not Outcome.investigate:
                        continue
                    self._add_template(
                        sec,
                        "sections/exception.j2",
                        [Trace(head=part.number, ground=f.ground, stage=f.stage)],
                        finding=f,
                        exception_text=self._exception_text(f),
                        **ctx,
                    )
            named = bool(held) or len(sec.paragraphs) > before
            for v in views:
                v.named = named
            decide(self, sec, group, views, held, after_facts=len(sec.paragraphs) > before)
            lead = views[0]
            self.earlier.append(
                "investigate"
                if lead.outcome == Outcome.investigate.value
                else "barred"
                if lead.barred or lead.outcome == Outcome.invalid.value
                else "declined"
            )
        drafted = {t.referral for p in sec.paragraphs for t in p.trace if t.referral}
        for ref in self.assessment.referrals:  # a referral named at the top level only
            if ref not in drafted:
                sec.paragraphs.append(
                    self._paragraph(
                        sec.key, self._referral(ref, "next_step", None), [Trace(referral=ref)]
                    )
                )
        for g in self.orphans:  # grounds the assessment names at the top level only
            text = self._ground_macro(g, "assessment", None)
            trace = [Trace(ground=g, stage=GROUNDS[g].stage)]
            sec.paragraphs.append(self._paragraph(sec.key, text, trace))
        return sec

    def _pronoun_start(self, text: str) -> str:
        """ "Miss X also complains..." -> "She also complains..." (the name was just given)."""
        name = self.person.name + " "
        if self.person.pronoun and text.startswith(name):
            return grammar.upper_first(self.person.subject) + " " + text[len(name) :]
        return text

    def _referral(self, referral: Referral, macro: str, part: PartView | None) -> str:
        context = {**self.context, "part": part}
        return self.pack.macro(f"referrals/{referral.value}.j2", macro, **context)()

    def _exception_text(self, f: Finding) -> str:
        """The exception's name in the pack's words, else its id made readable."""
        name = f.exception or ""
        text = str(
            self.pack.settings.get("exceptions", {}).get(name)
            or name.replace("_", " ")
            or "an exception applies"
        )
        return text.replace("{name}", self.person.name)

    def final_decision(self) -> StatementSection:
        sec = self._section("final_decision")
        traces = [_trace(p.number, f) for p in self.parts for f in p.relied] or [Trace()]
        traces += [Trace(ground=g, stage=GROUNDS[g].stage) for g in self.orphans]
        # The decision and its main reason: a second reason only if the sentence stays short.
        reasons = self._reasons("final")
        context = {**self.context, **self._closing()}
        text = self.pack.paragraphs("sections/final_decision.j2", reasons=reasons, **context)
        if len(reasons) > 1 and text and len(words(sentences(text[0])[0])) > MAX_FINAL_WORDS:
            text = self.pack.paragraphs(
                "sections/final_decision.j2", reasons=reasons[:1], **context
            )
        sec.paragraphs += [self._paragraph(sec.key, t, traces) for t in text]
        return sec

    # -- the whole statement -----------------------------------------------------------------
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
        summary_trace = [_trace(p.number, f) for p in self.parts for f in p.relied] + [
            Trace(ground=g, stage=GROUNDS[g].stage) for g in self.orphans
        ]
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
            summary_trace=summary_trace or [Trace()],
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
