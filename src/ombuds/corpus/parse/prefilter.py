"""The literal words a regular expression cannot match without: a cheap test before the scan.

Python's regex engine tries a pattern that starts with an alternation at nearly every position of
the text; a 5 kB statement and a hundred such patterns cost milliseconds. But every pattern in
the grounds table contains some literal text that any match must include ("tribunal",
"better placed", one of "cannot"/"can't"). `required_literals` reads that from the pattern's parse
tree, and `str.__contains__` checks it in microseconds; the regex runs only when it can match.

The result is conservative: an empty tuple means "no literal is certain, always run the regex".
"""

from __future__ import annotations

import itertools
import re

# The regex engine's own parser (Python 3.11+); typeshed does not describe these private modules.
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

_MAX_STRINGS = 64  # give up on exact sets larger than this
BOUNDARY = "\x00"  # stands for a word boundary inside the literal strings found
_WORD = re.compile(r"\w+")


def _exact(items) -> set[str] | None:
    """Every string a sequence matches, if it is a small finite set of literals."""
    result = {""}
    for op, av in items:
        options: set[str] | None
        if op is C.LITERAL:
            options = {chr(av)}
        elif op is C.AT:
            # \b, ^, $ are zero width, but they say the neighbour is not a word character:
            # BOUNDARY marks that, so that `complete_words` can tell whole words from parts.
            options = {""} if av is C.AT_NON_BOUNDARY else {BOUNDARY}
        elif op is C.SUBPATTERN:
            options = _exact(av[-1])
        elif op is C.BRANCH:
            options = set()
            for alt in av[1]:
                sub = _exact(alt)
                if sub is None:
                    return None
                options |= sub
        elif op is C.IN:
            if not all(o is C.LITERAL for o, _ in av):
                return None
            options = {chr(v) for _, v in av}
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, high, sub = av
            body = _exact(sub)
            if body is None or high > 1:
                return None
            options = body | {""} if low == 0 else body
        else:
            return None
        if options is None:
            return None
        result = {a + b for a, b in itertools.product(result, options)}
        if len(result) > _MAX_STRINGS:
            return None
    return result


_MAX_GROUP = 8  # alternatives per group: more would cost more than the regex scan saves
_MIN_LENGTH = 3  # shorter strings occur everywhere and filter nothing
_MAX_GROUPS = 3


# Words found in nearly every statement: useless for ruling a pattern out.
COMMON_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "more",
        "must",
        "no",
        "nor",
        "not",
        "of",
        "on",
        "or",
        "our",
        "she",
        "should",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "under",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "s",
        "t",
        "n",
        "council",
        "councils",
        "complaint",
        "complaints",
        "complain",
        "complained",
        "investigate",
        "investigated",
        "investigation",
        "ombudsman",
        "decision",
        "decided",
        "fault",
        "injustice",
        "social",
        "worker",
        "said",
        "says",
        "miss",
        "mr",
        "mrs",
        "ms",
        "dr",
        "x",
        "consider",
        "considered",
    ]
)


def _score(group: set[str]) -> tuple[int, int, int]:
    """Higher is better: alternatives that rare whole words rule out cheaply, then few of them."""
    by_words = sum(bool(complete_words(n) - COMMON_WORDS) for n in group)
    return by_words - len(group), -len(group), min(map(len, group))


def complete_words(needle: str) -> frozenset[str]:
    """Words of `needle` that any text containing it contains whole.

    A word with a non-word character (or a BOUNDARY) on both sides inside the needle is a whole
    word of the text wherever the needle occurs, so a set lookup can rule the needle out.
    """
    return frozenset(
        m.group(0) for m in _WORD.finditer(needle) if m.start() > 0 and m.end() < len(needle)
    )


def _blank(text: str) -> bool:
    """A string with no literal content: empty, or only boundary marks."""
    return not text.strip(BOUNDARY)


def _ends_outside_word(text: str, before: bool) -> bool:
    """Whether the character before what follows `text` is not a word character."""
    if _blank(text):
        return before or BOUNDARY in text
    last = text[-1]
    return last == BOUNDARY or not (last.isalnum() or last == "_")


def _required(items, boundary_before: bool = False) -> list[set[str]]:
    """Groups of strings; every match contains at least one string of EACH group.

    `boundary_before` says the sequence starts where the previous character is not a word
    character (the start of a word): the strings then start with BOUNDARY, so that
    `complete_words` can count their first word as whole.
    """
    groups: list[set[str]] = []
    before = boundary_before
    run: set[str] = {BOUNDARY if before else ""}

    def flush(known: bool = True) -> None:
        nonlocal run, before
        shortest = min(len(r.strip(BOUNDARY)) for r in run)
        if not any(_blank(r) for r in run) and shortest >= _MIN_LENGTH:
            groups.append(run)
        before = known and all(_ends_outside_word(r, before) for r in run)
        run = {BOUNDARY if before else ""}

    for item in items:
        op, av = item
        exact = _exact([item])
        if exact is not None:
            product = {a + b for a, b in itertools.product(run, exact)}
            if len(product) > _MAX_GROUP:
                flush()
                product = {a + b for a, b in itertools.product(run, exact)}
                if len(product) > _MAX_GROUP:  # too many spellings: lose track here
                    run, before = {""}, False
                    continue
            run = product
            if any(_blank(r) for r in run) and not all(_blank(r) for r in run):
                flush()  # an optional piece: what came before stays required
            continue
        start = before and all(_ends_outside_word(r, before) for r in run)
        flush(known=False)
        if op is C.SUBPATTERN:
            groups += _required(av[-1], start)
        elif op is C.BRANCH:
            best = [max(_required(alt, start), key=_score, default=None) for alt in av[1]]
            if all(best):
                union: set[str] = set().union(*(b for b in best if b))
                if len(union) <= _MAX_GROUP * 2:
                    groups.append(union)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            groups += _required(av[2], start)
    flush()
    return groups


def required_literals(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Groups of literal strings: every match of `pattern` contains one string of each group.

    The most selective groups come first; an empty tuple means "no literal is certain".
    """
    try:
        groups = _required(parser.parse(pattern))
    except Exception:
        return ()
    groups.sort(key=_score, reverse=True)
    return tuple(tuple(sorted(g)) for g in groups[:_MAX_GROUPS])
