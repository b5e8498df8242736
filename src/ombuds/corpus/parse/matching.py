"""Running the tables of `grounds.py` over a statement, fast.

Each pattern is wrapped in a `_Rule` that first checks words or literals any match must contain
(see `prefilter.py`): a set lookup or a substring search costs far less than a regex scan, and
most patterns cannot match most statements. `_Table.find` runs the rules over a whole text (the
straightforward path); `find_grounds`/`find_referrals` run them line by line with a memo of lines
already seen (`linewise.py`). Both give the same result as running every pattern.
"""

from __future__ import annotations

import re

from ombuds.corpus.parse.analysis import analysed
from ombuds.corpus.parse.grounds import (
    GROUND_PATTERNS,
    REFERRAL_PATTERNS,
    SIGNPOSTED_BY,
    STATUTE_GROUNDS,
)
from ombuds.corpus.parse.linewise import LineMatcher
from ombuds.corpus.parse.prefilter import BOUNDARY, COMMON_WORDS, complete_words
from ombuds.vocabulary import Ground, Referral


def matchable(text: str) -> str:
    """The form patterns are matched against: lower case, straight quotes."""
    text = text.lower()
    if "\u2019" in text or "\u2018" in text:
        text = text.replace("\u2019", "'").replace("\u2018", "'")
    if "\u201c" in text or "\u201d" in text:
        text = text.replace("\u201c", '"').replace("\u201d", '"')
    return text


# The words the prefilter indexes: runs of three or more ASCII letters (cheaper to collect than
# every \w+ token; a rule's other words are checked by substring instead).
_WORD = re.compile(r"[a-z]{3,}")


class _Rule:
    """A pattern with the literal words one of which any match must contain.

    `str.__contains__` is far cheaper than a regex scan, and most patterns' words are absent from
    most statements, so checking them first keeps the whole table cheap (see `prefilter.py`).
    """

    __slots__ = ("needles", "one_line", "pattern", "triggers")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        # Per group, per alternative: (whole words it needs, or the literal to look for), from
        # the pattern's literals (see `analysis.analyse`, stored for the tables' own patterns);
        # and whether no match can span lines (see `linewise.within_one_line`).
        groups, self.one_line = analysed(pattern)
        self.needles = tuple(
            tuple(
                (
                    frozenset(w for w in complete_words(n) - COMMON_WORDS if _WORD.fullmatch(w)),
                    n.replace(BOUNDARY, ""),
                )
                for n in group
            )
            for group in groups
        )
        self.triggers = self.trigger_words()

    def trigger_words(self) -> frozenset[str]:
        """Words one of which any match contains (empty if the prefilter has none)."""
        for group in self.needles:
            if all(needed for needed, _ in group):
                return frozenset(max(sorted(needed), key=len) for needed, _ in group)
        return frozenset()

    def could_match(self, text: str, words: frozenset[str], seen: dict[str, bool]) -> bool:
        """False when `text` lacks the words or literals every match needs (the prefilter).

        `words` must hold every word of `text` (see `words_of`); `seen` caches literal look-ups.
        """
        for group in self.needles:  # the words and literals every match needs
            for needed, literal in group:
                if needed:
                    if needed <= words:
                        break
                else:
                    found = seen.get(literal)
                    if found is None:
                        found = seen[literal] = literal in text
                    if found:
                        break
            else:
                return False
        return True

    def search(self, text: str, words: frozenset[str], seen: dict[str, bool]) -> bool:
        """Whether the pattern matches at a word start; `seen` caches literal look-ups.

        `words` must hold every word of `text` (see `words_of`).
        """
        if not self.could_match(text, words, seen):
            return False
        # The pattern itself has no leading \b: that would stop the regex engine from jumping
        # to its first literal. The word start is checked here instead.
        pos = 0
        while m := self.pattern.search(text, pos):
            start = m.start()
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
                return True
            pos = start + 1
        return False


def _outside_classes(pattern: str):
    """(index, char, depth) for each character of a regex that is neither escaped nor inside a
    [...] class; `depth` counts the groups open once the character is read."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1  # a literal "]" first in a class
        else:
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth
        i += 1


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern ("a|b(c|d)" -> ["a", "b(c|d)"]).

    Each alternative gets its own prefilter: one alternative without a rare word would otherwise
    make the whole pattern scan every statement.
    """
    parts, start = [], 0
    for i, ch, depth in _outside_classes(pattern):
        if ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _group_end(pattern: str) -> int:
    """Index just past the group that opens `pattern` at 0, or -1."""
    for i, ch, depth in _outside_classes(pattern):
        if ch == ")" and depth == 0:
            return i + 1
    return -1


def expand_leading_group(pattern: str) -> list[str]:
    """ "(?:cannot|could not) add" -> ["cannot add", "could not add"].

    The regex engine jumps quickly to a pattern's first literal, but scans every position when a
    pattern starts with an alternation; distributing the alternation gives each variant a
    literal start (and its own prefilter). Only a plain (?:...) group not followed by a
    quantifier is expanded, so the variants match exactly what the pattern matched.
    """
    if not pattern.startswith("(?:"):
        return [pattern]
    end = _group_end(pattern)
    if end < 0 or pattern[end : end + 1] in ("?", "*", "+", "{"):
        return [pattern]
    options = split_alternatives(pattern[3 : end - 1])
    if len(options) < 2 or len(options) > 12:
        return [pattern]
    return [option + pattern[end:] for option in options]


