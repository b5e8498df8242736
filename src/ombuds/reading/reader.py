"""Read a letter into a `Complaint` and a `Reading` (evidence, unread sentences, questions).

`read_letter(letter)` runs the steps in order: the letter's date; its sentences and cues; the
body; the complainant and any representative; the dates; the parts; each part's facts; then a
first reading of the judgements. Each fact set carries its evidence; what cannot be read
becomes a question. A letter in which nothing can be read as a complaint about a body the
Ombudsman deals with gives no complaint, only questions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from ombuds.complaint import (
    Allegation,
    AppealRight,
    Complaint,
    CouncilReview,
    CourtCase,
    EarlierCase,
    Head,
    StatutoryStage,
)
from ombuds.complaint.evidence import Reading, ReadingQuestion
from ombuds.complaint.facts import (
    ActingBody,
    CouncilRole,
    LateReason,
    OutcomeWanted,
    PeopleAffected,
    Topic,
)
from ombuds.reading.context import DIRECT, INFERRED, ReadContext, tables
from ombuds.reading.dates import find_dates, letter_date
from ombuds.reading.heads import Part, officer_in, part_allegations, part_topics, split_parts
from ombuds.reading.judgements import first_reading
from ombuds.reading.people import read_body, read_people
from ombuds.reading.response import appeal_rights, council_response, court_cases, statutory_stages
from ombuds.reading.sentences import Sentence, is_furniture, split
from ombuds.reading.sources import Letter
from ombuds.reading.timeline import read_timeline

_ENGLISH = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "a",
        "i",
        "in",
        "is",
        "was",
        "that",
        "it",
        "my",
        "for",
        "on",
        "have",
        "not",
        "they",
        "with",
        "be",
        "this",
        "me",
        "as",
        "at",
        "but",
        "had",
        "are",
        "we",
        "he",
        "she",
        "her",
        "his",
        "council",
        "you",
        "from",
        "by",
    ]
)
_REFERENCE = re.compile(r"\b(\d{2})[ -]?(\d{3})[ -]?(\d{3})\b")
_ABOUT_PHRASE = {
    "officer_conduct": "about the conduct of {officer}",
    "information_handling": "about how {body} handled personal information",
    "record_or_assessment": "that a record or assessment made by {body} is wrong",
    "complaint_handling": "about how {body} handled a complaint",
    "council_decision": "about a decision {body} made{topic}",
    "service": "about how {body} dealt with {topic}",
    "council_policy": "about a policy of {body}",
}


@dataclass
class ReadResult:
    complaint: Complaint | None
    reading: Reading


def is_english(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower()[:20000])
    if len(words) < 8:
        return True
    return sum(w in _ENGLISH for w in words) / len(words) >= 0.12


def read_letter(letter: Letter, *, received: dt.date | None = None) -> ReadResult:
    text = letter.text
    reading = Reading(source=letter.source, kind=letter.kind, characters=len(text))
    reading.warnings += letter.warnings
    found = letter_date(text) if letter.date is None else None
    date = letter.date or (found[0] if found else None)
    if letter.date:
        reading.letter_date_from = letter.date_from
    elif found:
        reading.letter_date_from = "the letter"
    elif received:
        date = received
        reading.letter_date_from = "given (the letter has no date)"
        reading.warnings.append(f"the letter has no date: it is taken as received on {received}")
    reading.letter_date = date
    if not is_english(text):
        reading.warnings.append("the letter does not read as English: nothing was read from it")
        reading.questions.append(
            _question(
                "letter",
                "Is there an English translation? The letter is not in English.",
                "a translation into English",
            )
        )
        return ReadResult(None, reading)
    ctx = ReadContext(text=text, sentences=split(text), letter_date=date, sent=letter.sent)
    if found:
        ctx.add("letter_date", found[0], [(found[1], found[2])], "date-line")
        ctx.date_line = (found[1], found[2])
    for mention in find_dates(text, date):
        if ctx.date_line and ctx.date_line[0] <= mention.start < ctx.date_line[1]:
            continue
        sentence = ctx.sentence_of(mention.start)
        if sentence is not None:
            ctx.dates.setdefault(sentence.index, []).append(mention)
    if date is None:
        ctx.ask(
            "letter_date",
            "When was the letter sent or received? It has no date, so relative dates and time "
            "limits cannot be read.",
            suggested="the date the letter was sent or received",
        )
    complaint = _assemble(ctx, letter)
    reading.evidence = ctx.evidence
    reading.questions += ctx.questions
    reading.warnings += ctx.warnings
    reading.unread = [
        ctx.span(s.start, s.end)
        for s in ctx.sentences
        if s.index not in ctx.used
        and not s.cues
        and not is_furniture(s)
        and not ctx.dates.get(s.index)
    ]
    return ReadResult(complaint, reading)


def _question(fact: str, why: str, suggested: str | None = None) -> ReadingQuestion:
    return ReadingQuestion(fact=fact, why=why, suggested=suggested)


def _assemble(ctx: ReadContext, letter: Letter) -> Complaint | None:
    body, _mention = read_body(ctx, letter)
    substance = any(
        c.family in {"topic", "allegation", "wanted"} or c.value in {"complained", "reply"}
        for s in ctx.writer
        for c in s.cues
    )
    if body is None and not substance:
        ctx.warnings.append(
            "nothing in the letter reads as a complaint about a council or care provider"
        )
        return None
    if body is None:
        return None
    people = read_people(ctx, letter)
    timeline = read_timeline(ctx)
    parts = split_parts(ctx)
    cases = court_cases(ctx)
    rights, review = appeal_rights(ctx)
    stages = statutory_stages(ctx)
    after = ctx.has("signal", "after_enquiries", quoted=False)
    wanted = _wanted(ctx)
    heads = [
        _head(
            ctx,
            part,
            i,
            parts,
            body,
            people.complainant.alias,
            cases,
            rights,
            review,
            stages,
            wanted,
            after,
        )
        for i, part in enumerate(parts)
    ]
    injustice = []  # the harm in the writer's own words: each phrase that names it
    for s in ctx.writer:
        if s.has("signal", "want"):
            continue
        for c in s.cues:
            if c.family == "signal" and c.value == "injustice" and not c.negated:
                injustice.append(c.text.lower())
                ctx.add("injustice_claimed", c.text.lower(), [c], c.rule)
    reference = _reference(ctx)
    complaint = Complaint(
        body=body,
        category=_category(ctx, heads),
        reference=reference,
        assessment_date=ctx.letter_date,
        complainant=people.complainant,
        representative=people.representative,
        dates=timeline.dates,
        childrens_procedure=stages,
        court_cases=cases,
        heads=heads,
        injustice_claimed=list(dict.fromkeys(injustice))[:5],
        outcomes_wanted=list(dict.fromkeys(w for ws in wanted.values() for w in ws)),
    )
    return complaint


def _wanted(ctx: ReadContext) -> dict[str, list[OutcomeWanted]]:
    """Outcomes asked for, by kind: staff outcomes apart from the rest."""
    staff = set(tables()["staff_outcomes"])
    found: dict[str, list[OutcomeWanted]] = {"staff": [], "other": []}
    for s in ctx.writer:
        if not s.has("signal", "want"):
            continue
        for cue in s.cues:
            if cue.family != "wanted" or cue.negated:
                continue
            outcome = OutcomeWanted[cue.value]
            group = "staff" if cue.value in staff else "other"
            if outcome not in found[group]:
                found[group].append(outcome)
                ctx.add("outcomes_wanted", outcome, [cue], cue.rule)
    return found


def _head(
    ctx: ReadContext,
    part: Part,
    index: int,
    parts: list[Part],
    body: str,
    alias: str,
    cases: list[CourtCase],
    rights: list[AppealRight],
    review: CouncilReview | None,
    stages: list[StatutoryStage],
    wanted: dict[str, list[OutcomeWanted]],
    after: bool,
) -> Head:
    path = f"heads[{index}]"
    topics, linked = part_topics(part, ctx, parts)
    allegations = part_allegations(part, parts)
    officer = officer_in(part.own or part.sentences)
    head_allegations = [
        Allegation(
            kind=k,
            officer=officer
            if k.name.startswith("officer_")
            or k.name in {"information_withheld", "record_inaccurate"}
            else None,
        )
        for k in allegations
    ]
    for k in allegations:
        _record(ctx, part, "allegation", k, f"{path}.allegations")
    for t in topics + linked:
        _record(ctx, part, "topic", t, f"{path}.{'linked_topics' if t in linked else 'topics'}")
    acting = _acting(ctx, part, topics, path)
    response = council_response(
        part.sentences, ctx, f"{path}.council_response", after_enquiries=after
    )
    childrens = set(tables()["childrens_topics"])
    if stages and (
        childrens & {t.name for t in topics} or ctx.has("category", "Children's care services")
    ):
        response.statutory_procedure = True
    head_wanted = list(wanted["other"])
    if wanted["staff"]:
        keys = [p.key for p in parts]
        target = "conduct" if "conduct" in keys else ("decision" if "decision" in keys else keys[0])
        if part.key == target:
            head_wanted = wanted["staff"] + head_wanted
    related = []
    if cases and (
        len(parts) == 1
        or any(re.search(r"(?i)\b(court|proceedings|hearing|judge)\b", s.text) for s in part.own)
    ):
        related = list(range(len(cases)))
    earlier = _earlier_case(ctx, part, parts)
    about = part.about
    named = " and ".join(t.value for t in topics[:2])
    topic_text = f" about {named}" if named else ""
    if about.name == "service":
        topic_text = named or "the matter complained of"
    who = "the council" if acting is ActingBody.council else acting.value
    summary = f"{alias} complains " + _ABOUT_PHRASE[about.name].format(
        officer=f"the {officer}" if officer else "an officer", body=who, topic=topic_text
    )
    head = Head(
        summary=summary,
        what_happened=(part.own or part.sentences or [Sentence(0, 0, 0, "", 0)])[0].text[:300],
        about=about,
        acting_body=acting,
        topics=topics,
        allegations=head_allegations,
        people_affected=_people_affected(ctx, path),
        personally_affected=not ctx.has("signal", "not_personally_affected", quoted=False),
        late_reasons=[LateReason[c.value] for c in ctx.cues("late", quoted=False)],
        urgent_risk=ctx.has("signal", "urgent", quoted=False),
        council_response=response,
        appeal_rights=list(rights),
        council_review=review,
        related_court_cases=related,
        linked_topics=linked,
        earlier_case=earlier,
        council_acting_as=_role(ctx, part, path),
        case_closed=True if ctx.has("signal", "case_closed") else None,
        views_already_on_record=True if ctx.has("signal", "views_on_record") else None,
        outcomes_wanted=head_wanted,
    )
    if not head.personally_affected:
        cue = ctx.cues("signal", "not_personally_affected", quoted=False)[0]
        ctx.add(f"{path}.personally_affected", False, [cue], cue.rule)
    for name in ("case_closed", "views_on_record"):
        cues = ctx.cues("signal", name)
        if cues:
            ctx.add(
                f"{path}.{'case_closed' if name == 'case_closed' else 'views_already_on_record'}",
                True,
                [cues[0]],
                cues[0].rule,
            )
    head.judgement = first_reading(head, part, index, ctx, stages)
    return head


def _record(ctx: ReadContext, part: Part, family: str, value: Enum, fact: str) -> None:
    """The evidence for a value read from a part: the first cue that gave it."""
    for s in part.sentences:
        for c in s.cues:
            if c.family == family and c.value == value.name:
                ctx.add(fact, value, [c], c.rule)
                return


def _acting(ctx: ReadContext, part: Part, topics: list[Topic], path: str) -> ActingBody:
    for topic in topics:
        implied = tables()["topic_acting_body"].get(topic.name)
        if implied:
            ctx.add(
                f"{path}.acting_body",
                ActingBody[implied],
                [],
                f"topic-implies-body:{topic.name}",
                INFERRED,
            )
            return ActingBody[implied]
    body_cues = [
        c for s in part.sentences for c in s.cues if c.family == "acting" and not c.negated
    ]
    if body_cues:
        value = ActingBody[body_cues[0].value]
        if value is not ActingBody.nhs_alone or not ctx.evidence or _body_kind(ctx) == "nhs":
            ctx.add(f"{path}.acting_body", value, [body_cues[0]], body_cues[0].rule)
            return value
    nation = tables()["nation_acting"].get(ctx.body_nation or "England")
    if nation:
        ctx.add(
            f"{path}.acting_body",
            ActingBody[nation],
            [],
            f"council-nation:{ctx.body_nation}",
            DIRECT,
        )
        return ActingBody[nation]
    kind = _body_kind(ctx)
    acting = tables()["body_acting"].get(kind)
    if acting:
        ctx.add(f"{path}.acting_body", ActingBody[acting], [], f"body-kind:{kind}", DIRECT)
        return ActingBody[acting]
    return ActingBody.council


def _role(ctx: ReadContext, part: Part, path: str) -> CouncilRole | None:
    cues = [c for s in part.sentences for c in s.cues if c.family == "role" and not c.negated]
    if not cues:
        return None
    ctx.add(
        f"{path}.council_acting_as", CouncilRole[cues[0].value], [cues[0]], cues[0].rule, INFERRED
    )
    return CouncilRole[cues[0].value]


def _body_kind(ctx: ReadContext) -> str:
    body = next((e for e in ctx.evidence if e.fact == "body"), None)
    if body is None:
        return ""
    return body.rule.partition(":")[2] if body.rule.startswith("body-pattern:") else "council"


def _people_affected(ctx: ReadContext, path: str) -> PeopleAffected:
    cues = ctx.cues("signal", "all_or_most", quoted=False)
    if cues or (
        ctx.has("topic", "council_tax_level") and ctx.has("allegation", "waste_of_public_money")
    ):
        ctx.add(
            f"{path}.people_affected",
            PeopleAffected.all_or_most_in_area,
            cues[:1],
            cues[0].rule if cues else "council-tax-level",
        )
        return PeopleAffected.all_or_most_in_area
    return PeopleAffected.person_or_household


def _reference(ctx: ReadContext) -> str | None:
    """The Ombudsman's reference of this case, when the letter quotes one it is not asking to
    re-open; else None."""
    if ctx.has("signal", "earlier_decided", quoted=False):
        return None
    for m in _REFERENCE.finditer(ctx.text):
        before = ctx.text[max(0, m.start() - 30) : m.start()]
        if re.search(r"(?i)(ref|reference)[^\n]{0,20}$", before):
            return f"{m.group(1)} {m.group(2)} {m.group(3)}"
    return None


def _earlier_case(ctx: ReadContext, part: Part, parts: list[Part]) -> EarlierCase | None:
    decided = ctx.cues("signal", "earlier_decided", quoted=False)
    if not decided:
        return None
    m = _REFERENCE.search(ctx.text)
    if m is None:
        return None
    holder = ctx.sentence_of(m.start())
    if len(parts) > 1 and holder is not None:
        # the part that the sentence with the reference (or the one before it) is about
        near = [
            s for s in ctx.writer if s.paragraph == holder.paragraph and s.start <= holder.start
        ]
        owners = [p for p in parts if any(s in p.own for s in near)]
        if not owners or part is not owners[-1]:
            return None
    reference = f"{m.group(1)} {m.group(2)} {m.group(3)}"
    same = ctx.has("signal", "same_matter", quoted=False) or bool(
        holder and holder.has("signal", "earlier_decided")
    )
    new = ctx.has("signal", "new_events", quoted=False) and not ctx.has(
        "signal", "nothing_new", quoted=False
    )
    ctx.add(
        "earlier_case",
        reference,
        [(m.start(), m.end()), (decided[0].start, decided[0].end)],
        decided[0].rule,
    )
    return EarlierCase(
        reference=reference, same_matter=True if same else None, new_events_since=new
    )


def _category(ctx: ReadContext, heads: list[Head]) -> str | None:
    from ombuds.vocabulary import KNOWN_CATEGORIES

    mapping = tables()["topic_category"]
    for head in heads:
        for topic in head.topics + head.linked_topics:
            if topic.name in mapping:
                return str(mapping[topic.name])
    tops = ctx.cues("category", quoted=False)
    if tops:
        top = tops[0].value
        candidate = f"{top} > {tables()['category_default'].get(top, 'Other')}"
        return candidate if candidate in KNOWN_CATEGORIES else None
    return None


__all__ = ["ReadResult", "is_english", "read_letter"]
