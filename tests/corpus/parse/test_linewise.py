"""The fast path of the tables (line by line, remembered lines, located by literals) finds exactly
what the straightforward path finds: every candidate rule run over the whole text."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from ombuds.corpus.parse import matching, parse_text, read_decision_file
from ombuds.corpus.parse.grounds import GROUND_PATTERNS
from ombuds.corpus.parse.linewise import LineMatcher, within_one_line, words_in
from ombuds.corpus.parse.matching import _tables, find_grounds, matchable, words_of
from ombuds.errors import NotADecision
from ombuds.vocabulary import Ground

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.synthetic import generate  # noqa: E402

FILES = sorted((ROOT / "examples" / "decisions" / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "corpus" / "fixtures").rglob("*.*")
)


class _WholeText:
    """The straightforward path in the place of the `LineMatcher`: each table's `_Table.find`
    on the whole text."""

    def find(self, text: str, table: int) -> set:
        return _tables()[table].find(text, words_of(text))

    def find_each(self, parts, fold=None) -> list[set]:
        if fold is not None:
            parts = [(fold(text), tables) for text, tables in parts]
        found = []
        for table in range(2):
            text = "\n".join(text for text, tables in parts if table in tables)
            found.append(self.find(text, table))
        return found


def _texts() -> list[tuple[str, str]]:
    texts = [(path.name, read_decision_file(path)) for path in FILES]
    for fmt, n in (("txt", 200), ("html", 60), ("mixed", 60)):
        texts += list(generate(n, seed=5, fmt=fmt))
    return texts


def _parsed(texts) -> dict[str, str]:
    out = {}
    for name, text in texts:
        try:
            out[name] = parse_text(text, name).model_dump_json()
        except NotADecision as error:
            out[name] = f"not a decision: {error}"
    return out


def test_fast_path_parses_exactly_as_the_straightforward_path(monkeypatch):
    texts = _texts()
    matching.forget_lines()
    fast = _parsed(texts)
    fast_again = _parsed(texts)  # now every line comes from the memo
    monkeypatch.setattr(matching, "_by_line", _WholeText)
    slow = _parsed(texts)
    assert fast == slow
    assert fast_again == slow


def test_str_find_fallback_finds_what_the_automaton_finds():
    grounds, referrals = _tables()
    with_automaton = LineMatcher([grounds.rules, referrals.rules])
    without = LineMatcher([grounds.rules, referrals.rules])
    without.automaton = None
    for _name, text in _texts()[:120]:
        low = matchable(text)
        for table in (0, 1):
            assert without.find(low, table) == with_automaton.find(low, table)


@pytest.mark.parametrize(
    ("pattern", "local"),
    [
        (r"better placed", True),
        (r"satisfied with [^.\n]{0,40}(?:actions?|remedy)", True),
        (r"appeal to (?:a|the) (?:[\w'-]+ ){0,5}tribunal", True),
        (r"decide (?:legal )?liability\b", True),
        (r"review\b(?! panel)", True),
        (r"a.b", True),  # without DOTALL "." never matches a line break
        (r"a\sb", False),
        (r"a\Wb", False),
        (r"a[^.]b", False),
        (r"a[\s,]b", False),
        (r"^a", False),
        (r"a$", False),
        (r"a\nb", False),
    ],
)
def test_within_one_line_reads_the_pattern(pattern, local):
    assert within_one_line(re.compile(pattern)) is local


def test_within_one_line_reads_the_flags():
    assert within_one_line(re.compile(r"a.b", re.DOTALL)) is False
    assert within_one_line(re.compile(r"a \  b  # spaces are ignored", re.VERBOSE)) is True


def test_every_table_pattern_is_line_local():
    """Not required (a pattern that crosses lines is run on the whole text) but slower if not."""
    for table in _tables():
        for _key, rule in table.rules:
            assert within_one_line(rule.pattern), rule.pattern.pattern


def test_appended_pattern_that_crosses_lines_is_run_on_the_whole_text():
    marker = re.compile(r"zebra\s+crossing")
    GROUND_PATTERNS[Ground.commercial].append(marker)
    try:
        assert Ground.commercial in find_grounds("", matchable("A zebra\ncrossing row."), [], [])
    finally:
        GROUND_PATTERNS[Ground.commercial].remove(marker)
    assert Ground.commercial not in find_grounds("", matchable("A zebra\ncrossing row."), [], [])


def test_memo_is_bounded(monkeypatch):
    from ombuds.corpus.parse import linewise

    monkeypatch.setattr(linewise, "MEMO_LINES", 50)
    grounds, referrals = _tables()
    matcher = LineMatcher([grounds.rules, referrals.rules])
    for i in range(200):
        matcher.find(f"line {i} is new\nwe cannot achieve what she wants", 0)
    assert len(matcher.memo) == 50
    assert "we cannot achieve what she wants" in matcher.memo  # used on every call: kept


def test_words_in_holds_every_word_the_prefilter_looks_up():
    text = matchable("Le café’s “Tribunal” – an ICO-style magico_x review; 3rd party.")
    assert words_of(text) <= words_in(text)
