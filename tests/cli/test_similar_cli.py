"""`ombuds similar`: a reference, a complaint file or a letter; text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ombuds.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path, seeds_dir) -> str:
    url = f"sqlite:///{tmp_path / 'ombuds.db'}"
    assert run("ingest", seeds_dir, "--db", url).exit_code == 0
    return url


def test_help_has_an_example():
    result = run("similar", "--help")
    assert result.exit_code == 0 and "ombuds similar 24-015-969" in result.output


def test_a_reference_lists_precedents_and_the_second_opinion(db):
    result = run("similar", "24-015-969", "--db", db, "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "Precedents for 24 015 969" in result.output
    assert result.output.count("category:") == 2
    assert "Second opinion:" in result.output and "published decision" in result.output


def test_a_complaint_file_as_json_has_the_engine_beside_the_vote(db):
    complaint = ROOT / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"
    result = run("similar", complaint, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # The complaint's own published decision (24 015 969) is no precedent for it, nor a voter.
    found = [p["reference"] for p in data["precedents"]]
    assert found and "24 015 969" not in found
    opinion = data["second_opinion"]
    assert opinion["engine_source"] == "engine" and opinion["engine"]
    assert set(opinion) >= {"outcome", "votes", "voters", "disagrees"}


def test_bad_input_is_one_line_and_exit_2(db):
    result = run("similar", "no-such-thing", "--db", db)
    assert result.exit_code == 2
    assert "neither a file nor a decision reference" in result.output
    assert "Traceback" not in result.output
    unknown = run("similar", "99 999 999", "--db", db)
    assert unknown.exit_code != 0 and "no decision with this reference" in unknown.output


def test_a_letter_on_standard_input_is_read_once(db):
    letter = (ROOT / "examples" / "letters" / "seeds" / "000_5d44b0c00c107248.txt").read_text()
    result = runner.invoke(app, ["similar", "-", "--db", db, "--json"], input=letter)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["precedents"] and data["second_opinion"]["engine_source"] == "engine"
