"""Who complains, for whom, with what authority; and which body the complaint is about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ombuds.complaint import Complainant, Representative
from ombuds.complaint.facts import ComplainantKind
from ombuds.reading.bodies import BodyMention, find_bodies
from ombuds.reading.context import DIRECT, INFERRED, ReadContext
from ombuds.reading.sources import Letter

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Dr|Mx|Mr and Mrs|Mr & Mrs)"
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_SIGN_TITLED = re.compile(
    rf"(?i)^\s*(?P<title>{_TITLE})\.?\s+(?P<name>{_NAME.replace('[A-Z]', '[A-Za-z]')})\s*$"
)
_SIGN_SUFFIX = re.compile(rf"^\s*(?P<name>{_NAME})\s*\((?P<title>Mr|Mrs|Ms|Miss|Dr|Mx)\)\s*$")
_SIGN_ROLE = re.compile(
    rf"^\s*(?:(?:Cllr|Councillor)\s+)?(?P<name>{_NAME}),\s*(?P<role>Adviser|Advisor|Caseworker|"
    r"Solicitor|Advocate|Clerk[\w ]*|Support Worker|Social Worker)\s*$",
    re.IGNORECASE,
)
_SIGN_PLAIN = re.compile(r"^\s*(?P<name>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){1,2})\s*$")
_ADDRESSED = re.compile(r"^\s*Dear\s+(?P<title>Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+(?P<name>[A-Z][\w'’-]+)")
_PERSON = re.compile(rf"(?P<title>\b(?:Mr|Mrs|Ms|Miss|Dr|Mx))\.?\s+(?P<name>{_NAME})")
_RELATIVE = re.compile(
    r"(?i)\bmy\s+(?P<rel>mother|mum|father|dad|husband|wife|son|daughter|brother|sister|"
    r"neighbour|grandmother|grandfather|aunt|uncle|partner|client|constituent)\b"
)
_REL_TITLE = {
    "mother": "Mrs",
    "mum": "Mrs",
    "grandmother": "Mrs",
    "wife": "Mrs",
    "aunt": "Mrs",
    "father": "Mr",
    "dad": "Mr",
    "grandfather": "Mr",
    "husband": "Mr",
    "brother": "Mr",
    "son": "Mr",
    "uncle": "Mr",
    "sister": "Ms",
    "daughter": "Miss",
}
_REP_ROLES = (
    ("constituent", "their MP's caseworker"),
    ("our client", "an adviser"),
    ("citizens advice", "an adviser"),
    ("councillor", "their councillor"),
    ("cllr", "their councillor"),
    ("advocate", "an advocate"),
    ("solicitor", "a solicitor"),
    ("neighbour", "a neighbour"),
    ("mother", "a son or daughter"),
    ("father", "a son or daughter"),
    ("brother", "a brother or sister"),
    ("sister", "a brother or sister"),
)


@dataclass
class People:
    complainant: Complainant
    representative: Representative | None


def _sign_off(ctx: ReadContext, letter: Letter) -> tuple[str, str, str | None, tuple[int, int]]:
    """(title, name, role, span) of the writer, from the closing lines (or the sender)."""
    writer = [s for s in ctx.writer if not s.text.lower().startswith(("from:", "sent:", "to:"))]
    for s in reversed(writer[-8:]):
        for pattern in (_SIGN_TITLED, _SIGN_SUFFIX):
            m = pattern.match(s.text)
            if m:
                return m.group("title"), m.group("name"), None, (s.start, s.end)
        m = _SIGN_ROLE.match(s.text)
        if m:
            return "", m.group("name"), m.group("role"), (s.start, s.end)
    for s in reversed(writer[-6:]):
        m = _SIGN_PLAIN.match(s.text)
        if m and len(s.text.split()) <= 3:
            return "", m.group("name"), None, (s.start, s.end)
    for s in ctx.sentences:
        m = _ADDRESSED.match(s.text)
        if s.quoted and m:  # a council's letter to the writer, quoted: "Dear Ms Morgan"
            return (
                m.group("title"),
                m.group("name"),
                None,
                (s.start + m.start("title"), s.start + m.end("name")),
            )
    if letter.sender:
        name = re.sub(r"<[^>]*>", "", letter.sender).strip().strip('"')
        m = _SIGN_TITLED.match(name)
        if m:
            return m.group("title"), m.group("name"), None, (0, 0)
        return "", name, None, (0, 0)
    return "", "", None, (0, 0)


def _title_word(title: str) -> str:
    title = title.strip().rstrip(".")
    for known in ("Mr and Mrs", "Mr & Mrs", "Mrs", "Miss", "Ms", "Mr", "Dr", "Mx"):
        if title.lower() == known.lower():
            return "Mr and Mrs" if "&" in known else known
    return title.title()


def read_people(ctx: ReadContext, letter: Letter) -> People:
    """The complainant (the person affected) and any representative writing for them."""
    title, name, role, span = _sign_off(ctx, letter)
    title = _title_word(title) if title else ""
    kind = ComplainantKind.individual
    kinds = ctx.cues("kind", quoted=False)
    if kinds:
        kind = ComplainantKind[kinds[0].value]
        ctx.add("complainant.kind", kind, [kinds[0]], kinds[0].rule)
    employed = ctx.cues("signal", "employed_by_body", quoted=False)
    rep_cues = ctx.cues("signal", "representative", quoted=False)
    representative = None
    person_title, person_name = title, name
    if rep_cues and kind is ComplainantKind.individual:
        cue = rep_cues[0]
        sentence = ctx.sentence_of(cue.start)
        around = sentence.text if sentence else ""
        person = _PERSON.search(around) or _PERSON.search(ctx.text[cue.start : cue.start + 200])
        relative = _RELATIVE.search(around)
        if person:
            person_title, person_name = _title_word(person.group("title")), person.group("name")
        elif relative:
            person_title, person_name = _REL_TITLE.get(relative.group("rel").lower(), ""), ""
        else:
            person_title, person_name = "", ""
        lowered = (around + " " + (role or "") + " " + ctx.text[:300]).lower()
        relationship = next((r for key, r in _REP_ROLES if key in lowered), "a representative")
        consent = None
        written = ctx.cues("signal", "consent_written", quoted=False) or ctx.cues(
            "signal", "authority", quoted=False
        )
        missing = ctx.cues("signal", "consent_missing", quoted=False)
        if written:
            consent = True
            ctx.add("representative.written_consent", True, [written[0]], written[0].rule)
        elif missing:
            consent = False
            ctx.add("representative.written_consent", False, [missing[0]], missing[0].rule)
        unable = ctx.cues("signal", "unable_to_consent", quoted=False)
        if unable:
            ctx.add("representative.person_unable_to_consent", True, [unable[0]], unable[0].rule)
        died = ctx.cues("signal", "person_has_died", quoted=False)
        if died:
            ctx.add("representative.person_has_died", True, [died[0]], died[0].rule)
        executor = ctx.cues("signal", "personal_representative", quoted=False)
        if executor:
            ctx.add("representative.personal_representative", True, [executor[0]], executor[0].rule)
        rep_alias = f"{title} Y" if title and title != person_title else relationship
        representative = Representative(
            alias=rep_alias,
            relationship=relationship,
            written_consent=consent,
            person_unable_to_consent=bool(unable) or bool(died),
            person_has_died=bool(died),
            personal_representative=bool(executor),
            relative=relative is not None
            and relative.group("rel").lower() not in {"client", "constituent", "neighbour"},
        )
        ctx.add("representative", relationship, [cue], cue.rule)
    alias_title = person_title or title
    alias = f"{alias_title} X" if alias_title else "X"
    ctx.alias = alias if alias_title else "the complainant"
    complainant = Complainant(
        title=alias_title or "",
        alias=alias,
        private_name=(person_name or name or None),
        kind=kind,
        employed_by_body=bool(employed),
    )
    if employed:
        ctx.add("complainant.employed_by_body", True, [employed[0]], employed[0].rule)
    if alias_title:
        ctx.add(
            "complainant.alias",
            alias,
            [span] if span != (0, 0) else [],
            "sign-off" if not rep_cues else "representative-names-person",
            DIRECT if span != (0, 0) else INFERRED,
        )
    else:
        ctx.ask(
            "complainant.title",
            "How is the complainant addressed? The letter does not say.",
            suggested="Mr, Mrs, Ms, Miss or Dr",
        )
    return People(complainant=complainant, representative=representative)


def read_body(ctx: ReadContext, letter: Letter) -> tuple[str | None, BodyMention | None]:
    """The body complained about: the council the letter names (a form's council first), else
    the other body it complains of (police, NHS, housing association)."""
    mentions = find_bodies(ctx.text, ctx.letter_date)
    complainant_parish = ctx.has("kind", "parish_or_town_council", quoted=False)
    councils = [m for m in mentions if m.kind == "council"]
    parishes = [m for m in mentions if m.kind == "parish"]
    if letter.body:
        named = find_bodies(letter.body, ctx.letter_date)
        name = named[0].name if named else letter.body
        ctx.add("body", name, [], "form-field:council", DIRECT)
        return name, named[0] if named else None
    chosen: BodyMention | None = None
    if councils:
        # the most named council; the first named on a tie
        counts: dict[str, int] = {}
        for m in councils:
            counts[m.name] = counts.get(m.name, 0) + 1
        best = max(counts.values())
        chosen = next(m for m in councils if counts[m.name] == best)
    elif parishes and not complainant_parish:
        chosen = parishes[0]
    else:
        others = [m for m in mentions if m.kind in {"police", "nhs", "housing_association"}]
        chosen = others[0] if others else None
    if chosen is None:
        ctx.ask(
            "body",
            "Which council or body is the complaint about? The letter does not name one.",
            suggested="the council's name, e.g. Kent County Council",
        )
        return None, None
    ctx.add("body", chosen.name, [(chosen.start, chosen.end)], chosen.rule)
    ctx.body_nation = chosen.nation if chosen.kind == "council" else None
    if chosen.kind == "council" and chosen.nation in {"Wales", "Scotland", "Northern Ireland"}:
        ctx.warnings.append(
            f"{chosen.name} is in {chosen.nation}: complaints about it go to that nation's "
            "public services ombudsman, not the Local Government and Social Care Ombudsman"
        )
    return chosen.name, chosen


__all__ = ["People", "read_body", "read_people"]
