"""Replace the personal data in a statement, following the published conventions.

`anonymise(text)` finds every span (`ombuds.privacy.analyzer.detect`), groups the people
(`ombuds.privacy.people`), and writes each span as its label: people as "Mrs X", "Mr Y", a child's
letter, a member of staff's role; identifiers and identifying places as a bracketed word
("[address]", "[NHS number]") or a generic noun ("the school"). Every replacement is reported
with its span, type, label and the recogniser that found it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import regex

from ombuds.outputs import check_output_path
from ombuds.privacy.analyzer import Detection, detect
from ombuds.privacy.people import Labeller, PseudonymMap, parse_mention
from ombuds.privacy.text_input import prepare_text, read_text_file

IDENTIFIER_LABELS = {
    "ADDRESS": "[address]",
    "POSTCODE": "[postcode]",
    "PHONE": "[phone number]",
    "EMAIL": "[email address]",
    "NI_NUMBER": "[National Insurance number]",
    "NHS_NUMBER": "[NHS number]",
    "DATE_OF_BIRTH": "[date of birth]",
    "VEHICLE_REG": "[vehicle registration]",
    "REFERENCE": "[reference]",
    "SOCIAL_HANDLE": "[social media name]",
}
ORGANISATION_LABELS = (  # first match on the organisation's own words wins
    (regex.compile(r"(?i)childmind"), "the childminder"),
    (
        regex.compile(r"(?i)nursery|pre-?school|cr[eè]che|day care|childcare|playgroup"),
        "the nursery",
    ),
    (regex.compile(r"(?i)school|academy|college|sixth form"), "the school"),
    (regex.compile(r"(?i)medical|surgery|health centre|practice"), "the GP surgery"),
    (regex.compile(r"(?i)care home|nursing home|residential home|lodge"), "the care home"),
    (regex.compile(r"(?i)pharmacy|chemist"), "the pharmacy"),
    (
        regex.compile(
            r"(?i)church|chapel|mosque|masjid|gurdwara|mandir|temple|synagogue|"
            r"kingdom hall"
        ),
        "the place of worship",
    ),
    (
        regex.compile(r"(?i)children['’]s centre|family centre|day centre|club|tuition|tutoring"),
        "the centre",
    ),
)
SENTENCE_START = regex.compile(r"(?:^|[.!?:]\s+|\n\s*(?:[-•*]\s+)?|^\s*(?:[-•*]\s+)?|[\"“(]\s*)$")
RELATION_BEFORE = regex.compile(
    r"\b(?:son|daughter|child|grandson|granddaughter|stepson|stepdaughter|nephew|niece) $"
)


@dataclass
class Replacement:
    """One span replaced: where, what type, the original words, the label and the recogniser."""

    start: int
    end: int
    entity: str
    original: str
    label: str
    recogniser: str


@dataclass
class Anonymised:
    """The anonymised text and every replacement made in it."""

    text: str
    replacements: list[Replacement] = field(default_factory=list)
    from_html: bool = False
    # (input start, input end, output start) of each stretch copied unchanged: where any input
    # character that was not replaced stands in the output (the evaluation's leak map)
    kept: list[tuple[int, int, int]] = field(default_factory=list, repr=False)

    def output_position(self, position: int) -> int | None:
        """Where the input character at `position` stands in the output; None if replaced."""
        for start, end, out in self.kept:
            if start <= position < end:
                return out + position - start
        return None

    def to_json(self) -> dict:
        """What `ombuds anonymise --json` prints (the pseudonym map is never part of it)."""
        return {
            "text": self.text,
            "from_html": self.from_html,
            "replacements": [asdict(r) for r in self.replacements],
        }


def _organisation_label(original: str, text: str, start: int) -> str:
    label = "the employer"
    for pattern, name in ORGANISATION_LABELS:
        if pattern.search(original):
            label = name
            break
    if regex.search(r"\b(?:the|their|her|his|a)\s+$", text[max(0, start - 6) : start], regex.I):
        label = label.removeprefix("the ")
    return label


def _person_label(det: Detection, person, text: str) -> tuple[int, str, int]:
    """(start, label, end): a staff span that already holds the role keeps its determiner; a
    child named after 'her son' takes the conventional commas ('her son, B, was ...')."""
    start, end, label = det.start, det.end, person.label
    if person.kind == "staff" and det.meta.get("role") and "determiner" in det.meta:
        label = f"{det.meta['determiner']} {label.removeprefix('the ')}".strip()
    elif person.kind == "child" and RELATION_BEFORE.search(text, max(0, start - 16), start):
        following = text[end : end + 2]
        if not following.startswith(("'", "’")):
            start -= 1
            label = ", " + label + ("," if regex.match(r"[ \t]\p{Ll}", following) else "")
            return start, label, end
    if label[:1].islower() and SENTENCE_START.search(text, max(0, start - 4), start):
        label = label[0].upper() + label[1:]
    return start, label, end


def anonymise(
    text: str,
    *,
    pseudonyms: PseudonymMap | None = None,
    complainant: str | None = None,
    source: str = "text",
) -> Anonymised:
    """The text with its personal data replaced, and the list of replacements.

    `pseudonyms` is the case's map (updated in place with anyone new); `complainant` names the
    complainant when the first titled adult of the text is not them.
    """
    text, from_html = prepare_text(text, source)
    pseudonyms = pseudonyms if pseudonyms is not None else PseudonymMap()
    detections = detect(text, known_names=pseudonyms.known_names())
    labeller = Labeller(pseudonyms, text, complainant)
    mentions = [
        parse_mention(text, det.start, det.end, det.meta) if det.entity == "PERSON" else None
        for det in detections
    ]
    # Titled names first, in text order, so that a person met first by a first name alone
    # ("'Bogdan has no heating,' wrote ... her husband, Mr Bogdan Lungu") joins them.
    for mention in mentions:
        if mention and mention.title and not mention.alias:
            labeller.person_for(mention)
    labeller.last = None
    out: list[str] = []
    replacements: list[Replacement] = []
    kept: list[tuple[int, int, int]] = []
    pos = length = 0
    for det, mention in zip(detections, mentions, strict=False):
        if det.entity == "PERSON":
            if mention is None:
                continue
            start, label, end = _person_label(det, labeller.person_for(mention), text)
        elif det.entity == "ORGANISATION":
            start, end = det.start, det.end
            label = _organisation_label(det.text, text, start)
        else:
            start, end, label = det.start, det.end, IDENTIFIER_LABELS.get(det.entity, "[removed]")
        start = max(start, pos)
        kept.append((pos, start, length))
        out.append(text[pos:start])
        out.append(label)
        length += start - pos + len(label)
        replacements.append(
            Replacement(det.start, det.end, det.entity, det.text, label.strip(", "), det.recogniser)
        )
        pos = end
    kept.append((pos, len(text), length))
    out.append(text[pos:])
    return Anonymised("".join(out), replacements, from_html, kept)


def anonymise_file(path, *, map_path=None, complainant: str | None = None) -> Anonymised:
    """Anonymise one file; with `map_path`, load the case's pseudonym map first and save it after
    (so the next document of the case gives the same people the same labels)."""
    if map_path:
        map_path = check_output_path(map_path)  # a folder or a missing folder fails first
    text = read_text_file(path)
    pseudonyms = PseudonymMap.load(Path(map_path)) if map_path else PseudonymMap()
    result = anonymise(text, pseudonyms=pseudonyms, complainant=complainant, source=str(path))
    if map_path:
        pseudonyms.save(Path(map_path))
    return result
