"""What the anonymiser accepts: plain text of a reasonable size; HTML is turned into text first.

- Empty (or blank) text is refused: there is nothing to anonymise, and an empty statement must
  not reach the publication gate looking "clean".
- Text over `MAX_CHARS` (2 million characters, forty times the longest statement we have seen)
  is refused with a hint to split it: the whole document is held in memory with its spans.
- HTML is accepted and reduced to its text (scripts, styles and comments dropped, block elements
  become line breaks, entities decoded). Attribute values (alt text, `mailto:` links) are dropped
  with the tags, so nothing hidden in markup can slip past; the output is plain text and the
  spans in `--json` refer to that text.
"""

from __future__ import annotations

import html
from pathlib import Path

import regex

from ombuds.errors import InputError, UnreadableFile

MAX_CHARS = 2_000_000

LOOKS_LIKE_HTML = regex.compile(
    r"<(?:!DOCTYPE|html|head|body|p|div|br|span|table|h[1-6]|li|a)\b", regex.IGNORECASE
)
HIDDEN = regex.compile(
    r"<(script|style|head)\b.*?</\1\s*>|<!--.*?-->", regex.IGNORECASE | regex.DOTALL
)
BLOCK_END = regex.compile(
    r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr|table|section|article|ul|ol)\s*>", regex.IGNORECASE
)
TAG = regex.compile(r"<[^>]*>")
BLANK_LINES = regex.compile(r"[ \t]*\n(?:[ \t]*\n)+")


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one line per block, entities decoded."""
    text = HIDDEN.sub("", markup)
    text = BLOCK_END.sub("\n", text)
    text = html.unescape(TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip() + "\n"


def prepare_text(text: str, source: str = "text") -> tuple[str, bool]:
    """The text to anonymise and whether it came from HTML; raise InputError for unusable input."""
    if len(text) > MAX_CHARS:
        raise InputError(
            f"too large to anonymise ({len(text):,} characters; the limit is {MAX_CHARS:,})",
            source=source,
            hint="split the document into parts and anonymise each with the same --map",
        )
    was_html = bool(LOOKS_LIKE_HTML.search(text))
    if was_html:
        text = html_to_text(text)
    if not text.strip():
        raise InputError(
            "is empty: there is no text to anonymise",
            source=source,
            hint="give the statement's text (plain text or HTML)",
        )
    return text, was_html


def read_text_file(path) -> str:
    """A statement file's text (UTF-8, or Windows-1252 as saved by older word processors)."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile("no such file", source=str(path), hint="check the path")
    if path.stat().st_size > MAX_CHARS * 4:
        raise UnreadableFile(
            f"too large ({path.stat().st_size:,} bytes; the limit is {MAX_CHARS:,} characters)",
            source=str(path),
            hint="split the document into parts",
        )
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise UnreadableFile(
            "is binary, not text",
            source=str(path),
            hint="save the statement as plain text (.txt) or HTML first",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
