"""`ombuds insight`: text, JSON and the stand-alone HTML report."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ombuds.cli import app

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path, seeds_dir) -> str:
    url = f"sqlite:///{tmp_path / 'ombuds.db'}"
    assert run("ingest", seeds_dir, "--db", url).exit_code == 0
    return url


def test_text_and_json_agree(db):
    text = run("insight", "--db", db)
    assert text.exit_code == 0, text.output
    assert "5 decision(s)" in text.output and "uphold rate, all" in text.output
    data = json.loads(run("insight", "--db", db, "--json").output)
    assert data["decisions"] == 5
    assert data["by_outcome"][0] == {
        "value": "Closed after initial enquiries",
        "decisions": 5,
        "share": 1.0,
    }


def test_filters_and_bad_filters(db):
    data = json.loads(run("insight", "--db", db, "--body", "kent county council", "--json").output)
    assert data["decisions"] == 1 and data["filters"] == {"body": "kent county council"}
    bad = run("insight", "--db", db, "--ground", "nonsense")
    assert bad.exit_code == 2 and "--ground" in bad.output and "Traceback" not in bad.output


def test_the_html_report_has_tables_and_inline_charts_and_no_script(db, tmp_path):
    out = tmp_path / "report.html"
    result = run("insight", "--db", db, "--html", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") >= 3 and 'id="table-uphold"' in html
    assert "<script" not in html
