"""`ombuds check`: the interview by prompt, from an answers file, as JSON, and saved."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ombuds.cli import app

runner = CliRunner()


def test_answers_file_and_json(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("acting_body@0: police\ncomplainant_kind: individual\nfor_whom: self\n")
    result = runner.invoke(
        app, ["check", "--answers", str(answers), "--date", "2025-06-01", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["asked"][0] == "acting_body@0"
    assert data["result"]["kind"] == "elsewhere"
    assert [b["id"] for b in data["result"]["bodies"]] == ["police"]


def test_prompts_and_save(tmp_path):
    saved = tmp_path / "copy.txt"
    # 11: the police; then "I don't know" (0) to whatever else is needed
    result = runner.invoke(
        app, ["check", "--date", "2025-06-01", "--save", str(saved)], input="11\n" + "0\n" * 30
    )
    assert result.exit_code == 0, result.output
    assert "Who did the thing you are complaining about?" in result.output
    assert "the police" in saved.read_text().lower()


def test_a_bad_answers_file_is_one_line(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("acting_body@0: the moon\n")
    result = runner.invoke(app, ["check", "--answers", str(answers), "--date", "2025-06-01"])
    assert result.exit_code == 2
    assert "acting_body@0" in result.output and "Traceback" not in result.output


def test_a_date_is_typed_as_people_write_it():
    from ombuds.cli.check import _iso

    assert _iso("27 3 2024") == "2024-03-27"
    assert _iso(" 27/03/2024 ") == "2024-03-27"
    assert _iso("1.12.2025") == "2025-12-01"
    assert _iso("2024-03-27") == "2024-03-27"  # the ISO form passes as it is
    assert _iso("March 2024") == "March 2024"  # left for the service to refuse with its message


def test_the_date_prompt_takes_day_month_year_and_explains_a_refusal(monkeypatch, capsys):
    import datetime as dt

    import typer

    from ombuds.cli.check import _ask
    from ombuds.selfcheck import SelfCheck
    from ombuds.selfcheck.interview import Step

    check = SelfCheck(dt.date(2026, 12, 4))
    question = next(q for q in check.catalogue.questions if q.kind == "date")
    typed = iter(["March", "31 2 2026", "1 6 2027", "1 6 2026"])
    monkeypatch.setattr(typer, "prompt", lambda *a, **k: next(typed))
    answer = _ask(check, Step(question=question, part=None, key=question.id))
    shown = capsys.readouterr().out
    assert "day month year, for example 27 3 2024" in shown  # "March"
    assert "There is no such date as 31 2 2026" in shown
    assert "after today" in shown  # 1 6 2027
    assert answer == "2026-06-01" and not list(typed)  # two more refusals before it


def test_the_readmes_answers_file_reaches_an_ending():
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples/self-check/care-assessment-delay.yaml"
    result = runner.invoke(
        app, ["check", "--answers", str(example), "--date", "2026-12-04", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["result"]["kind"] == "can_look"


def test_an_answers_file_that_expands_without_end_is_refused_at_once(tmp_path):
    """A few hundred bytes of nested YAML aliases ("billion laughs") would take the interview
    minutes to read; the same limits as a complaint file refuse it, naming the file."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    lines.append("for_whom: *a8")
    answers = tmp_path / "bomb.yaml"
    answers.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["check", "--answers", str(answers), "--date", "2025-06-01"])
    assert result.exit_code != 0
    assert "cannot read the answers file" in result.output and "bomb.yaml" in result.output
    assert "Traceback" not in result.output
