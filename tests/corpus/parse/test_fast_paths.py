"""The parser's fast paths give exactly what the plain code they replace gives."""

from __future__ import annotations

import random

import pytest

from ombuds.corpus.parse.clean import statement_lines
from ombuds.corpus.parse.decision import _without_control_characters
from ombuds.corpus.parse.decode import MAX_FILE_BYTES, read_bytes
from ombuds.corpus.parse.html import html_to_text
from ombuds.errors import UnreadableFile
from ombuds.inputs import CONTROL_CHARACTERS


def test_control_characters_are_removed_as_the_regex_removes_them():
    rng = random.Random(7)
    pools = [(0, 0x200), (0xD800, 0xE000), (0, 0x110000), (0x7F, 0xA0)]
    for _ in range(20_000):
        text = "".join(
            chr(rng.randrange(*rng.choice(pools)))
            if rng.random() < 0.5
            else "a "[rng.random() < 0.3]
            for _ in range(rng.randrange(0, 10))
        )
        assert _without_control_characters(text) == CONTROL_CHARACTERS.sub("", text), repr(text)


def test_a_text_without_control_characters_is_returned_as_it_is():
    text = "Café \u2019quoted\u2019 \u00a0 text"
    assert _without_control_characters(text) is text


def test_read_bytes_reads_files_and_names_what_is_wrong(tmp_path):
    path = tmp_path / "decision.txt"
    path.write_bytes(b"Some text")
    assert read_bytes(path) == b"Some text"
    assert read_bytes(str(path)) == b"Some text"
    with pytest.raises(UnreadableFile, match="no such file"):
        read_bytes(tmp_path / "missing.txt")
    with pytest.raises(UnreadableFile, match="is a folder"):
        read_bytes(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(UnreadableFile, match="above the"):
        read_bytes(big)


def test_double_spaces_are_folded_only_inside_lines():
    lines, _ = statement_lines("    Indented  with   gaps  \nplain line\n\u3000odd\u3000 space  x")
    assert [(line.indent, line.text) for line in lines] == [
        (4, "Indented with gaps"),
        (0, "plain line"),
        (0, "odd space x"),
    ]


def test_page_lines_keep_nested_list_indents_and_odd_characters():
    page = (
        "<main><p>Intro:</p><ul><li>one<ul><li>deeper &#1; item</li></ul></li></ul>"
        "<ol start=3><li> <b>bold</b> <i>x</i> </li></ol><p>  a \u2003 b  </p></main>"
    )
    text, _ = html_to_text(page)
    assert text.split("\n") == [
        "Intro:",
        "\u2022 one",
        "  \u2022 deeper \x01 item",
        "3. bold x",
        "a b",
    ]


def test_very_long_lines_are_matched_but_not_remembered():
    from ombuds.corpus.parse import matching
    from ombuds.corpus.parse.linewise import MEMO_LINE_CHARS

    matcher = matching._by_line()
    matcher.forget()
    long_line = "we cannot achieve what she wants " * (MEMO_LINE_CHARS // 30)
    short = "we cannot achieve what she wants"
    assert matcher.find(long_line, 0) == matcher.find(short, 0) != set()
    assert long_line not in matcher.memo and short in matcher.memo
