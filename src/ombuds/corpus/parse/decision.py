"""Assemble a `ParsedDecision` from a statement's text: the parser's one entry point for text.

The steps, each in its own module: `html` (saved pages to lines), `clean` (page furniture out),
`sections` (header, sections, paragraphs numbered 1..N), `header` (values and their warnings),
`statutes`, `grounds` (the table of ground and referral patterns others extend) run by
`matching` (line by line, remembering lines already seen: `linewise`; the literals every match
needs: `prefilter`). Each step makes one pass over the text, so that ingesting 100,000
decisions stays cheap (figures: bench/parse.py).
"""

from __future__ import annotations

import re

from ombuds.corpus.models import SECTION_KEYS, ParsedDecision
from ombuds.corpus.parse.clean import statement_lines
from ombuds.corpus.parse.header import find_alias, parse_date, read_category, read_decision
from ombuds.corpus.parse.html import html_to_text, looks_like_html
from ombuds.corpus.parse.matching import grounds_and_referrals_as_written
from ombuds.corpus.parse.sections import split_statement
from ombuds.corpus.parse.statutes import find_statutes
from ombuds.errors import NotADecision
from ombuds.inputs import CONTROL_CHARACTERS
from ombuds.vocabulary import normalise_reference

# References mentioned in the text: "24 021 658", "24-021-658", joint-case "19 001 962a".
# (No groups: the engine scans faster for a flat pattern; the match is split afterwards.)
_REFERENCE_IN_TEXT = re.compile(r"\d\d[ -]\d\d\d[ -]\d\d\d[a-z]?(?![\w-])")
_NOT_BEFORE_REFERENCE = frozenset("0123456789£$.,/-")
# The reference in a decision's address: .../decisions/<top>/<sub>/<yy-nnn-nnn>
_ADDRESS_REFERENCE = re.compile(
    r"lgo\.org\.uk/decisions/(?:[^/\s?#]+/)*?(\d{2}-?\d{3}-?\d{3}[a-z]?)(?=[/?#\s\"']|$)",
    re.IGNORECASE,
)
# Sections every statement is expected to have; a missing one is reported in `warnings`.
_EXPECTED = ("the_complaint", "role_and_powers", "final_decision")
_INVESTIGATION_LABELS = ("Upheld", "Not upheld")


# Reference candidates, found in C: digits become "0", spaces and hyphens "s", the rest "x".
_REFERENCE_SHAPE = bytes(48 if 48 <= c <= 57 else 115 if c in (32, 45) else 120 for c in range(256))
_ASCII_BYTES = bytes(range(128))
_DIGIT = re.compile(r"\d")


def _reference_matches(text: str):
    """`_REFERENCE_IN_TEXT.finditer(text)`, without the regex scanning every character.

    A reference written in ASCII digits has the shape "00s000s000" in `_REFERENCE_SHAPE`, which
    `bytes.find` locates far faster than the regex engine; the regex then runs only there. A
    text with other decimal digits (Arabic-Indic, ...) takes the plain scan.
    """
    data = text.encode()
    if not text.isascii() and _DIGIT.search(data.translate(None, _ASCII_BYTES).decode()):
        yield from _REFERENCE_IN_TEXT.finditer(text)
        return
    shape = data.translate(_REFERENCE_SHAPE)
    end = 0  # where the last match ended, in characters: matches do not overlap
    byte, char = 0, 0  # a byte offset of `data` and the character offset it stands for
    pos = shape.find(b"00s000s000")
    while pos >= 0:
        if text.isascii():
            at = pos
        else:  # the candidate starts at an ASCII digit: a character boundary
            at = char = char + len(data[byte:pos].decode())
            byte = pos
        if at >= end and (m := _REFERENCE_IN_TEXT.match(text, at)):
            end = m.end()
            yield m
        pos = shape.find(b"00s000s000", pos + 1)


# `CONTROL_CHARACTERS` (see ombuds.inputs: nothing to read, unsafe to show), as bytes: the ASCII
# ones, and the UTF-8 form of U+0080-U+009F.
_ASCII_CONTROLS = bytes(c for c in range(128) if CONTROL_CHARACTERS.match(chr(c)))
_C1_CONTROLS = re.compile(rb"\xc2[\x80-\x9f]")


