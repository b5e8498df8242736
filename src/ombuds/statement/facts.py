"""What the templates report: the complaint's facts, prepared for the wording pack.

The assessment's `CaseDetails` carries each part's facts as the complaint states them (ids and the
investigator's text). This module turns them into what a template can place without knowing any
grammar: the person and their pronouns, each part's summary split into a reporting verb and a
clause or noun phrase (`ombuds.statement.grammar`), the Council's reply as an attributed
sentence, the harm described sorted by the frame it needs, the appeal body for the subject
matter, and the warnings an investigator needs: a missing judgement only where an answer could
change the outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ombuds.code.result import Assessment, CaseDetails, HeadAssessment, PartDetails
from ombuds.statement import grammar
from ombuds.statement.pack import WordingPack
from ombuds.statement.plan import PartPlan, groups, is_bar
from ombuds.vocabulary import Ground, Outcome


@dataclass
class PartView:
    """One part as the templates see it: its facts, ready to report, and its reasons."""

    number: int
    count: int  # parts in the complaint
    index_in_group: int  # 0 for the first part of a group considered together
    group_size: int
    reported: grammar.Reported
    details: PartDetails | None
    grounds: list[str]  # the decisive ground ids, in order
    referrals: list[str]
    outcome: str
    wanted: list[str]  # OutcomeWanted ids or free noun phrases
    officer: str
    appeal_body: str
    council_summary: str  # the Council's reply as a sentence, attributed
    injustice_np: list[str] = field(default_factory=list)
    injustice_other: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    # A head the law divides into parts (code/split.py) is reported once, with its first part;
    # each part's decision names what the part is about.
    split_about: str = ""  # "repairs to a council home"; empty for a part that is a whole head
    repeats_head: bool = False  # the second part of a split head (its facts were given already)
    # Its place among the parts The complaint lists ("first", "second"...), so that My
    # assessment can name it without reporting it again.
    ordinal: str = ""
    # Set by the drafter as it writes My assessment: the bodies already introduced (their
    # paragraph numbers), whether a paragraph about this part came before its decision, and
    # the decisions written before it ("investigate", "barred", "declined"...).
    introduced: dict[str, int] = field(default_factory=dict)
    named: bool = False
    earlier: list[str] = field(default_factory=list)

    @property
    def d(self) -> PartDetails | None:
        return self.details

    @property
    def barred(self) -> bool:
        return any(is_bar(Ground(g)) for g in self.grounds)


def council_sentence(summary: str, follows_council: bool) -> str:
    """The investigator's summary of the Council's reply, attributed to the Council."""
    text = grammar.council_case(grammar.tidy(summary))
    if not text:
        return ""
    first = text.split(" ", 1)[0]
    if first == "It" and not follows_council:
        text = "The Council" + text[2:]
    elif first not in ("It", "Its") and not text.startswith(("The Council", "the Council")):
        text = "The Council's reply explained that " + grammar.lower_first(text)
    return grammar.upper_first(text) + "."


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|[Mm]y|[Mm]e|[Mm]ine|[Mm]yself)\b")


def first_person(text: str) -> bool:
    """True for text in the complainant's own first person ("My child is in care"): a letter's
    words, which the Ombudsman's voice cannot adopt."""
    return bool(_FIRST_PERSON.search(text))


def in_our_voice(d: PartDetails, settings: dict[str, Any]) -> PartDetails:
    """The part's facts with what the statement cannot say in its own voice left out: sentences
    in the complainant's first person (from a letter) and a remedy's detail that repeats the
    remedy ("offered a meeting" with the detail "offered me a meeting")."""
    from ombuds.statement.check import sentences

    words = settings.get("remedy_words", {})
    kept = [t for t in sentences(d.what_happened) if not first_person(t)]
    remedies = [
        r.model_copy(update={"detail": ""})
        if r.detail
        and (first_person(r.detail) or str(words.get(r.action, "\0")) in r.detail.lower())
        else r
        for r in d.remedies
    ]
    return d.model_copy(
        update={
            "what_happened": " ".join(kept),
            "council_summary": "" if first_person(d.council_summary) else d.council_summary,
            "remedies": remedies,
        }
    )


def has_facts(view: PartView) -> bool:
    """True when the complaint states something about this part beyond what the person says:
    the events, or what the Council did about it (as sections/part_facts.j2 reports them)."""
    d = view.details
    if d is None:
        return False
    return bool(
        d.what_happened
        or (d.council_investigated and (d.upheld or d.council_stage))
        or d.council_declined
        or not d.raised_with_council
        or d.statutory_procedure
        or d.remedies
        or d.council_summary
    )


def person_of(case: CaseDetails, heads: list[HeadAssessment]) -> grammar.Person:
    """The complainant as the statement names them, with the pronoun the complaint supports (a
    public body or a group complaining has none: its name is repeated)."""
    texts = [case.complaint_summary, *(h.summary for h in heads)]
    texts += [p.what_happened for p in case.parts]
    person = case.complainant_kind in ("individual", "business") or case.complainant_title
    pronoun = (
        grammar.guess_pronoun(case.complainant_title, case.complainant_pronoun, texts)
        if person
        else None
    )
    return grammar.Person(case.complainant, pronoun)


