"""Render a `Statement` as txt, md, html, docx or pdf.

Every format shows the same statement: the header, the unnumbered Summary, the sections with
their continuously numbered paragraphs, and the signature line. `render` returns bytes; the
text formats are UTF-8.
"""

from __future__ import annotations

from pathlib import Path

from ombuds.errors import InputError
from ombuds.statement.model import Statement

FORMATS = ("txt", "md", "html", "docx", "pdf")
BINARY_FORMATS = frozenset({"docx", "pdf"})
# The file extensions that name a format.
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}


def format_of_path(path: str | Path) -> str | None:
    """The format a file name's extension names ("decision.pdf" -> "pdf"), else None."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def check_format(fmt: str) -> str:
    """The format, lower-cased, or an InputError listing the formats there are."""
    name = fmt.lower().lstrip(".")
    if name not in FORMATS:
        raise InputError(
            f"unknown format {fmt!r}", source="--format", hint=f"use one of {', '.join(FORMATS)}"
        )
    return name


def render(statement: Statement, fmt: str) -> bytes:
    """The statement in the format asked for."""
    name = check_format(fmt)
    if name == "txt":
        from ombuds.statement.render.text import to_text

        return to_text(statement).encode("utf-8")
    if name == "md":
        from ombuds.statement.render.text import to_markdown

        return to_markdown(statement).encode("utf-8")
    if name == "html":
        from ombuds.statement.render.html import to_html

        return to_html(statement).encode("utf-8")
    if name == "docx":
        from ombuds.statement.render.docx import to_docx

        return to_docx(statement)
    from ombuds.statement.render.pdf import to_pdf

    return to_pdf(statement)


__all__ = ["BINARY_FORMATS", "EXTENSIONS", "FORMATS", "check_format", "format_of_path", "render"]
