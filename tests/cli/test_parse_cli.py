"""`ombuds parse`: JSON Lines per file, a readable summary without --json, errors per file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ombuds.cli import app
from ombuds.corpus.models import ParsedDecision

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "examples" / "decisions" / "seeds").glob("*.txt"))
HTML = ROOT / "tests" / "corpus" / "fixtures" / "html" / "24-022-651.html"
NOT_A_DECISION = ROOT / "tests" / "corpus" / "fixtures" / "bad" / "not_a_decision.txt"

runner = CliRunner()


def test_json_lines_one_object_per_file_matching_the_contract():
    result = runner.invoke(app, ["parse", *map(str, SEEDS), str(HTML), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert len(lines) == len(SEEDS) + 1
    objects = [json.loads(line) for line in lines]
    for obj in objects:
        assert set(obj) == set(ParsedDecision.model_fields)
        ParsedDecision.model_validate(obj)
    first = objects[0]
    assert first["source"] == str(SEEDS[0])
    assert first["reference"] == "24 015 969"
    assert first["decision_date"] == "2025-02-10"
    assert first["referrals"] == ["ico", "social_work_england"]
    assert first["paragraphs"][0] == {
        "section": "the_complaint",
        "number": 1,
        "text": first["paragraphs"][0]["text"],
    }
    assert objects[-1]["reference"] == objects[2]["reference"] == "24 022 651"


def test_readable_summary_without_json():
    result = runner.invoke(app, ["parse", str(SEEDS[1])])
    assert result.exit_code == 0, result.output
    assert "Leicestershire County Council (24 000 184)" in result.stdout
    assert "complainant: Dr X" in result.stdout
    assert "grounds: insufficient_evidence_of_fault" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_a_bad_file_is_reported_and_the_others_still_parse(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["parse", str(NOT_A_DECISION), str(SEEDS[0]), str(empty), "--json"])
    assert result.exit_code == 2
    assert len(result.stdout.strip().split("\n")) == 1
    assert json.loads(result.stdout)["reference"] == "24 015 969"
    assert f"{NOT_A_DECISION}: not a decision statement" in result.stderr
    assert f"{empty}: file is empty" in result.stderr
    assert "2 of 3 file(s) could not be parsed" in result.stderr


def test_help_has_an_example():
    result = runner.invoke(app, ["parse", "--help"])
    assert result.exit_code == 0
    assert "ombuds parse examples/decisions/seeds/*.txt" in result.stdout
