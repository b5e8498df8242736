"""`ombuds anonymise` and `ombuds publish` through the real command line app."""

from __future__ import annotations

import json
import stat

from typer.testing import CliRunner

from ombuds.cli import app

runner = CliRunner()


def test_help_has_examples():
    for name in ("anonymise", "publish"):
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Examples" in result.output


def test_anonymise_prints_text_and_json(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Mrs Okafor rang 0161 496 0753.\n")
    result = runner.invoke(app, ["anonymise", str(path)])
    assert result.exit_code == 0 and result.output == "Mrs X rang [phone number].\n"
    result = runner.invoke(app, ["anonymise", str(path), "--json"])
    data = json.loads(result.output)
    assert [(r["entity"], r["label"], r["recogniser"]) for r in data["replacements"]] == [
        ("PERSON", "Mrs X", "TitledNameRecogniser"),
        ("PHONE", "[phone number]", "UkPhoneRecogniser"),
    ]


def test_anonymise_saves_the_case_map(tmp_path):
    path, case_map = tmp_path / "a.txt", tmp_path / "case.json"
    path.write_text("Mr Baker and Mrs Hope met.")
    assert runner.invoke(app, ["anonymise", str(path), "--map", str(case_map)]).exit_code == 0
    people = json.loads(case_map.read_text())["people"]
    assert [p["label"] for p in people] == ["Mr X", "Mrs Y"]
    assert stat.S_IMODE(case_map.stat().st_mode) == 0o600  # it holds real names


def test_a_map_that_cannot_be_written_is_a_one_line_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Mr Baker and Mrs Hope met.")
    for bad, message in (
        (tmp_path, "folder, not a file"),
        (tmp_path / "missing" / "case.json", "does not exist"),
    ):
        result = runner.invoke(app, ["anonymise", str(path), "--map", str(bad)])
        assert result.exit_code == 2, result.output
        assert message in result.output and "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temporary file left


def test_a_map_that_is_a_device_or_too_large_is_refused_before_reading(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Mr Baker and Mrs Hope met.")
    huge = tmp_path / "huge.json"
    with huge.open("wb") as fh:
        fh.truncate(30_000_000)  # sparse: costs no disk
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 5000 + "]" * 5000)
    for bad, message in (
        ("/dev/zero", "not a regular file"),
        (huge, "larger than"),
        (deep, "nested more than"),
    ):
        result = runner.invoke(app, ["anonymise", str(path), "--map", str(bad)])
        assert result.exit_code == 2, result.output
        assert message in result.output and "Traceback" not in result.output


def test_anonymise_empty_file_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = runner.invoke(app, ["anonymise", str(path)])
    assert result.exit_code == 2 and "empty" in result.output


def test_publish_blocks_then_accepts_with_override(tmp_path, seed_files):
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(
        seed_files[0]
        .read_text()
        .replace("Miss X complained her", "Miss Jolene Fairweather complained her", 1)
    )
    db = f"sqlite:///{tmp_path / 'c.db'}"
    blocked = runner.invoke(app, ["publish", str(dirty), "--db", db])
    assert blocked.exit_code == 5
    assert "Miss Jolene Fairweather" in blocked.output and "nothing was stored" in blocked.output
    fid = next(word for word in blocked.output.split() if word.startswith("PERSON-")).rstrip(":")
    accepted = runner.invoke(
        app,
        [
            "publish",
            str(dirty),
            "--db",
            db,
            "--override",
            f"{fid}:named with consent",
            "--reviewer",
            "A Reviewer",
            "--json",
        ],
    )
    assert accepted.exit_code == 0, accepted.output
    outcome = json.loads(accepted.output)
    assert outcome["status"] == "added"
    assert outcome["publication"]["overrides"][0]["reviewer"] == "A Reviewer"


def test_publish_clean_statement(tmp_path, seed_files):
    result = runner.invoke(
        app, ["publish", str(seed_files[1]), "--db", f"sqlite:///{tmp_path / 'c.db'}"]
    )
    assert result.exit_code == 0 and result.output.strip().endswith(": added")


def test_anonymise_html_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>Mr <b>Baker</b> wrote.</p></body></html>")
    result = runner.invoke(app, ["anonymise", str(path), "--json"])
    data = json.loads(result.output)
    assert data["from_html"] is True and data["text"] == "Mr X wrote.\n"


def test_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(
        app, ["publish", str(tmp_path / "nope.txt"), "--db", f"sqlite:///{tmp_path / 'c.db'}"]
    )
    assert result.exit_code == 2 and "no such file" in result.output


def test_anonymise_leaves_already_anonymised_text_unchanged(tmp_path):
    path = tmp_path / "done.txt"
    text = "Mr X complained that the social worker did not visit his son, B. Ms Y agreed.\n"
    path.write_text(text)
    result = runner.invoke(app, ["anonymise", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["text"] == text and data["replacements"] == []


def test_anonymise_refuses_huge_and_binary_files(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text("a" * 2_000_001)
    result = runner.invoke(app, ["anonymise", str(huge)])
    assert result.exit_code == 2
    assert "too large" in result.output and "split the document" in result.output
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02")
    result = runner.invoke(app, ["anonymise", str(binary)])
    assert result.exit_code == 2 and "is binary, not text" in result.output


def test_publish_refuses_an_empty_statement(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n")
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["publish", str(path), "--db", f"sqlite:///{db}"])
    assert result.exit_code == 2 and "empty" in result.output


def test_publish_refuses_an_override_without_a_reviewer_or_a_reason(tmp_path, seed_files):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = runner.invoke(
        app,
        [
            "publish",
            str(seed_files[1]),
            "--db",
            db,
            "--override",
            "PERSON-1a2b3c4d:a council service",
        ],
    )
    assert result.exit_code == 2 and "needs the reviewer's name" in result.output
    result = runner.invoke(
        app,
        [
            "publish",
            str(seed_files[1]),
            "--db",
            db,
            "--override",
            "PERSON-1a2b3c4d",
            "--reviewer",
            "A Reviewer",
        ],
    )
    assert result.exit_code == 2 and "is not FINDING_ID:reason" in result.output


def test_publish_refuses_an_override_of_no_finding(tmp_path, seed_files):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = runner.invoke(
        app,
        [
            "publish",
            str(seed_files[1]),
            "--db",
            db,
            "--override",
            "PERSON-00000000:a typo",
            "--reviewer",
            "A Reviewer",
        ],
    )
    assert result.exit_code == 2 and "'PERSON-00000000', which is not a finding" in result.output


def test_publish_refuses_what_the_anonymiser_left_and_the_gate_alone_finds(tmp_path, seed_files):
    """Issue 11: a reference and a written-out e-mail left in an anonymised statement are blocked
    by the gate's own checks, with their ids, and nothing is stored."""
    leaky = tmp_path / "leaky.txt"
    leaky.write_text(
        seed_files[0]
        .read_text()
        .replace(
            "Miss X says this was causing her distress",
            "Miss X (reference ASC/2022/001937, j dot bloggs at hotmail dot com) says this was "
            "causing her distress",
            1,
        )
    )
    db = f"sqlite:///{tmp_path / 'c.db'}"
    blocked = runner.invoke(app, ["publish", str(leaky), "--db", db])
    assert blocked.exit_code == 5 and "nothing was stored" in blocked.output
    assert "ASC/2022/001937" in blocked.output and "bloggs" in blocked.output
    from ombuds.corpus.store import open_store

    store = open_store(db)
    try:
        assert store.count() == 0
    finally:
        store.close()
