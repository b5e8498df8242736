"""The decision-statement parser: published decisions (copied text or saved HTML) to
`ParsedDecision` (the `ombuds parse --json` contract of `ombuds.corpus.models`).

- `parse_text(text, source)`: a decision already in memory;
- `parse_document(text, source)`: the same, with the statement's plain text (what ingest
  stores: a saved HTML page is converted once);
- `parse_bytes(data, source)`: raw bytes, decoded UTF-8 then Windows-1252;
- `parse_file(path)`: a file; raises only `UnreadableFile` or `NotADecision` on bad input;
- `read_decision_file(path)`: the decoded text of a file, checked (size, binary, encoding),
  for callers that want the text itself, e.g. to hash it before parsing.

Modules: `decode` (bytes to text, the 5 MB limit), `html` (saved pages), `clean` (page
furniture), `sections` (header, sections, paragraphs), `header` (values, alias), `statutes`,
`grounds` (THE TABLE of ground and referral patterns, meant to be extended), `matching`,
`linewise` and `prefilter` (running that table fast), `decision` (assembling the result).
"""

from __future__ import annotations

from pathlib import Path

from ombuds.corpus.models import ParsedDecision
from ombuds.corpus.parse.decision import parse_document, parse_text
from ombuds.corpus.parse.decode import MAX_FILE_BYTES, decode_bytes, read_bytes


def read_decision_file(path: str | Path) -> str:
    """The text of a decision file (text or HTML as saved); UnreadableFile if it cannot be."""
    return decode_bytes(read_bytes(path), str(path))


def forget() -> None:
    """Empty everything the parser remembers between decisions (lines matched, short lines read,
    citations, page classes): benchmarks start each pass from nothing, as a fresh ingest does.
    Nothing remembered changes a result, only its cost."""
    from ombuds.corpus.parse import clean, html, matching, statutes

    matching.forget_lines()
    clean.forget_lines()
    statutes.forget_citations()
    html.forget_classes()


def parse_bytes(data: bytes, source: str) -> ParsedDecision:
    return parse_text(decode_bytes(data, source), source)


def parse_file(path: str | Path) -> ParsedDecision:
    return parse_text(read_decision_file(path), str(path))


__all__ = [
    "MAX_FILE_BYTES",
    "ParsedDecision",
    "forget",
    "parse_bytes",
    "parse_document",
    "parse_file",
    "parse_text",
    "read_decision_file",
]
