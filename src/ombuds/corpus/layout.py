"""A stored decision laid out as its statement reads: sections under their headings, each
paragraph with the statement's own number, its bullets and its citation lines kept apart.

Why one layout for every reader: `ombuds show` prints it as text and the public decision page
(`/decisions/{reference}`) renders it as headings, numbered paragraphs and bullet lists. Both
read the parser's sections and numbered paragraphs, so they number and group alike; neither
shows the page's scraped text with its repeated header facts.

    layout = lay_out(record)        # record: Store.get / corpus.service.show
    layout.structured               # False when the parser found no numbered paragraphs
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How the live site heads each section (the parser's keys, in the statement's order).
SECTION_HEADINGS = {
    "the_complaint": "The complaint",
    "what_investigated": "What I have investigated",
    "role_and_powers": "The Ombudsman's role and powers",
    "how_considered": "How I considered this complaint",
    "assessment": "My assessment",
    "findings": "What I found",
    "final_decision": "Final decision",
}
BULLETS = ("•", "·", "◦", "▪", "- ", "* ", "– ")  # marks a line of a list starts with
SUBHEADING_AT_MOST = 80  # characters: a longer unnumbered line is a paragraph, not a heading


@dataclass(frozen=True)
class Part:
    """A run of a block's lines: "text" (one line) or "bullets" (the list's items, unmarked)."""

    kind: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """One numbered paragraph (`number`), or an unnumbered sub-heading or text (`number` None)."""

    number: int | None
    lines: tuple[str, ...]  # the block's lines, stripped, as the statement gives them

    @property
    def heading(self) -> bool:
        """An unnumbered single short line without a full stop: a sub-heading such as "Law and
        guidance"."""
        if self.number is not None or len(self.lines) != 1:
            return False
        line = self.lines[0]
        return len(line) <= SUBHEADING_AT_MOST and not line.endswith((".", ":", ";", ","))

    def parts(self) -> list[Part]:
        """The lines grouped: each text line on its own, consecutive bullet lines as one list."""
        parts: list[Part] = []
        for line in self.lines:
            item = _unbulleted(line)
            if item is None:
                parts.append(Part("text", (line,)))
            elif parts and parts[-1].kind == "bullets":
                parts[-1] = Part("bullets", (*parts[-1].lines, item))
            else:
                parts.append(Part("bullets", (item,)))
        return parts


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Layout:
    title: str  # the statement's first line (the body and the reference)
    summary: str | None
    sections: tuple[Section, ...] = field(default=())
    text: str = ""  # the stored text, for a decision without numbered paragraphs

    @property
    def structured(self) -> bool:
        return bool(self.sections)


def _unbulleted(line: str) -> str | None:
    """The item of a bullet line without its mark, or None for a line that is not one."""
    for mark in BULLETS:
        if line.startswith(mark):
            return line[len(mark) :].strip()
    return None


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().split("\n") if line.strip())


def lay_out(record: dict) -> Layout:
    """The layout of a stored decision (a record as `Store.get` returns it).

    Each section's text gives the order: a block equal to the next numbered paragraph is that
    paragraph, with its number; any other block (a sub-heading, text the parser kept unnumbered)
    stays as it is, unnumbered. Numbered paragraphs the section text did not hold follow at the
    section's end. Falls back to the stored text when the parser found no numbered paragraphs."""
    text = str(record.get("text") or "")
    title = text.split("\n", 1)[0].strip()
    summary = record.get("summary") or None
    paragraphs = record.get("paragraphs") or []
    if not paragraphs:
        return Layout(title=title, summary=summary, text=text)
    numbered: dict[str, list[dict]] = {}
    for paragraph in paragraphs:
        numbered.setdefault(paragraph["section"], []).append(paragraph)
    stored = record.get("sections") or {}
    sections = []
    for key in dict.fromkeys([*stored, *numbered]):
        queue = list(numbered.get(key, []))
        blocks: list[Block] = []
        chunks = [c for c in (stored.get(key) or "").split("\n\n") if c.strip()]
        for chunk in chunks or [p["text"] for p in queue]:
            if queue and chunk.strip() == queue[0]["text"].strip():
                paragraph = queue.pop(0)
                blocks.append(Block(int(paragraph["number"]), _lines(paragraph["text"])))
            else:
                blocks.append(Block(None, _lines(chunk)))
        blocks += [Block(int(p["number"]), _lines(p["text"])) for p in queue]
        heading = SECTION_HEADINGS.get(key, key.replace("_", " ").capitalize())
        sections.append(Section(key, heading, tuple(blocks)))
    return Layout(title=title, summary=summary, sections=tuple(sections), text=text)


def as_text(layout: Layout) -> str:
    """The layout as plain text (`ombuds show`): the title and summary, then each section under
    its heading, each paragraph as "4. First line" with its other lines (bullets, citations)
    indented beneath; sub-headings and unnumbered text as they are."""
    if not layout.structured:
        return layout.text
    lines = [layout.title]
    if layout.summary:
        lines += ["", f"Summary: {layout.summary}"]
    for section in layout.sections:
        lines += ["", section.heading]
        for block in section.blocks:
            lines.append("")
            if block.number is None:
                lines.append("\n".join(block.lines))
                continue
            first, *rest = block.lines or ("",)
            indent = " " * (len(str(block.number)) + 2)
            lines += [f"{block.number}. {first}", *(indent + line for line in rest)]
    return "\n".join(lines)
