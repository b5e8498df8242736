"""PDF: the HTML statement printed by WeasyPrint (A4, margins, page numbers).

The PDF is tagged (a structure tree of headings, paragraphs and lists, in reading order), and the
layout keeps every paragraph number inline with its text, so text copied or extracted from the PDF
comes out in the statement's order with each number before its paragraph.
"""

from __future__ import annotations

import logging

from ombuds.statement.model import Statement
from ombuds.statement.render.html import to_html


def to_pdf(statement: Statement) -> bytes:
    """The statement as an A4 PDF, printed from its HTML."""
    import weasyprint  # imported here: it is slow to import and only PDF needs it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = weasyprint.HTML(string=to_html(statement, for_print=True))
    return html.write_pdf(pdf_tags=True)
