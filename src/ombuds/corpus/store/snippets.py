"""Snippets for SQLite results: a short excerpt around the first place the search words occur.

Why not FTS5's snippet(): it re-tokenises the whole decision (about 6 KB) with the Porter
stemmer for each result, which costs 3-6 ms for a page of 20, a quarter of the search budget. A
regular expression over the same text costs a tenth of that. Without a stemmer here, a word also
matches longer words that share its stem-like prefix ("charges" finds "charge", "charging"),
which is what the index matched too, to a close approximation.
"""

from __future__ import annotations

import re

from ombuds.corpus.models import SNIPPET_END, SNIPPET_START
from ombuds.corpus.store.query_text import TextQuery

BEFORE, AFTER = 60, 160  # characters of context around the first match
_SPACES = re.compile(r"\s+")


def _stem_prefix(word: str) -> str:
    """A prefix that the word's inflections share: "charges" -> "charg", "fault" -> "faul"."""
    if len(word) <= 4:
        return word
    return word[: max(4, len(word) - 2)]


def word_pattern(query: TextQuery) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any required term of the query in running text."""
    alternatives = []
    for group in query.groups:
        for term in group:
            words = [re.escape(_stem_prefix(w)) for w in term.words[:-1]]
            last = term.words[-1]
            words.append(re.escape(last if term.prefix else _stem_prefix(last)))
            alternatives.append(r"\W+".join(w + r"\w*" for w in words))
    if not alternatives:
        return None
    alternatives.sort(key=len, reverse=True)  # longest (phrases) first
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def make_snippet(text: str, pattern: re.Pattern[str] | None) -> str | None:
    """An excerpt around the first match with every match in it marked, or None if none."""
    if pattern is None:
        return None
    first = pattern.search(text)
    if first is None:
        return None
    start = max(0, first.start() - BEFORE)
    end = min(len(text), first.end() + AFTER)
    if start > 0:  # start and end on word boundaries
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space != -1 else end
    window = _SPACES.sub(" ", text[start:end]).strip()
    marked = pattern.sub(lambda m: f"{SNIPPET_START}{m.group(0)}{SNIPPET_END}", window)
    return ("…" if start > 0 else "") + marked + ("…" if end < len(text) else "")