def _variants(pattern: re.Pattern[str]) -> list[str]:
    """The pattern split into simpler patterns that together match what it matches."""
    if pattern.flags & re.VERBOSE:  # white space and comments: leave it whole
        return [pattern.pattern]
    return [
        variant
        for alt in split_alternatives(pattern.pattern)
        for variant in expand_leading_group(alt)
    ]


def table_patterns() -> list[re.Pattern[str]]:
    """Every pattern the rules of both tables run (each alternative of a table's pattern)."""
    return [
        re.compile(variant, p.flags)
        for table in (GROUND_PATTERNS, REFERRAL_PATTERNS)
        for patterns in table.values()
        for p in patterns
        for variant in _variants(p)
    ]


class _Table:
    """A table's rules with an index from trigger words to rules.

    Per statement, only the rules whose trigger words occur are tried (one set intersection
    finds them), plus the few rules that have no trigger word.
    """

    def __init__(self, table: dict) -> None:
        self.rules = [
            (key, _Rule(re.compile(variant, p.flags)))
            for key, patterns in table.items()
            for p in patterns
            for variant in _variants(p)
        ]
        self.index: dict[str, list[int]] = {}
        self.always: list[int] = []
        for i, (_key, rule) in enumerate(self.rules):
            triggers = rule.triggers
            for word in triggers:
                self.index.setdefault(word, []).append(i)
            if not triggers:
                self.always.append(i)

    def find(self, text: str, words: frozenset[str]) -> set:
        """The keys found by running every candidate rule on the whole text: the
        straightforward path; `find_grounds`/`find_referrals` use `_by_line().find`, which
        finds the same keys (tests/corpus/parse/test_linewise.py)."""
        candidates = set(self.always)
        for word in self.index.keys() & words:
            candidates.update(self.index[word])
        found: set = set()
        seen: dict[str, bool] = {}
        for i in sorted(candidates):
            key, rule = self.rules[i]
            if key not in found and rule.search(text, words, seen):
                found.add(key)
        return found


_compiled: tuple[_Table, _Table, LineMatcher, int] | None = None


def _tables() -> tuple[_Table, _Table]:
    """The compiled tables (grounds, referrals); rebuilt if someone appended a pattern since."""
    global _compiled
    size = sum(map(len, GROUND_PATTERNS.values())) + sum(map(len, REFERRAL_PATTERNS.values()))
    if _compiled is None or _compiled[3] != size:
        grounds, referrals = _Table(GROUND_PATTERNS), _Table(REFERRAL_PATTERNS)
        _compiled = (grounds, referrals, LineMatcher([grounds.rules, referrals.rules]), size)
    return _compiled[0], _compiled[1]


def _by_line() -> LineMatcher:
    """Both tables' rules as one `LineMatcher` (table 0: grounds, 1: referrals)."""
    _tables()
    assert _compiled is not None  # _tables() has just built it
    return _compiled[2]


def forget_lines() -> None:
    """Empty the memo of lines already matched (see `linewise.py`)."""
    _by_line().forget()


def words_of(text: str) -> frozenset[str]:
    """The words of a `matchable` text: compute once, pass to both finders."""
    return frozenset(_WORD.findall(text))


def find_referrals(decision_text: str) -> list[Referral]:
    """Referral ids signposted in `decision_text` (a `matchable` string), in vocabulary order."""
    found = _by_line().find(decision_text, 1)
    return [r for r in _REFERRALS if r in found]


_GROUNDS, _REFERRALS = tuple(Ground), tuple(Referral)  # vocabulary order, iterated per parse


def grounds_and_referrals(
    role_text: str, decision_text: str, statutes: list[str]
) -> tuple[list[Ground], list[Referral]]:
    """`find_grounds` and `find_referrals` of a statement at once: its lines are read once."""
    ground_keys, referral_keys = _by_line().find_each([(role_text, (0,)), (decision_text, (0, 1))])
    referrals = [r for r in _REFERRALS if r in referral_keys]
    return _grounds(ground_keys, statutes, referrals), referrals


def grounds_and_referrals_as_written(
    role_text: str, decision_text: str, statutes: list[str]
) -> tuple[list[Ground], list[Referral]]:
    """`grounds_and_referrals` of texts as written (not yet `matchable`): each line is made
    matchable only when the memo of lines does not hold it already."""
    ground_keys, referral_keys = _by_line().find_each(
        [(role_text, (0,)), (decision_text, (0, 1))], fold=matchable
    )
    referrals = [r for r in _REFERRALS if r in referral_keys]
    return _grounds(ground_keys, statutes, referrals), referrals


def _grounds(found: set, statutes: list[str], referrals: list[Referral]) -> list[Ground]:
    found.update(STATUTE_GROUNDS[s] for s in statutes if s in STATUTE_GROUNDS)
    if any(not (SIGNPOSTED_BY.get(r, frozenset()) & found) for r in referrals):
        found.add(Ground.better_placed)
    return [g for g in _GROUNDS if g in found]


def find_grounds(
    role_text: str, decision_text: str, statutes: list[str], referrals: list[Referral]
) -> list[Ground]:
    """Ground ids relied on, in vocabulary order.

    `role_text` and `decision_text` are `matchable` strings; `statutes` the normalised
    citations; a referral to another body is itself reliance on `better_placed`, unless a
    jurisdiction ground found here explains it (`SIGNPOSTED_BY`).
    """
    return _grounds(_by_line().find(role_text + "\n" + decision_text, 0), statutes, referrals)
