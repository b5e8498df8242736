"""Plain text and Markdown: the statement laid out as published statements are.

The plain text is what `ombuds parse` reads back in the round-trip tests, so it keeps the
published layout: header lines "Category : ...", "Summary: ..." on one line, section headings on
lines of their own, "N. " before each numbered paragraph, bullets and the citation in brackets.
"""

from __future__ import annotations

import re

from ombuds.statement.model import Statement, StatementParagraph


def header_lines(statement: Statement) -> list[str]:
    """The header as "Label : value" lines (the title first).

    An unpublished decision (to be investigated, invalid, premature) has no published label, so
    its header says "Status : ..." instead of "Decision : ...".
    """
    lines = [statement.title]
    if statement.category:
        lines.append(f"Category : {statement.category}")
    if statement.decision:
        lines.append(f"Decision : {statement.decision}")
    elif statement.decision_note:  # not a published label: the parser must not read it as one
        lines.append(f"Status : {statement.decision_note}")
    lines.append(f"Decision date : {statement.decision_date_text}")
    lines.append(statement.final_decision_heading)
    return lines


def _paragraph_text(p: StatementParagraph) -> list[str]:
    lines = [f"{p.number}. {p.text}" + (f" ({p.citation})" if p.citation and not p.items else "")]
    for item in p.items:
        lines.append(f"   \u2022 {item}")
    if p.items and p.citation:
        lines.append(f"   ({p.citation})")
    return lines


def to_text(statement: Statement) -> str:
    """The statement as plain text in the published layout (what `ombuds parse` reads back)."""
    lines = header_lines(statement)
    lines.append(f"Summary: {statement.summary}")
    for sec in statement.sections:
        lines += ["", sec.heading, ""]
        for p in sec.paragraphs:
            lines += _paragraph_text(p)
    lines += ["", statement.signature, ""]
    return "\n".join(lines)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    """Backslash-escape the characters Markdown would read as markup (or raw HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(statement: Statement) -> str:
    """The statement as Markdown, with everything from the complaint or the pack escaped."""
    e = md_escape
    head = header_lines(statement)
    lines = [f"# {e(head[0])}", ""]
    lines += [f"{e(line)}  " for line in head[1:-1]]
    lines += [e(head[-1]), "", f"**Summary:** {e(statement.summary)}"]
    for sec in statement.sections:
        lines += ["", f"## {e(sec.heading)}", ""]
        for p in sec.paragraphs:
            cite = f" ({e(p.citation)})" if p.citation and not p.items else ""
            lines.append(f"{p.number}. {e(p.text)}{cite}")
            if p.items:
                lines.append("")
                lines += [f"   - {e(item)}" for item in p.items]
                if p.citation:
                    lines += ["", f"   ({e(p.citation)})"]
                lines.append("")
    lines += ["", f"*{e(statement.signature)}*", ""]
    return "\n".join(lines)
