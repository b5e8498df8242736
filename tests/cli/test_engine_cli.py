"""`ombuds assess` and `ombuds schema`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ombuds.cli import app
from ombuds.code import Assessment

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [*map(str, args)])


def seed_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the seed complaint with `old` replaced by `new` once."""
    path = tmp_path / "complaint.yaml"
    path.write_text(SEED.read_text().replace(old, new, 1))
    return path


def test_assess_help_gives_examples():
    result = run("assess", "--help")
    assert result.exit_code == 0 and "ombuds assess complaint.yaml --json" in result.output


def test_assess_json_prints_the_contract():
    result = run("assess", SEED, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assessment = Assessment.model_validate(data)
    assert assessment.outcome.value == "closed_after_initial_enquiries"
    assert data["referrals"] == ["social_work_england", "ico"]
    assert data["case"]["complainant"] == "Miss X"


def test_assess_prints_a_readable_decision():
    result = run("assess", SEED)
    assert result.exit_code == 0
    assert "Outcome: closed_after_initial_enquiries" in result.output
    assert "Social Work England" in result.output


def test_assess_explain_prints_the_trace():
    result = run("assess", SEED, "--explain")
    assert result.exit_code == 0
    assert "[jurisdiction]" in result.output and "read: heads[0].about" in result.output
    assert "Questions for the investigator" in result.output


def test_assess_date_option_overrides_the_complaint(tmp_path):
    result = run("assess", SEED, "--json", "--date", "2025-03-01")
    assert json.loads(result.output)["case"]["assessment_date"] == "2025-03-01"


def test_a_bad_date_is_refused():
    result = run("assess", SEED, "--date", "10/02/2025")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_a_letter_with_no_complaint_in_it_is_refused_with_a_way_forward(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Ombudsman")
    result = run("assess", letter)
    assert result.exit_code == 2
    assert "no complaint could be read" in result.output
    assert "ombuds read FILE" in result.output


def test_a_schema_error_lists_path_and_line(tmp_path):
    result = run("assess", seed_with(tmp_path, "title: Miss", "title: [Miss]"))
    assert result.exit_code == 2
    assert "complainant.title (line 9)" in result.output


def test_contradictory_facts_are_an_error(tmp_path):
    bad = seed_with(
        tmp_path,
        "assessment_date: 2025-02-10",
        "assessment_date: 2025-02-10\ndates: {first_knew: 2025-01-01, "
        "complained_to_council: 2024-12-01}",
    )
    result = run("assess", bad)
    assert result.exit_code == 2
    assert "cannot all be true" in result.output


def test_schema_complaint_prints_json_schema():
    result = run("schema", "complaint")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Complaint"
    assert "heads" in schema["properties"]


def test_schema_of_an_unknown_name_is_refused():
    result = run("schema", "letter")
    assert result.exit_code == 2 and "complaint" in result.output


def test_a_schema_error_names_the_file_the_value_and_what_was_expected(tmp_path):
    bad = seed_with(tmp_path, 'upheld: "no"', "upheld: maybe")
    result = run("assess", bad)
    assert result.exit_code == 2
    assert str(bad) in result.output
    assert "heads[0].council_response.upheld" in result.output and "'maybe'" in result.output
    assert "'yes', 'partly' or 'no'" in result.output


def test_an_unknown_category_is_assessed_with_a_warning(tmp_path):
    odd = seed_with(
        tmp_path, "category: Children's care services > Other", "category: Libraries > Late fees"
    )
    result = run("assess", odd)
    assert result.exit_code == 0, result.output
    assert "Outcome: closed_after_initial_enquiries" in result.output
    assert "unknown category 'Libraries > Late fees'" in result.output


def test_control_characters_in_the_complaint_are_refused_not_printed(tmp_path):
    sneaky = seed_with(
        tmp_path,
        "  - summary: Miss X complains",
        '  - summary: "\\e[2J\\e[31mCLEARED"\n    what_happened: Miss X complains',
    )
    for option in ([], ["--explain"], ["--json"]):
        result = run("assess", sneaky, *option)
        assert result.exit_code == 2
        assert "\x1b" not in result.output
        assert "heads[0].summary (line 20): text without control characters" in result.output
        assert "'\\x1b[2J\\x1b[31mCLEARED'" in result.output
