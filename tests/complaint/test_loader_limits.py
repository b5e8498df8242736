"""Hostile and broken complaint files: each one a clear SchemaError, never a hang, a traceback,
a crash or megabytes of output (issue 10)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ombuds.cli import app
from ombuds.complaint import load_complaint
from ombuds.complaint.guard import MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES
from ombuds.complaint.loader import MAX_PROBLEMS
from ombuds.errors import SchemaError, UnreadableFile

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"
runner = CliRunner()


def billion_laughs(levels: int) -> str:
    """The classic bomb: each anchor a list of nine aliases of the one before."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnop"
    for previous, name in itertools.pairwise(names[: levels + 1]):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    lines.append(f"body: *{names[levels]}")
    return "\n".join(lines) + "\n"


def ombuds(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command in its own process: a hang fails on the timeout, a crash shows as a
    signal in the return code, and what it prints is measured as a user would see it."""
    return subprocess.run(
        [sys.executable, "-c", "from ombuds.cli import main; main()", *args],
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_342_byte_billion_laughs_is_refused_at_once_in_a_few_lines(tmp_path):
    bomb = write(tmp_path, "bomb.yaml", billion_laughs(9))
    assert len(bomb.read_bytes()) <= 400
    result = ombuds("assess", str(bomb))
    assert result.returncode == 2
    assert len(result.stderr) < 2000, result.stderr[:500]
    assert b"too complex" in result.stderr and b"bomb.yaml" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_seven_level_bomb_no_longer_prints_megabytes(tmp_path):
    result = ombuds("assess", str(write(tmp_path, "bomb7.yaml", billion_laughs(7))))
    assert result.returncode == 2 and len(result.stderr) < 2000


def test_too_many_aliases_are_refused_with_the_line(tmp_path):
    lines = ["body: &b Anytown Council", "x:"] + ["  - *b" for _ in range(MAX_ALIASES + 1)]
    path = write(tmp_path, "aliases.yaml", "\n".join(lines) + "\n")
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    assert "aliases" in caught.value.message
    assert caught.value.problems[0]["line"] == MAX_ALIASES + 3


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    path = write(tmp_path, "loop.yaml", "body: &x [*x]\n")
    with pytest.raises(SchemaError, match="loop"):
        load_complaint(path)


def test_a_few_aliases_still_load(tmp_path):
    text = SEED.read_text()
    assert "assessment_date:" in text
    # An anchored date used again: the kind of repetition people write by hand.
    date_line = next(line for line in text.splitlines() if line.startswith("assessment_date:"))
    date = date_line.split(":", 1)[1].strip()
    text = text.replace(date_line, f"assessment_date: &today {date}", 1)
    path = write(tmp_path, "anchored.yaml", text + "x-unused: null\n")
    with pytest.raises(SchemaError) as caught:  # the extra field is refused, the alias is not
        load_complaint(path)
    assert caught.value.problems[0]["path"] == "x-unused"
    path.write_text(text.replace(date_line, f"assessment_date: &today {date}", 1))
    assert load_complaint(path).assessment_date.isoformat() == date


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("date", ["2025-02-30", "0000-01-01", "2025-13-01"])
def test_an_impossible_date_is_a_schema_error_with_path_and_line(tmp_path, suffix, date):
    text = SEED.read_text()
    if suffix == ".json":
        data = load_complaint(SEED).model_dump(mode="json", exclude_none=True)
        data["assessment_date"] = date
        text = json.dumps(data, indent=2)
        line = text.splitlines().index(f'  "assessment_date": "{date}",') + 1
    else:
        lines = text.splitlines()
        index = next(i for i, line in enumerate(lines) if line.startswith("assessment_date:"))
        lines[index] = f"assessment_date: {date}"
        text = "\n".join(lines) + "\n"
        line = index + 1
    path = write(tmp_path, "complaint" + suffix, text)
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    problem = caught.value.problems[0]
    assert (problem["path"], problem["value"], problem["line"]) == ("assessment_date", date, line)
    assert str(path) in str(caught.value)


def test_an_integer_of_thousands_of_digits_is_a_schema_error(tmp_path):
    path = write(tmp_path, "big.yaml", "body: Anytown Council\nreference: " + "9" * 5000 + "\n")
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    assert len(str(caught.value)) < 1000


def _deep_yaml_flow(levels: int) -> str:
    return "body: " + "[" * levels + "]" * levels + "\n"


def _deep_yaml_block(levels: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(levels)) + " " * levels + "b: 1\n"


def _deep_json(levels: int) -> str:
    return '{"body": ' + "[" * levels + "]" * levels + "}"


@pytest.mark.parametrize(
    ("name", "make"),
    [("flow.yaml", _deep_yaml_flow), ("block.yaml", _deep_yaml_block), ("deep.json", _deep_json)],
)
def test_nesting_a_thousand_levels_deep_is_refused(tmp_path, name, make):
    path = write(tmp_path, name, make(1000))
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    assert f"more than {MAX_DEPTH} levels" in caught.value.message


@pytest.mark.parametrize(
    ("name", "make"), [("flow.yaml", _deep_yaml_flow), ("deep.json", _deep_json)]
)
def test_nesting_a_hundred_thousand_levels_deep_does_not_crash(tmp_path, name, make):
    result = ombuds("assess", str(write(tmp_path, name, make(100_000))))
    assert result.returncode == 2, result.stderr[-500:]  # a segfault is -11
    assert b"levels of nesting" in result.stderr


def test_nesting_within_the_limit_is_read(tmp_path):
    # Twenty levels of lists inside an unknown field: refused as an unknown field, not as deep.
    path = write(tmp_path, "ok.json", '{"x": ' + "[" * 20 + "]" * 20 + "}")
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    assert "x" in [p["path"] for p in caught.value.problems]


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("w") as handle:
        handle.write("body: " + "x" * (MAX_FILE_BYTES + 1) + "\n")
    with pytest.raises(UnreadableFile, match="limit"):
        load_complaint(path)


def test_a_long_value_is_cut_short_in_the_error(tmp_path):
    path = write(tmp_path, "long.yaml", "body: Anytown Council\nheads: " + "x" * 500_000 + "\n")
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    assert len(str(caught.value)) < 1000
    assert all(len(repr(p["value"])) < 100 for p in caught.value.problems)
    result = runner.invoke(app, ["assess", str(path)])
    assert result.exit_code == 2 and len(result.output) < 3000


def test_thousands_of_wrong_values_list_only_the_first_problems(tmp_path):
    items = ",".join(['{"bogus": 1}'] * 5000)
    path = write(tmp_path, "many.json", '{"body": "Anytown Council", "heads": [' + items + "]}")
    with pytest.raises(SchemaError) as caught:
        load_complaint(path)
    assert len(caught.value.problems) == MAX_PROBLEMS
    assert "the first 50 are listed" in caught.value.message
    result = runner.invoke(app, ["assess", str(path)])
    assert result.exit_code == 2 and len(result.output.splitlines()) < 30
    assert "more" in result.output


def test_the_cli_cuts_a_long_value_in_any_error_message():
    result = runner.invoke(app, ["assess", str(SEED), "--date", "9" * 100_000])
    assert result.exit_code == 2
    assert "not a date" in result.output and len(result.output) < 500


def test_a_web_form_nested_a_thousand_levels_deep_is_refused_by_the_reader(tmp_path):
    path = write(tmp_path, "form.json", '{"text": "x", "extra": ' + "[" * 1000 + "]" * 1000 + "}")
    for command in ("read", "assess"):
        result = runner.invoke(app, [command, str(path)])
        assert result.exit_code == 2, result.output
        assert "32 levels" in result.output and "Traceback" not in result.output
