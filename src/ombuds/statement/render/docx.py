"""DOCX through python-docx: headings as Word headings, numbered paragraphs with hanging indent.

Paragraph numbers are written into the text ("4.\\t...") rather than left to Word's automatic
numbering, so that the numbers a reader sees are the ones the statement cites, whatever program
opens the file.
"""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm, Pt

from ombuds.statement.model import Statement
from ombuds.statement.render.text import header_lines

# Word's core properties (title, subject...) hold at most 255 characters each.
CORE_PROPERTY_LIMIT = 255


def core_property(text: str) -> str:
    """`text` cut to what a core property holds, ending with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1].rstrip() + "\u2026"


def to_docx(statement: Statement) -> bytes:
    """The statement as a Word document (the bytes of a .docx file)."""
    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2.2)
        s.top_margin = s.bottom_margin = Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    doc.core_properties.title = core_property(statement.title)
    doc.core_properties.subject = "Decision statement"

    header = header_lines(statement)
    doc.add_heading(header[0], level=1)
    for line in header[1:-1]:
        doc.add_paragraph(line).paragraph_format.space_after = Pt(0)
    doc.add_paragraph().add_run(header[-1]).bold = True
    summary = doc.add_paragraph()
    summary.add_run("Summary: ").bold = True
    summary.add_run(statement.summary)

    for sec in statement.sections:
        doc.add_heading(sec.heading, level=2)
        for p in sec.paragraphs:
            text = p.text + (f" ({p.citation})" if p.citation and not p.items else "")
            para = doc.add_paragraph(f"{p.number}.\t{text}")
            fmt = para.paragraph_format
            fmt.left_indent = Cm(1)
            fmt.first_line_indent = Cm(-1)
            fmt.tab_stops.add_tab_stop(Cm(1))
            for item in p.items:
                bullet = doc.add_paragraph(item, style="List Bullet")
                bullet.paragraph_format.left_indent = Cm(1.6)
            if p.items and p.citation:
                doc.add_paragraph(f"({p.citation})").paragraph_format.left_indent = Cm(1)
    doc.add_paragraph()
    doc.add_paragraph().add_run(statement.signature).italic = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
