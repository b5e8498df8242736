"""Noise removal: turn a copied page into the statement's own lines.

Copies of the site carry the page's furniture with them: "Back to top" after every section,
"Print this page" at the end, the cookie banner ("Privacy settings", "LGO logogram", the Google
Analytics text) before or after the statement, doubled or missing blank lines, non-breaking and
zero-width spaces, tabs. This module removes all of it in one pass over the lines and keeps each
remaining line's indentation, which tells an indented sub-list from a new paragraph.

It does not straighten quotes: the statement's own wording is kept as published. Matching code
(`matching.py`) works on its own straightened, lower-cased copy.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Characters that are spaces in disguise (or invisible) in copied pages.
_SPACES = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\t": "    ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
        "\x0c": "\n",
    }
)

# Whole lines that are page furniture, never statement text (compared lower-cased, stripped).
_FURNITURE = re.compile(
    r"(?:back to top|top of page|print this page|print|share this page|share|"
    r"privacy settings|lgo logogram|review your privacy settings|required cookies|"
    r"analytical cookies|view (?:required|analytical) cookies|"
    r"we recommend you set these ['\u2018\u2019\"]?on['\u2018\u2019\"]?\.?|on|off|"
    r"accept (?:all )?cookies|reject (?:all )?cookies|accept|reject|cookie settings|"
    r"save (?:and close|settings|preferences|my preferences)|close|skip to (?:main )?content|"
    r"menu|search|home|decision search)[.:]?"
)
# Lines that start like the cookie banner's paragraphs.
_FURNITURE_START = re.compile(
    r"(?:these cookies |google analytics |in using google analytics|we use cookies|"
    r"this (?:web)?site uses cookies|our website uses cookies|google has developed a tool)"
)
# The signature that ends every statement; anything after it is page furniture.
SIGNATURE = re.compile(r"decision on behalf of the ombudsm[ae]n|ombudsm[ae]n's decision$")


class Line(NamedTuple):
    indent: int  # leading spaces before the text (tabs count 4)
    text: str  # stripped, inner runs of spaces folded


def normalise_spaces(text: str) -> str:
    """Fold disguised spaces and line endings; keep line breaks."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        if "\t" in text or "\x0c" in text:
            text = text.replace("\t", "    ").replace("\x0c", "\n")
        return text
    # str.translate walks every character in Python-level lookups: replace only what is there.
    for char, replacement in _SPACES.items():
        if chr(char) in text:
            text = text.replace(chr(char), replacement or "")
    return text


# Either test in one regex call: a whole furniture line, or the start of a banner paragraph.
_FURNITURE_LINE = re.compile(rf"(?:{_FURNITURE.pattern})\Z|{_FURNITURE_START.pattern}")


def is_furniture(text: str) -> bool:
    """True for a line of page furniture (navigation, cookie banner, "Back to top")."""
    if len(text) > 160:
        return False
    return _FURNITURE_LINE.match(text.lower().replace("\u2019", "'")) is not None


def statement_lines(text: str) -> tuple[list[Line], bool]:
    """The statement's lines, furniture removed, up to (not including) its signature.

    Returns the lines and whether a signature line ("... decision on behalf of the Ombudsman")
    was found: its presence is one of the signs that a page is a decision at all.
    """
    lines: list[Line] = []
    signed = False
    text = normalise_spaces(text)
    # `"  " in line` compares at every space of a line (about 1.3 ns a character); the regex
    # engine's literal search over the whole text takes a third of that: most texts have no
    # double space at all, and then no line needs the test.
    doubles = _DOUBLE_SPACE.search(text) is not None
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            continue
        if doubles and "  " in stripped:
            stripped = " ".join(stripped.split())
        if len(stripped) <= 160:  # only short lines can be a signature or furniture
            kind = _short_kinds.get(stripped)
            if kind is None:
                kind = _short_kind(stripped)
            if kind is _KIND_SIGNATURE:
                signed = True
                break
            if kind is _KIND_FURNITURE:
                continue
        lines.append(_new_line(Line, (len(raw) - len(raw.lstrip(" ")), stripped)))
    return lines, signed


# What a short line is, remembered: headings, header labels, list openers and the page's
# furniture recur in statement after statement.
_KIND_TEXT, _KIND_FURNITURE, _KIND_SIGNATURE = "text", "furniture", "signature"
_short_kinds: dict[str, str] = {}
_SHORT_KINDS_KEPT = 50_000  # lines of at most 160 characters: a few MB at most


def forget_lines() -> None:
    """Empty the memo of short lines (benchmarks start each pass from nothing)."""
    _short_kinds.clear()


def _short_kind(stripped: str) -> str:
    low = stripped.lower().replace("\u2019", "'")
    if len(stripped) < 90 and "ombudsm" in low and SIGNATURE.search(low):
        kind = _KIND_SIGNATURE
    elif _FURNITURE_LINE.match(low):  # is_furniture(stripped)
        kind = _KIND_FURNITURE
    else:
        kind = _KIND_TEXT
    if len(_short_kinds) >= _SHORT_KINDS_KEPT:
        _short_kinds.clear()
    _short_kinds[stripped] = kind
    return kind


_new_line = tuple.__new__
_DOUBLE_SPACE = re.compile("  ")  # Line(...) without the Python-level __new__ of a NamedTuple
