r"""Running the tables line by line, remembering lines already seen: the fast path of `matching`.

Why: ingest parses ~100,000 statements, and the table patterns cost most of a parse. Two facts
make most of that work avoidable:
- nearly every pattern cannot match across a line break (`[^.\n]{0,60}`, literal spaces, `\w`):
  such a pattern matches a text exactly when it matches one of its lines ("line-local", decided
  from the pattern's parse tree by `within_one_line`, stored for the tables' own patterns by
  `analysis.py`, so a pattern appended to the table is analysed like the others). Its regex
  then only needs to run on the few lines that contain a literal any match must hold (its
  "locators", from `prefilter.py`), not over the whole statement; one Aho-Corasick pass
  (pyahocorasick) finds every locator of every rule at once;
- statements repeat whole lines (the role-and-powers bullets, standard closing sentences), so
  the keys each line gives are remembered in a bounded LRU memo keyed by the line's text.

A pattern that may cross a line break, or that has no literal to look for, is run on the whole
text, exactly as `matching._Rule.search` runs it. tests/corpus/parse/test_linewise.py checks that
this path finds what the straightforward one (`_Table.find` on the whole text) finds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from itertools import accumulate

try:  # one pass finds every locator literal at once (C); without it, one str.find each
    import ahocorasick
except ImportError:  # pragma: no cover - the package is a pinned dependency
    ahocorasick = None

# The regex engine's own parser (Python 3.11+); typeshed does not describe these private modules.
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

MEMO_LINES = 20_000  # lines remembered (a few MB): room for the boilerplate of a whole corpus
MEMO_LINE_CHARS = 4_000  # longer lines are not remembered: the memo's size stays bounded
_NEWLINE = 10
# Classes inside [...] that never match a line break.
_SAFE_CATEGORIES = frozenset((C.CATEGORY_DIGIT, C.CATEGORY_WORD, C.CATEGORY_NOT_SPACE))
_BOUNDARIES = frozenset((C.AT_BOUNDARY, C.AT_NON_BOUNDARY))


def _class_safe(items) -> bool:
    """Whether a character class [...] never matches a line break."""
    if items and items[0][0] is C.NEGATE:
        return (C.LITERAL, _NEWLINE) in items[1:]  # [^.\n]: a line break is excluded
    for op, av in items:
        if op is C.LITERAL:
            if av == _NEWLINE:
                return False
        elif op is C.RANGE:
            if av[0] <= _NEWLINE <= av[1]:
                return False
        elif op is C.CATEGORY:
            if av not in _SAFE_CATEGORIES:
                return False
        else:
            return False
    return True


def _items_safe(items, dotall: bool) -> bool:
    for op, av in items:
        if op is C.LITERAL:
            ok = av != _NEWLINE
        elif op is C.NOT_LITERAL:
            ok = av == _NEWLINE
        elif op is C.ANY:
            ok = not dotall
        elif op is C.IN:
            ok = _class_safe(av)
        elif op is C.CATEGORY:
            ok = _class_safe([(op, av)])
        elif op is C.AT:
            ok = av in _BOUNDARIES  # ^ and $ mean something else in a single line
        elif op is C.SUBPATTERN:
            ok = _items_safe(av[-1], dotall)
        elif op is C.BRANCH:
            ok = all(_items_safe(alt, dotall) for alt in av[1])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            ok = _items_safe(av[2], dotall)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            ok = _items_safe(av[1], dotall)
        elif op is getattr(C, "ATOMIC_GROUP", None):
            ok = _items_safe(av, dotall)
        elif op is C.GROUPREF:
            ok = True  # repeats what a (checked) group matched
        else:
            ok = False  # anything unusual: run the pattern on the whole text
        if not ok:
            return False
    return True


def within_one_line(pattern: re.Pattern[str]) -> bool:
    """Whether no match of `pattern` can contain a line break (nor depend on ^ or $)."""
    try:
        tree = parser.parse(pattern.pattern, pattern.flags)
    except Exception:
        return False
    return _items_safe(tree, bool(pattern.flags & re.DOTALL))


def words_in(text: str) -> frozenset[str]:
    """Every maximal run of ASCII letters a-z in `text` (a superset of `matching.words_of`:
    also the one- and two-letter runs, which no prefilter looks up)."""
    # bytes.translate is one C loop (str.translate is not). Other characters are never a-z and
    # their UTF-8 bytes are all above 127, so blanking those splits the runs just as they would.
    return frozenset(text.encode().translate(_LETTERS_ONLY).decode("ascii").split())


_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


class LineMatcher:
    """Tables of rules applied line by line, with one memo for all (see the module docstring).

    `tables` holds, per table, its `matching._Rule`s paired with their keys. A new line is
    matched against every table at once (the statement's lines are read once); `find` then
    unions one table's keys over the lines of a text. The line-local rules with a literal to look
    for take the fast path; the others (`whole_text`) are run on the whole text.
    """

    def __init__(self, tables: list[list]) -> None:
        self.tables = len(tables)
        # Without the automaton, rules are picked by their trigger words, as `_Table` does.
        self.index: dict[str, list[int]] = {}
        self.always: list[int] = []
        # (table, key, pattern, the word sets it needs (see `_allowed`), the strings one of
        # which every match holds)
        self.rules: list[tuple] = []
        self.whole_text: list[list] = [[] for _ in tables]
        for table, rules in enumerate(tables):
            for key, rule in rules:
                if not (rule.needles and rule.one_line):
                    self.whole_text[table].append((key, rule))
                    continue
                i = len(self.rules)
                self.rules.append(
                    (table, key, rule.pattern, _word_groups(rule.needles), _locators(rule.needles))
                )
                for word in rule.triggers:
                    self.index.setdefault(word, []).append(i)
                if not rule.triggers:
                    self.always.append(i)
        self.memo: OrderedDict[str, tuple[frozenset, ...]] = OrderedDict()
        # The same for lines as written, folded only when new (see `find_each`'s `fold`).
        self.raw_memo: OrderedDict[str, tuple[frozenset, ...]] = OrderedDict()
        self.nothing: tuple[frozenset[int], ...] = tuple(
            frozenset() for _ in tables
        )  # a line where nothing matched
        # locator literal -> the rules it locates
        self.by_locator: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for literal in rule[4]:
                self.by_locator.setdefault(literal, []).append(i)
        self.automaton = None
        if ahocorasick is not None and self.by_locator:
            self.automaton = ahocorasick.Automaton()
            for literal in self.by_locator:
                self.automaton.add_word(literal, literal)
            self.automaton.make_automaton()

    def find(self, text: str, table: int) -> set:
        """The keys of `table` whose patterns match `text` (a `matchable` string)."""
        return self.find_each([(text, (table,))])[table]

    def find_each(
        self, parts: list[tuple[str, tuple[int, ...]]], fold: Callable[[str], str] | None = None
    ) -> list[set]:
        """Per table, the keys its patterns match in the texts of `parts` given for it.

        `parts` pairs each `matchable` text with the tables to run on it: one call reads the
        lines of a statement once for all tables. A table's texts are read as one text, joined
        by line breaks.

        With `fold` (`matching.matchable`), the texts are as written and each line is folded
        only when it is not remembered: lines are remembered as written, so a statement's
        boilerplate is never even lower-cased. (`fold` must work line by line: folding a text
        gives its lines folded. Lower-casing does: its only context rule, the final sigma, looks
        no further than a line break.)
        """
        found: list[set] = [set() for _ in range(self.tables)]
        memo, nothing = (self.memo if fold is None else self.raw_memo), self.nothing
        new: dict[str, tuple[int, ...]] = {}  # line -> the tables it is wanted for
        for text, tables in parts:
            for line in text.split("\n"):
                keys = memo.get(line)
                if keys is None:
                    wanted = new.get(line)  # (a table named twice is harmless)
                    new[line] = tables if wanted is None else wanted + tables
                    continue
                if keys is not nothing:
                    for table in tables:
                        found[table] |= keys[table]
                # (a try costs nothing in Python 3.11; contextlib.suppress a microsecond a line)
                try:  # noqa: SIM105
                    memo.move_to_end(line)  # most recently used
                except KeyError:  # another thread evicted it meanwhile; nothing is lost
                    pass
        if new:
            todo = list(new) if fold is None else list(map(fold, new))
            for (line, wanted), keys in zip(new.items(), self._match_lines(todo), strict=False):
                if len(line) <= MEMO_LINE_CHARS:
                    memo[line] = keys
                if keys is not nothing:
                    for table in wanted:
                        found[table] |= keys[table]
            try:
                while len(memo) > MEMO_LINES:
                    memo.popitem(last=False)  # the least recently used
            except KeyError:  # emptied by another thread
                pass
        for table, rules in enumerate(self.whole_text):
            if rules and any(table in tables for _text, tables in parts):
                text = "\n".join(text for text, tables in parts if table in tables)
                if fold is not None:
                    text = fold(text)
                words, seen = words_in(text), dict[str, bool]()
                for key, rule in rules:
                    if key not in found[table] and rule.search(text, words, seen):
                        found[table].add(key)
        return found

    def _match_lines(self, lines: list[str]) -> list[tuple[frozenset, ...]]:
        """The keys each of `lines` gives in each table, computed for all lines in one block.

        Each rule's regex runs only on the lines that hold one of its locators.
        """
        block = "\n".join(lines)
        # where each line starts in `block` (in C: the lengths plus one, summed)
        starts = list(accumulate(map((1).__add__, map(len, lines[:-1])), initial=0))
        located = self._locate(block, starts)
        # rule -> the lines holding one of its locators (a set of `located` is never changed)
        todo_of: dict[int, set[int]] = {}
        by_locator = self.by_locator
        for literal, where in located.items():
            for i in by_locator[literal]:
                todo = todo_of.get(i)
                todo_of[i] = where if todo is None else todo | where
        rules = self.rules
        per_line: dict[int, tuple[set, ...]] = {}  # only the lines where something matched
        for i, todo in todo_of.items():
            table, key, pattern = rules[i][:3]
            for n in todo:
                found = per_line.get(n)
                if found is not None and key in found[table]:
                    continue
                end = starts[n] + len(lines[n])
                pos = starts[n]
                while m := pattern.search(block, pos, end):
                    start = m.start()
                    if start == 0 or not (block[start - 1].isalnum() or block[start - 1] == "_"):
                        if found is None:
                            found = per_line[n] = tuple(set() for _ in range(self.tables))
                        found[table].add(key)
                        break
                    pos = start + 1
        nothing = self.nothing
        return [
            tuple(map(frozenset, per_line[n])) if n in per_line else nothing
            for n in range(len(lines))
        ]

    def _locate(self, block: str, starts: list[int]) -> dict[str, set[int]]:
        """Locator literal -> the indexes of the lines of `block` that hold it (found ones only)."""
        located: dict[str, set[int]] = {}
        if self.automaton is not None:
            line, next_start, count = (
                0,
                starts[1] if len(starts) > 1 else len(block) + 1,
                len(starts),
            )
            for end, literal in self.automaton.iter(block):  # in order of `end`
                while end >= next_start:  # a locator never holds a line break
                    line += 1
                    next_start = starts[line + 1] if line + 1 < count else len(block) + 1
                where = located.get(literal)
                if where is None:
                    located[literal] = {line}
                else:
                    where.add(line)
            return located
        words = words_in(block)
        candidates = set(self.always)
        for word in self.index.keys() & words:
            candidates.update(self.index[word])
        for i in candidates:
            _table, _key, _pattern, word_groups, locators = self.rules[i]
            if word_groups and not _allowed(word_groups, words):
                continue  # the words rule out the match: its locators need no search
            for literal in locators:
                if literal not in located:
                    where = _lines_containing(block, literal, starts)
                    located[literal] = where
        return {literal: where for literal, where in located.items() if where}

    def forget(self) -> None:
        """Empty the memo (benchmarks start each pass from nothing, as a fresh ingest does)."""
        self.memo.clear()
        self.raw_memo.clear()


def _word_groups(needles) -> tuple[tuple[frozenset[str], ...], ...]:
    """Of a rule's groups of needed literals, those that words alone can rule out: every
    literal in them needs some whole words. Per group, the word sets of its literals."""
    return tuple(
        tuple(needed for needed, _literal in group)
        for group in needles
        if all(needed for needed, _literal in group)
    )


def _allowed(word_groups, words: frozenset[str]) -> bool:
    """False when, in one of the groups, no literal has all its words in `words`."""
    for group in word_groups:
        for needed in group:
            if needed <= words:
                break
        else:
            return False
    return True


def _locators(needles) -> tuple[str, ...]:
    """The required literals a rule is located by: of its groups (every match holds one literal
    of each), the one whose shortest literal is longest, as longer strings occur on fewer lines
    (then the group with fewer literals)."""
    best: tuple[str, ...] = ()
    for group in needles:
        literals = tuple(sorted({literal for _needed, literal in group}))
        if not best or (min(map(len, literals)), -len(literals)) > (
            min(map(len, best)),
            -len(best),
        ):
            best = literals
    return best


def _lines_containing(block: str, literal: str, starts: list[int]) -> set[int]:
    """Indexes of the lines of `block` (starting at `starts`) holding `literal`."""
    where: set[int] = set()
    pos = block.find(literal)
    while pos >= 0:
        n = bisect_right(starts, pos) - 1
        where.add(n)
        next_line = starts[n + 1] if n + 1 < len(starts) else len(block)
        pos = block.find(literal, next_line)
    return where
