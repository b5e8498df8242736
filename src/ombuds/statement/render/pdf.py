"""PDF: the HTML statement printed by WeasyPrint (A4, margins, page numbers)."""

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
    return html.write_pdf()
