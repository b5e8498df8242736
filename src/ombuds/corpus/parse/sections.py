"""Split a statement's lines into its header, its sections and its numbered paragraphs.

One pass over the lines (see `clean.statement_lines`). The live site numbers paragraphs
continuously through the statement; copies lose that: numbering restarts in each section, or
paragraphs become "- " dashes or "•" bullets. So the source's own markers are read only to tell
where a paragraph starts and which lines are a sub-list inside it, and paragraphs are numbered
1..N here, in order, as the site does.

How a line is placed:
- a section heading (see `_HEADINGS`) opens a section; a known sub-heading ("Law and guidance",
  "Agreed action") stays inside the current one;
- "1." / "2)" starts a paragraph, unless it is indented under an open list;
- "•", "- ", "*" start a sub-item of the current paragraph when that paragraph opened a list
  (it ends with ":") or is already in one, and the item is indented deeper, uses another
  marker, or starts in lower case ("we could not add to ..., or"); otherwise a paragraph;
- "a)", "(i)" are always sub-items when there is a paragraph to hold them;
- an unmarked line continues the paragraph when it is a bracketed citation
  "(Local Government Act 1974, ...)" or the paragraph has not ended its sentence (a hard-wrapped
  copy); otherwise it starts a paragraph of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ombuds.corpus.parse.clean import Line
from ombuds.corpus.parse.header import FIELD, FINAL_DECISION_INTRO, SUMMARY, parse_title

# Section headings, lower-cased with straight quotes and no trailing colon -> section key.
_HEADINGS: dict[str, str] = {}
for _key, _names in {
    "the_complaint": (
        "the complaint",
        "complaint",
        "the complaints",
        "what the complaint is about",
        "your complaint",
        "the complaint and background",
    ),
    "what_investigated": (
        "what i have investigated",
        "what i have and have not investigated",
        "what i have not investigated",
        "what we have investigated",
        "what we have and have not investigated",
        "what i investigated",
        "scope of investigation",
        "the scope of my investigation",
    ),
    "role_and_powers": (
        "the ombudsman's role and powers",
        "the ombudsmen's role and powers",
        "the ombudsman's role",
        "our role and powers",
        "role and powers",
        "what the ombudsman can and cannot do",
        "what we can and cannot do",
        "legal and administrative background",
    ),
    "how_considered": (
        "how i considered this complaint",
        "how we considered this complaint",
        "how i considered the complaint",
        "how i considered this",
        "how we thought about this complaint",
        "how i considered your complaint",
    ),
    "assessment": ("my assessment", "assessment", "our assessment"),
    "findings": ("what i found", "what we found", "my findings", "findings"),
    "final_decision": (
        "final decision",
        "final decisions",
        "decision",
        "my decision",
        "our decision",
        "the ombudsman's decision",
    ),
}.items():
    for _name in _names:
        _HEADINGS[_name] = _key
# Easy-read "What we found out": the findings of an investigation, the assessment otherwise.
_EASY_READ_FOUND = "what we found out"

# Sub-headings inside a section (mostly "What I found"): kept in the section text, not numbered.
_SUBHEADINGS = frozenset(
    (
        "law and guidance",
        "relevant law and guidance",
        "law, guidance and policy",
        "relevant law",
        "the law",
        "what happened",
        "background",
        "key facts",
        "analysis",
        "conclusions",
        "conclusion",
        "agreed action",
        "agreed actions",
        "recommended action",
        "recommended actions",
        "recommendations",
        "action",
        "remedy",
        "injustice",
        "fault",
        "complaint handling",
        "the council's response",
        "what should happen",
        "decision and remedy",
    )
)

_MARKER = re.compile(
    r"(?:(?P<num>\d{1,3})[.)]\s+|\((?P<paren>[a-z]|[ivx]{1,4}|\d{1,3})\)\s*|"
    r"(?P<letter>[a-z]|[ivx]{1,4})[.)]\s+|"
    r"(?P<bullet>[\u2022\u00b7\u25aa\u25e6\u25cf\u25cb\u2023\u2043\uf0b7])\s*|"
    r"(?P<dash>[-\u2013\u2014*])\s+)(?P<rest>\S.*)"
)
# The kind of a `_MARKER` match, by the line's first character (letters and digits aside).
_KIND_BY_FIRST = {
    "(": "paren",
    **dict.fromkeys("\u2022\u00b7\u25aa\u25e6\u25cf\u25cb\u2023\u2043\uf0b7", "bullet"),
    **dict.fromkeys("-\u2013\u2014*", "dash"),
}
_TERMINAL = frozenset(".?!:;)\"'\u201d\u2019]")


@dataclass(slots=True)
class Paragraph:
    section: str
    indent: int
    kind: str  # num, bullet, dash, letter, plain
    text: str
    in_list: bool = False  # the last thing added was a sub-item

    def add_item(self, item: str) -> None:
        self.text += "\n\u2022 " + item
        self.in_list = True

    def list_open(self) -> bool:
        return self.in_list or self.text.endswith(":")


@dataclass
class Statement:
    """The raw pieces of a statement, before interpretation (dates, grounds)."""

    title: tuple[str, str] | None = None  # (body, reference as written)
    fields: dict[str, str] = field(default_factory=dict)  # "category" | "decision" | "date"
    summary: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    # section -> its paragraphs and sub-headings, in order
    blocks: dict[str, list[Paragraph | str]] = field(default_factory=dict)
    intro_seen: bool = False  # "The Ombudsman's final decision:" line

    def section_text(self, key: str) -> str:
        return "\n\n".join(p if isinstance(p, str) else p.text for p in self.blocks.get(key, ()))


def _heading_name(text: str) -> str | None:
    if len(text) > 60 or text[-1] in ".,;)":
        return None
    return text.lower().replace("\u2019", "'").replace("\u2018", "'").rstrip(": ")


def heading_key(text: str, investigation: bool) -> str | None:
    """The section key of a heading line, or None."""
    name = _heading_name(text)
    if name is None:
        return None
    if name == _EASY_READ_FOUND:
        return "findings" if investigation else "assessment"
    return _HEADINGS.get(name)


def _is_subheading(text: str) -> bool:
    name = _heading_name(text)
    if name is None:
        return False
    if name in _SUBHEADINGS:
        return True
    # An unknown short title-like line: up to 8 words, capitalised, no sentence punctuation.
    return (
        text[0].isupper()
        and len(text.split()) <= 8
        and text[-1] not in _TERMINAL
        and not any(c in text for c in ",:;")
    )


_BARE_LABELS = frozenset(("category", "decision", "decision date", "date of decision"))


def _field_key(label: str) -> str:
    label = label.lower()
    return "decision" if label == "decision" else "category" if label == "category" else "date"


def split_statement(lines: list[Line]) -> Statement:
    """Read header, summary, sections and paragraphs from the cleaned lines, in one pass."""
    st = Statement()
    section: str | None = None
    pending_field: str | None = None  # a header label whose value is on the next line
    in_summary = False
    investigation = False
    paragraphs = st.paragraphs
    for indent, text in lines:  # (unpacked: a NamedTuple's fields are properties)
        if section is None:
            if pending_field:
                st.fields[pending_field] = text
                investigation = investigation or (pending_field == "decision" and "pheld" in text)
                pending_field = None
                continue
            if st.title is None and not in_summary and text[-1] == ")" and (t := parse_title(text)):
                st.title = t
                continue
            if (m := FIELD.fullmatch(text)) and len(text) < 120:
                field = _field_key(m.group("label"))
                value = m.group("value").strip()
                if value:
                    st.fields.setdefault(field, value)
                    investigation = investigation or (field == "decision" and "pheld" in value)
                else:
                    pending_field = field
                continue
            if text.lower().rstrip(" :") in _BARE_LABELS and not in_summary:
                # "<dt>Decision</dt><dd>Upheld</dd>": a label without its colon, value next.
                pending_field = _field_key(text.rstrip(" :"))
                continue
            if FINAL_DECISION_INTRO.fullmatch(text):
                st.intro_seen = True
                continue
            key = heading_key(text, investigation)
            if key is None:
                m = SUMMARY.fullmatch(text) if text[:7].lower() == "summary" else None
                if m:
                    in_summary = True
                    st.summary = m.group("rest").strip() or None
                elif in_summary or st.intro_seen:
                    in_summary = True
                    st.summary = f"{st.summary}\n{text}" if st.summary else text
                # Other lines before the first section are page furniture we do not know.
                continue
            section = key
            st.blocks.setdefault(key, [])
            continue

        # `heading_key`, its first tests inline: most lines are long paragraphs or start with a
        # paragraph number, and no heading starts with a digit.
        key = (
            heading_key(text, investigation)
            if len(text) <= 60 and text[-1] not in ".,;)" and not text[0].isdigit()
            else None
        )
        if key is not None:
            if key == section:  # "Findings" under "What I found": a sub-heading
                st.blocks[key].append(text)
            section = key
            st.blocks.setdefault(key, [])
            continue
        blocks = st.blocks[section]
        # The paragraph a line may continue: the last one, if it is this section's last block
        # (not when a sub-heading or another section came between).
        cur = blocks[-1] if blocks and paragraphs and blocks[-1] is paragraphs[-1] else None
        first = text[0]
        # No marker starts with a capital (most paragraphs do): skip the regex for those.
        m = None if "A" <= first <= "Z" else _MARKER.match(text)
        if m is None:
            if cur is not None and (text[0] == "(" or cur.text[-1] not in _TERMINAL):
                if text[0] == "(" and cur.in_list:
                    cur.text += "\n" + text
                    cur.in_list = False
                else:
                    cur.text += " " + text
                continue
            if cur is not None and cur.text.endswith(":") and text[0].islower():
                cur.add_item(text)
                continue
            # (`_is_subheading`, its first test inline: most lines are long paragraphs)
            if len(text) <= 60 and text[-1] not in ".,;)" and _is_subheading(text):
                blocks.append(text)
                continue
            kind, rest = "plain", text
        else:
            rest = m.group("rest")
            # The marker's alternatives start with different characters: the first tells which.
            kind = _KIND_BY_FIRST.get(first) or ("letter" if "a" <= first <= "z" else "num")
            if cur is not None:
                if kind in ("paren", "letter"):
                    cur.add_item(rest)
                    continue
                deeper = indent > cur.indent
                if kind == "num":
                    if deeper and cur.list_open():
                        cur.add_item(rest)
                        continue
                elif (
                    cur.list_open() and (deeper or kind != cur.kind or rest[0].islower())
                ) or deeper:
                    cur.add_item(rest)
                    continue
        para = Paragraph(section, indent, kind, rest)
        paragraphs.append(para)
        blocks.append(para)
    return st