def information_sources(case: CaseDetails) -> list[str]:
    """The sources considered: InformationSource ids, or the investigator's own words. The
    Assessment Code has its own sentence."""
    from ombuds.complaint.facts import InformationSource

    ids = {s.value: s.name for s in InformationSource}
    return [
        ids.get(item, grammar.council_case(item))
        for item in case.information_considered
        if "assessment code" not in item.lower()
    ]


def injustice(items: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The harm described: noun phrases (after "this caused her"), and the rest with their kind
    ("vp" after "she", "clause" on its own)."""
    nps: list[str] = []
    other: list[tuple[str, str]] = []
    for item in items:
        text = grammar.council_case(grammar.tidy(item))
        if not text:
            continue
        kind = grammar.phrase_kind(text)
        if kind == "np":
            nps.append(grammar.lower_first(text))
        else:
            other.append((kind, grammar.lower_first(text)))
    return nps, other


def overall_wanted(case: CaseDetails) -> list[str]:
    """What the person wants overall: OutcomeWanted ids (their own words where not one)."""
    from ombuds.complaint.facts import OutcomeWanted

    ids = {w.value: w.name for w in OutcomeWanted}
    return list(dict.fromkeys(ids.get(w, w) for w in case.outcomes_wanted))


def _appeal_body(d: PartDetails | None, settings: dict[str, Any]) -> str:
    """The body a right of appeal goes to: as the complaint states it, else by subject matter."""
    if d is None:
        return ""
    if d.appeal_bodies:
        return d.appeal_bodies[0]
    bodies = settings.get("appeal_bodies", {})
    return next((str(bodies[t]) for t in d.topics if t in bodies), "")


def _split_about(d: PartDetails | None, pack: WordingPack) -> str:
    if d is None or not d.split:
        return ""
    topic = pack.macro("phrases/subjects.j2", "topic")  # reads nothing of the context
    return grammar.join_and([t for t in (topic(x).strip() for x in d.topics) if t])


def part_views(
    case: CaseDetails, parts: list[PartPlan], pack: WordingPack, person: grammar.Person
) -> list[PartView]:
    """Each part of the complaint as the templates see it."""
    views: list[PartView] = []
    seen: set[int | None] = set()
    listed = 0
    position = {p.number: (i, len(g)) for g in groups(parts) for i, p in enumerate(g)}
    for part in parts:
        d = case.parts[part.number - 1] if part.number <= len(case.parts) else None
        d = in_our_voice(d, pack.settings) if d is not None else None
        index, size = position[part.number]
        follows = bool(d and (d.council_investigated or d.council_declined))
        nps, other = injustice(d.injustice_claimed if d else [])
        summary = d.original_summary if d and d.split and d.original_summary else None
        views.append(
            PartView(
                number=part.number,
                count=len(parts),
                index_in_group=index,
                group_size=size,
                reported=grammar.report(summary or part.head.summary, person),
                details=d,
                grounds=[g.value for g in part.grounds],
                referrals=[r.value for r in part.referrals],
                outcome=part.head.outcome.value,
                wanted=list(d.outcomes_wanted) if d else [],
                officer=(d.officers[0] if d and d.officers else ""),
                appeal_body=_appeal_body(d, pack.settings),
                council_summary=council_sentence(d.council_summary if d else "", follows),
                injustice_np=nps,
                injustice_other=other,
                split_about=_split_about(d, pack),
                repeats_head=bool(d and d.split and d.source in seen),
            )
        )
        if not views[-1].repeats_head:
            views[-1].ordinal = _ORDINALS[listed] if listed < len(_ORDINALS) else f"{listed + 1}th"
            listed += 1
        if d is not None:
            seen.add(d.source)
    return views


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_OUTCOME_WORDS = {
    Outcome.investigate: "'investigate'",
    Outcome.closed_after_initial_enquiries: "'closed after initial enquiries'",
    Outcome.invalid: "'not a valid complaint'",
    Outcome.premature: "'premature'",
}


def judgement_warnings(assessment: Assessment, settings: dict[str, Any]) -> list[str]:
    """The assessment's warnings, with a missing judgement named only where an answer could
    change the outcome (of the complaint or of its part), saying which answer and to what."""
    names = settings.get("judgements", {})
    out = [w for w in assessment.warnings if not w.startswith("provisional:")]
    for j in assessment.open_judgements:
        if not (j.changes_outcome or j.changes_head_outcome):
            continue
        field_name = j.fact.rsplit(".", 1)[-1]
        what = names.get(field_name, field_name.replace("_", " "))
        where = f"part {j.head + 1}" if j.head is not None else "the complaint"
        changes = [
            f"'{answer}' would make the decision {_OUTCOME_WORDS.get(o, repr(o.value))}"
            for answer, o in j.outcomes.items()
            if o is not assessment.outcome
        ]
        if not changes and j.head is not None:
            current = assessment.heads[j.head].outcome
            changes = [
                f"'{answer}' would make {where} {_OUTCOME_WORDS.get(o, repr(o.value))}"
                for answer, o in j.head_outcomes.items()
                if o is not current
            ]
        out.append(
            f"{where}: the draft needs your judgement of {what}: "
            + "; ".join(changes)
            + f" (set {j.fact} in the complaint)"
        )
    return out


__all__ = [
    "PartView",
    "council_sentence",
    "has_facts",
    "information_sources",
    "injustice",
    "judgement_warnings",
    "overall_wanted",
    "part_views",
    "person_of",
]
