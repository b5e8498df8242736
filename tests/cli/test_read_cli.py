"""`ombuds read`, and `ombuds assess` and `ombuds draft` on letters, with bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ombuds.cli import app
from ombuds.code import Assessment

ROOT = Path(__file__).resolve().parents[2]
SEED_LETTER = ROOT / "examples" / "letters" / "seeds" / "000_5d44b0c00c107248.txt"
runner = CliRunner()


def run(*args, **kw):
    return runner.invoke(app, [*map(str, args)], **kw)


def test_read_shows_each_fact_with_its_words():
    result = run("read", SEED_LETTER)
    assert result.exit_code == 0, result.output
    assert "body = Leicestershire County Council  [council-name:LEC]" in result.output
    assert '"Leicestershire County Council"' in result.output
    assert "First reading of judgements" in result.output


def test_read_json_has_the_complaint_and_the_reading():
    result = run("read", SEED_LETTER, "--json")
    data = json.loads(result.output)
    assert data["complaint"]["body"] == "Leicestershire County Council"
    assert all(
        {"fact", "value", "spans", "rule", "confidence"} <= set(e)
        for e in data["reading"]["evidence"]
    )
    assert "private_name" not in json.dumps(data["complaint"])


def test_read_from_stdin_with_a_received_date():
    text = "Kent County Council never replied to my complaint about a pothole last week.\n"
    result = run("read", "-", "--date", "2025-03-03", input=text)
    assert result.exit_code == 0, result.output
    assert "dated 2025-03-03 (given (the letter has no date))" in result.output


def test_assess_a_letter_json_carries_the_reading():
    result = run("assess", SEED_LETTER, "--json", "--date", "2025-02-10")
    assert result.exit_code == 0, result.output
    assessment = Assessment.model_validate(json.loads(result.output))
    assert assessment.outcome.value == "closed_after_initial_enquiries"
    assert set(assessment.referrals) == {"social_work_england", "ico"}
    assert assessment.reading is not None and assessment.reading.evidence


def test_assess_text_marks_a_provisional_outcome():
    letter = ROOT / "examples" / "letters" / "seeds" / "001_9498e815dd3f7996.txt"
    result = run("assess", letter, "--date", "2024-06-04")
    assert "PROVISIONAL" in result.output
    assert "Judgements that could change the outcome:" in result.output
    assert "(provisional)" in result.output


def test_draft_a_letter():
    result = run("draft", SEED_LETTER, "--date", "2025-02-10")
    assert result.exit_code == 0, result.output
    assert "Leicestershire County Council" in result.output


def test_bad_input_is_one_line_with_status_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for args in (("read", empty), ("assess", empty), ("read", tmp_path / "x.odt")):
        result = run(*args)
        assert result.exit_code == 2
        assert "Traceback" not in result.output
        assert str(args[1]) in result.output


def test_a_letter_that_is_not_a_complaint(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Dear Jo,\nThanks for the flowers, see you at Easter.\nSam\n")
    read = run("read", note)
    assert read.exit_code == 0 and "No complaint could be read" in read.output
    assessed = run("assess", note, "--date", "2025-01-01")
    assert assessed.exit_code == 2 and "no complaint could be read" in assessed.output


def test_evaluate_letters():
    result = run("evaluate", ROOT / "examples" / "letters" / "seeds")
    assert result.exit_code == 0, result.output
    assert "outcome right        100.0%   baseline 100.0%" in result.output


def test_evaluate_needs_a_folder(tmp_path):
    result = run("evaluate", tmp_path)
    assert result.exit_code == 2 and "no letters" in result.output
    result = run("evaluate", tmp_path, "--part", "nope")
    assert result.exit_code == 2
