"""`ombuds ingest | search | show | stats`: thin commands, clear messages, right exit codes."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from ombuds.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path, seeds_dir) -> str:
    url = f"sqlite:///{tmp_path / 'cli' / 'ombuds.db'}"
    result = run("ingest", seeds_dir, "--db", url)
    assert result.exit_code == 0, result.output
    return url


@pytest.mark.parametrize("name", ["ingest", "search", "show", "stats"])
def test_every_command_has_help_with_an_example(name):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and f"ombuds {name}" in result.stdout


def test_ingest_prints_the_summary_and_is_idempotent(db, seeds_dir):
    again = run("ingest", seeds_dir, "--db", db)
    assert again.exit_code == 0
    assert again.stdout.strip() == "added 0, updated 0, unchanged 5, failed 0"
    as_json = run("ingest", seeds_dir, "--db", db, "--json")
    assert json.loads(as_json.stdout)["unchanged"] == 5


def test_ingest_without_a_terminal_prints_no_progress_bar(db, seeds_dir):
    result = run("ingest", seeds_dir, "--db", db)
    assert result.stderr == ""
    assert "━" not in result.output and "%" not in result.output


def test_ingest_reports_failed_files_and_exits_non_zero(tmp_path, seed_files):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for seed in seed_files[:2]:
        shutil.copy(seed, folder)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00" * 100)
    result = run("ingest", folder, "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert result.exit_code == 1
    assert result.stdout.strip() == "added 2, updated 0, unchanged 0, failed 1"
    assert "broken.txt" in result.stderr


def test_ingest_of_an_empty_folder_or_missing_path_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    url = f"sqlite:///{tmp_path / 'x.db'}"
    empty = run("ingest", tmp_path / "empty", "--db", url)
    assert empty.exit_code == 2 and "no decision files found" in empty.stderr
    missing = run("ingest", tmp_path / "nope", "--db", url)
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr


def test_unknown_database_scheme_is_a_storage_error(tmp_path):
    result = run("stats", "--db", "mongodb://localhost/x")
    assert result.exit_code == 4
    assert "mongodb" in result.stderr and "sqlite:///" in result.stderr


@pytest.mark.parametrize("command", [["search", "council"], ["show", "24 015 969"], ["stats"]])
def test_reading_a_database_that_does_not_exist_says_so_and_creates_nothing(tmp_path, command):
    path = tmp_path / "typo" / "ombuds.db"
    result = run(*command, "--db", f"sqlite:///{path}")
    assert result.exit_code == 4
    assert "no corpus database" in result.stderr and "ombuds ingest" in result.stderr
    assert not path.parent.exists()


def test_search_prints_ranked_hits_with_snippets_and_facets(db):
    result = run("search", "social worker", "--db", db, "--limit", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("5 decision(s) match; showing 2")
    assert "24 015 969" in result.stdout and "*social* *worker*" in result.stdout
    assert "ground: better_placed (5)" in result.stdout


def test_search_json_with_filters(db):
    result = run(
        "search",
        "",
        "--db",
        db,
        "--ground",
        "individual_conduct",
        "--referral",
        "ico",
        "--from",
        "2024-01-01",
        "--to",
        "2025-12-31",
        "--decision",
        "closed after initial enquiries",
        "--category",
        "Children's care services",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"total", "results", "facets"}
    assert [hit["reference"] for hit in data["results"]] == ["24 015 969"]
    assert data["facets"]["ground"]["individual_conduct"] == 1


@pytest.mark.parametrize("text", ['"', "NEAR(", "'; drop table x; --", "AND OR NOT", "-", ":"])
def test_search_syntax_never_crashes(db, text):
    result = run("search", text, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] >= 0


@pytest.mark.parametrize(
    "option, value, expected",
    [
        ("--ground", "too_late", "better_placed"),
        ("--referral", "the_pope", "ico"),
        ("--from", "10/02/2025", "YYYY-MM-DD"),
        ("--limit", "0", "--limit"),
    ],
)
def test_search_bad_options_say_what_is_accepted(db, option, value, expected):
    result = run("search", "council", "--db", db, option, value)
    assert result.exit_code == 2
    assert expected in result.stderr


@pytest.mark.parametrize("reference", ["24 015 969", "24-015-969", "24015969"])
def test_show_accepts_every_way_of_writing_a_reference(db, reference):
    result = run("show", reference, "--db", db)
    assert result.exit_code == 0, result.output
    assert "Reference: 24 015 969" in result.stdout
    assert "Leicestershire County Council (24 015 969)" in result.stdout


def test_show_json_has_the_parsed_fields_and_the_text(db):
    data = json.loads(run("show", "24-015-969", "--db", db, "--json").stdout)
    assert data["grounds"] == [
        "could_not_add",
        "cannot_achieve_outcome",
        "better_placed",
        "individual_conduct",
    ]
    assert data["text"].startswith("Leicestershire County Council (24 015 969)")
    assert len(data["content_hash"]) == 64


def test_show_unknown_reference_is_not_found(db):
    result = run("show", "99 999 999", "--db", db)
    assert result.exit_code == 3
    assert "99 999 999" in result.stderr and "no decision" in result.stderr


def test_stats_text_and_json(db):
    data = json.loads(run("stats", "--db", db, "--json").stdout)
    assert data["decisions"] == 5
    assert data["by_decision"] == {"Closed after initial enquiries": 5}
    assert sum(data["by_year"].values()) == 5
    text = run("stats", "--db", db).stdout
    assert text.startswith("decisions: 5") and "by referral:" in text


def test_show_keeps_the_statements_paragraph_numbers_and_bullets(db):
    text = run("show", "24-015-969", "--db", db).stdout
    assert "\nThe complaint\n\n1. Miss X complained" in text
    assert "\n4. We investigate complaints" in text
    # The statutory bullets stay under paragraph 4, indented, not numbered or dashed.
    assert "\n   • we could not add to any previous investigation" in text
    assert "\n14. We will not investigate" in text
    assert "\n- " not in text


def test_stats_text_lists_the_councils_as_json_does(db):
    data = json.loads(run("stats", "--db", db, "--json").stdout)
    text = run("stats", "--db", db).stdout
    assert "by council:" in text
    for council, n in data["by_body"].items():
        assert f"{n:>7}  {council}" in text


def _search_examples() -> list[list[str]]:
    """Every `ombuds search` example in the README and in `search --help`."""
    import re
    import shlex
    from pathlib import Path

    from ombuds.cli.corpus import SEARCH_EPILOG

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"ombuds search [^\n#]*", readme + "\n" + SEARCH_EPILOG)
    examples = []
    for line in lines:
        words = shlex.split(line.split("(", 1)[0].replace("&&", "#").split("#", 1)[0])
        examples.append([w for w in words[1:] if w != "--json"])
    return examples


def test_search_examples_find_something_in_the_shipped_decisions(tmp_path, seeds_dir):
    """The README's and --help's search examples each return a decision on the shipped data."""
    url = f"sqlite:///{tmp_path / 'shipped.db'}"
    assert run("ingest", seeds_dir.parent, "--db", url).exit_code == 0
    examples = _search_examples()
    assert len(examples) >= 4
    for example in examples:
        args = [a for a in example if a != "--db" and not a.startswith(("sqlite:", "postgresql:"))]
        result = run(*args, "--db", url, "--json")
        assert result.exit_code == 0, (example, result.output)
        assert json.loads(result.stdout)["total"] > 0, example
