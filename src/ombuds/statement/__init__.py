"""The decision-statement drafter: Assessment -> Statement -> txt, md, html, docx or pdf.

- `draft_statement(assessment, wording=...)` builds the `Statement` (`ombuds.statement.model`);
- `render(statement, fmt)` writes it in one of `FORMATS`;
- `WordingPack(folder)` loads a user's wording over the default pack;
- `draft_file(path, ...)` does the whole of `ombuds draft` from a complaint file.
"""

from __future__ import annotations

from ombuds.statement.draft import draft_statement
from ombuds.statement.model import Statement, StatementParagraph, StatementSection, Trace
from ombuds.statement.pack import WordingPack
from ombuds.statement.render import BINARY_FORMATS, FORMATS, render
from ombuds.statement.service import Draft, draft_file

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "Draft",
    "Statement",
    "StatementParagraph",
    "StatementSection",
    "Trace",
    "WordingPack",
    "draft_file",
    "draft_statement",
    "render",
]
