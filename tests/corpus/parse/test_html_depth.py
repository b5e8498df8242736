"""A saved page nested thousands of elements deep is read like any other (issue 10): the HTML
walker keeps its own stack, so no depth raises RecursionError."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ombuds.cli import app
from ombuds.corpus.parse import parse_file, parse_text
from ombuds.corpus.parse.html import MAX_HTML_DEPTH, MAX_NESTING_WORK, html_to_text
from ombuds.errors import UnreadableFile

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"
FIELDS = ("reference", "body", "category", "decision", "decision_date", "grounds", "referrals")


def nested(page: str, levels: int) -> str:
    """The page with its <main> content wrapped in `levels` <div>s."""
    start = page.index(">", page.index("<main")) + 1
    end = page.index("</main>")
    return page[:start] + "<div>" * levels + page[start:end] + "</div>" * levels + page[end:]


@pytest.mark.parametrize("levels", [1000, MAX_HTML_DEPTH - 10])
def test_a_page_nested_deep_parses_like_the_page_itself(levels):
    page = (HTML / "24-022-651.html").read_text(encoding="utf-8")
    plain = parse_file(HTML / "24-022-651.html")
    deep = parse_text(nested(page, levels), "deep.html")
    for field in FIELDS:
        assert getattr(deep, field) == getattr(plain, field), field
    assert [p.text for p in deep.paragraphs] == [p.text for p in plain.paragraphs]


def test_lists_nested_deep_keep_their_indentation_and_numbers():
    html = "<main>" + "<ol><li>x" * 1000 + "</li></ol>" * 1000 + "</main>"
    lines = html_to_text(html)[0].splitlines()
    assert len(lines) == 1000
    assert lines[0] == "1. x" and lines[999] == "  " * 999 + "1. x"


def test_ombuds_parse_reads_a_page_of_a_thousand_divs(tmp_path):
    page = (HTML / "24-022-651.html").read_text(encoding="utf-8")
    path = tmp_path / "deep.html"
    path.write_text(nested(page, 1000), encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output[-500:]
    assert json.loads(result.output)["reference"] == "24 022 651"


def test_a_hundred_thousand_divs_are_refused_at_once_naming_the_file(tmp_path):
    path = tmp_path / "deeper.html"
    path.write_text("<html><body><main>" + "<div>" * 100_000 + "<p>Text</p>" + "</div>" * 100_000)
    # Its own process: a crash would show as a signal, a hang as the timeout (the HTML parser
    # alone would take about half a minute of CPU on this page).
    result = subprocess.run(
        [sys.executable, "-c", "from ombuds.cli import main; main()", "parse", str(path)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr[-500:]
    assert b"deeper.html: the page is nested more than 2,000 elements deep" in result.stderr
    assert b"Traceback" not in result.stderr


def test_deep_nesting_repeated_through_a_large_page_is_refused():
    chunk = "<div>" * 1500 + "</div>" * 1500
    page = "<main>" + chunk * (MAX_NESTING_WORK // (1500 * 750) + 1) + "</main>"
    with pytest.raises(UnreadableFile, match="too often"):
        html_to_text(page, "chunks.html")


def test_tags_inside_scripts_and_comments_do_not_count_as_nesting():
    script = "<script>" + "var s = '<div>';" * 5000 + "</script>"
    page = "<html><body>" + script + "<!--" + "<div>" * 5000 + "--><main><p>Text</p></main>"
    assert html_to_text(page)[0] == "Text"


def test_paragraphs_and_items_left_unclosed_do_not_count_as_nesting():
    page = "<main><ul>" + "<li><p>item" * 5000 + "</ul></main>"
    assert html_to_text(page)[0].count("item") == 5000