def _without_control_characters(text: str) -> str:
    """`CONTROL_CHARACTERS.sub("", text)`; most texts have none, which bytes.translate (one C
    loop) tells far faster than the regex's scan."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _ASCII_CONTROLS)) == len(data) and (
        text.isascii() or not _C1_CONTROLS.search(data)
    ):
        return text
    return CONTROL_CHARACTERS.sub("", text)


def _related_references(text: str, own: str | None) -> list[str]:
    """Other decisions' references in the text, normalised; never the decision's own (with or
    without its joint-case letter)."""
    own_forms = {own, own[:10]} if own else set()
    found: dict[str, None] = {}
    for m in _reference_matches(text):
        before = text[m.start() - 1] if m.start() else " "
        if before in _NOT_BEFORE_REFERENCE or before.isalpha():
            continue  # part of a longer number, an amount or a word
        found_text = m.group(0)
        ref = f"{found_text[:2]} {found_text[3:6]} {found_text[7:]}"
        if ref not in own_forms:
            found[ref] = None
    return list(found)


def parse_text(text: str, source: str) -> ParsedDecision:
    """Parse a decision given as copied text or as a saved HTML page.

    Raises NotADecision when the text has no statement (no summary and no paragraphs under a
    section heading), or none of a decision's marks (no reference, fewer than two section
    headings, no signature). Anything else missing or odd is parsed as far as it goes and
    reported in `warnings`.
    """
    return parse_document(text, source)[0]


def parse_document(text: str, source: str) -> tuple[ParsedDecision, str]:
    """`parse_text`, also returning the statement's plain text: the text itself, or a saved
    HTML page's text (what the corpus stores and indexes; the page is converted only once)."""
    text = _without_control_characters(text)
    address = None
    if looks_like_html(text):
        text, address = html_to_text(text, source)
    lines, signed = statement_lines(text)
    st = split_statement(lines)
    warnings: list[str] = []

    body = reference = None
    if st.title:
        body = st.title[0]
        reference = normalise_reference(st.title[1])
    address_ref = None
    if address and (m := _ADDRESS_REFERENCE.search(address)):
        address_ref = normalise_reference(m.group(1))
    if reference is None and address_ref:
        reference = address_ref
        warnings.append(
            f"no title line '<body> (<reference>)'; reference {reference} taken "
            "from the page address"
        )
    elif st.title is None:
        warnings.append("no title line '<body> (<reference>)': body and reference unknown")
    elif address_ref and address_ref != reference:
        warnings.append(f"the page address gives reference {address_ref}, the title {reference}")

    sections = {key: st.section_text(key) for key in SECTION_KEYS if key in st.blocks}
    has_statement = bool(st.paragraphs) or bool(st.summary)
    if not has_statement or (reference is None and len(sections) < 2 and not (signed and sections)):
        raise NotADecision(
            "not a decision statement: no '<body> (<reference>)' title, no decision page "
            "address and no statement sections ('The complaint', 'Final decision', ...)",
            source=source,
            hint="give the text or saved page of a decision from www.lgo.org.uk/decisions",
        )

    category = decision = None
    if raw := st.fields.get("category"):
        category, problem = read_category(raw)
        if problem:
            warnings.append(problem)
    else:
        warnings.append("no 'Category :' line")
    if raw := st.fields.get("decision"):
        decision, problem = read_decision(raw)
        if problem:
            warnings.append(problem)
    else:
        warnings.append("no 'Decision :' line")
    decision_date = None
    if raw := st.fields.get("date"):
        decision_date = parse_date(raw)
        if decision_date is None:
            warnings.append(f"decision date {raw!r} is not a date (expected e.g. '10 Feb 2025')")
    else:
        warnings.append("no 'Decision date :' line")
    if not st.summary:
        warnings.append("no summary")
    for key in _EXPECTED:
        if key not in sections:
            warnings.append(f"no section '{key}'")
    if "assessment" not in sections and "findings" not in sections:
        warnings.append("no 'My assessment' or 'What I found' section")
    if (
        decision in _INVESTIGATION_LABELS
        and "findings" not in sections
        and "assessment" in sections
    ):
        warnings.append(f"decision is {decision!r} but the statement has no 'What I found' section")

    complainant = find_alias(
        sections.get("the_complaint", ""),
        st.summary or "",
        sections.get("assessment", ""),
        sections.get("findings", ""),
    )
    if complainant is None:
        warnings.append("no complainant alias (Mr X, Mrs X, Miss X, Ms X, Dr X) found")

    decided = "\n".join(
        s
        for s in (
            st.summary,
            sections.get("what_investigated"),
            sections.get("assessment"),
            sections.get("findings"),
            sections.get("final_decision"),
        )
        if s
    )
    all_text = "\n".join((st.summary or "", *sections.values()))
    statutes = find_statutes(all_text)
    grounds, referrals = grounds_and_referrals_as_written(
        sections.get("role_and_powers", ""), decided, statutes
    )
    # Plain dicts: ParsedDecision validates them into `Paragraph`s in one go, at half the cost.
    paragraphs = [
        {"section": p.section, "number": i, "text": p.text} for i, p in enumerate(st.paragraphs, 1)
    ]
    return ParsedDecision(
        source=source,
        reference=reference,
        body=body,
        category=category,
        decision=decision,
        decision_date=decision_date,
        complainant=complainant,
        summary=st.summary,
        sections=sections,
        paragraphs=paragraphs,
        statutes=statutes,
        grounds=grounds,
        referrals=referrals,
        related_references=_related_references(all_text, reference),
        warnings=warnings,
    ), text
