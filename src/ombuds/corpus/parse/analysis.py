"""What the prefilter reads from each pattern of the grounds tables, worked out once and stored.

Why: every process that parses builds the tables' rules, and reading each pattern's required
literals (`prefilter.required_literals`) and whether a match stays within one line
(`linewise.within_one_line`) walks the regex parser's tree in Python: about 0.15 s of CPU in each
of ingest's parsing processes before their first decision, as long as parsing a few hundred
decisions. The answers depend only on the patterns, which are constants of `grounds.py`, so
they are stored in `analysis.json` beside this file and looked up by pattern and flags; a
pattern not found there (a new one, or one appended at run time) is analysed as before, so the
file only ever saves time. `tests/corpus/parse/test_analysis.py` recomputes every stored answer
and fails when the file is out of date; `write()` makes it afresh:

    .venv/bin/python -c "from ombuds.corpus.parse import analysis; analysis.write()"
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ombuds.corpus.parse.linewise import within_one_line
from ombuds.corpus.parse.prefilter import required_literals

FILE = Path(__file__).with_name("analysis.json")
# (literal groups, as `required_literals` gives them; whether every match is within one line)
Analysis = tuple[tuple[tuple[str, ...], ...], bool]


def analyse(pattern: re.Pattern[str]) -> Analysis:
    """The analysis of `pattern`, worked out now. The literals see the pattern as matched, from
    the start of a word; a pattern with its own flags (IGNORECASE, VERBOSE) has none: it is
    always run in full."""
    groups = (
        ()
        if pattern.flags & (re.IGNORECASE | re.VERBOSE)
        else required_literals(rf"\b(?:{pattern.pattern})")
    )
    return groups, within_one_line(pattern)


@cache
def stored() -> dict[tuple[str, int], Analysis]:
    """The stored analyses by (pattern, flags); empty when the file is missing."""
    try:
        entries = json.loads(FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {
        (pattern, flags): (tuple(tuple(group) for group in groups), one_line)
        for pattern, flags, groups, one_line in entries
    }


def analysed(pattern: re.Pattern[str]) -> Analysis:
    """`analyse(pattern)`, from the file when it holds the pattern."""
    found = stored().get((pattern.pattern, pattern.flags))
    return found if found is not None else analyse(pattern)


def entries(patterns: Iterable[re.Pattern[str]]) -> list[list]:
    """What the file holds for `patterns`, worked out afresh, in their order."""
    return [
        [pattern.pattern, pattern.flags, [list(g) for g in groups], one_line]
        for pattern in patterns
        for groups, one_line in (analyse(pattern),)
    ]


def write() -> None:
    """Store the analysis of every pattern of the grounds and referrals tables."""
    from ombuds.corpus.parse.matching import table_patterns

    unique = {(p.pattern, p.flags): p for p in table_patterns()}  # a pattern may serve two keys
    lines = (json.dumps(entry, ensure_ascii=True) for entry in entries(unique.values()))
    FILE.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    stored.cache_clear()
