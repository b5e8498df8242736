"""Bad input, one test each: parse_file raises only UnreadableFile or NotADecision, with the
file named; decisions that are merely incomplete parse, with warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ombuds.corpus.parse import MAX_FILE_BYTES, parse_bytes, parse_file, read_decision_file
from ombuds.errors import NotADecision, UnreadableFile

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
SEED = (
    Path(__file__).resolve().parents[3]
    / "examples"
    / "decisions"
    / "seeds"
    / "000_5d44b0c00c107248.txt"
)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="empty") as error:
        parse_file(path)
    assert str(path) in str(error.value)


def test_whitespace_only_file_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n \r\n\t\n")
    with pytest.raises(UnreadableFile, match="empty"):
        parse_file(path)


def test_binary_file(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(UnreadableFile, match="binary") as error:
        parse_file(path)
    assert "scan.txt" in str(error.value)


def test_cp1252_file_with_curly_quotes_parses():
    data = (BAD / "cp1252_quotes.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is Windows-1252
    d = parse_file(BAD / "cp1252_quotes.txt")
    assert d.reference == "23 002 991"
    assert d.complainant == "Mr Y"
    assert "\u201ctroublemaker\u201d" in d.sections["the_complaint"]
    assert d.category == "Other Categories > Councillor conduct and standards"
    assert "the_complaint" in d.sections and d.warnings == []


def test_neither_utf8_nor_cp1252(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Kent County Council (21 019 030)\n" + b"\x81\x8d\x8f\x90 text\n")
    with pytest.raises(UnreadableFile, match="neither UTF-8 nor Windows-1252"):
        parse_file(path)


def test_utf8_with_byte_order_mark_and_utf16():
    text = SEED.read_text(encoding="utf-8")
    assert parse_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "bom.txt").reference == "24 015 969"
    assert parse_bytes(text.encode("utf-16"), "utf16.txt").reference == "24 015 969"


def test_file_above_the_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    block = SEED.read_bytes()
    with path.open("wb") as out:
        while out.tell() <= MAX_FILE_BYTES:
            out.write(block)
    with pytest.raises(UnreadableFile) as error:
        parse_file(path)
    assert "5 MB" in str(error.value) and "huge.txt" in str(error.value)
    with pytest.raises(UnreadableFile, match="5 MB"):
        parse_bytes(b"x" * (MAX_FILE_BYTES + 1), "in-memory")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableFile, match="no such file"):
        parse_file(tmp_path / "absent.txt")
    with pytest.raises(UnreadableFile, match="folder"):
        parse_file(tmp_path)


def test_page_that_is_not_a_decision():
    with pytest.raises(NotADecision) as error:
        parse_file(BAD / "not_a_decision.txt")
    assert "not_a_decision.txt" in str(error.value)
    assert "not a decision" in str(error.value)


def test_decision_missing_its_header_lines_parses_with_warnings():
    d = parse_file(BAD / "missing_header.txt")
    assert (d.reference, d.body) == ("24 009 002", "Hollins Vale Council")
    assert (d.category, d.decision, d.decision_date) == (None, None, None)
    assert d.warnings == [
        "no 'Category :' line",
        "no 'Decision :' line",
        "no 'Decision date :' line",
    ]
    assert d.grounds == ["injustice_not_significant"]
    assert [p.number for p in d.paragraphs] == [1, 2, 3, 4, 5]


def test_unknown_category_is_kept_as_given_with_a_warning():
    d = parse_file(BAD / "unknown_category.txt")
    assert d.category == "Leisure > Swimming pools"
    assert d.warnings == ["unknown category 'Leisure > Swimming pools' (kept as given)"]
    assert d.decision_date == dt.date(2024, 3, 12)


def test_unparsable_date_is_null_with_a_warning():
    d = parse_file(BAD / "bad_date.txt")
    assert d.decision_date is None
    assert d.warnings == ["decision date '31 Feb 2024' is not a date (expected e.g. '10 Feb 2025')"]


def test_statement_without_summary_or_alias_is_reported():
    stripped = "\n".join(
        line
        for line in SEED.read_text(encoding="utf-8").splitlines()
        if not line.startswith("Summary:")
    ).replace("Miss X", "the complainant")
    d = parse_bytes(stripped.encode(), "no-summary.txt")
    assert "no summary" in d.warnings
    assert any("no complainant alias" in w for w in d.warnings)
    assert d.reference == "24 015 969"


def test_read_decision_file_returns_the_decoded_text():
    assert read_decision_file(BAD / "cp1252_quotes.txt").startswith("Seaford Town Council")


def test_a_list_of_titles_without_a_statement_is_not_a_decision():
    listing = "\n".join(
        [
            "Search results",
            "Kent County Council (21 019 030)",
            "Warwickshire County Council (24 022 651)",
            "Next page",
        ]
    )
    with pytest.raises(NotADecision):
        parse_bytes(listing.encode(), "results.txt")


def test_damaged_copies_never_crash():
    """Truncated, shuffled and mangled copies parse or raise an ombuds error, nothing else."""
    import random

    from ombuds.errors import OmbudsError

    rng = random.Random(20240604)
    seeds = sorted(SEED.parent.glob("*.txt"))
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        variants = [text[:cut] for cut in range(0, len(text), max(1, len(text) // 25))]
        for _ in range(20):
            shuffled = lines[:]
            rng.shuffle(shuffled)
            variants.append("\n".join(shuffled))
            variants.append("".join(rng.choice(["", c, c * 2, "\u2022", "\n", "("]) for c in text))
        for variant in variants:
            try:
                d = parse_bytes(variant.encode("utf-8"), "damaged.txt")
            except OmbudsError:
                continue
            assert [p.number for p in d.paragraphs] == list(range(1, len(d.paragraphs) + 1))


def test_control_characters_are_dropped_so_no_terminal_is_driven_by_a_statement(seed_files):
    from ombuds.corpus.parse import parse_document

    text = (
        seed_files[0]
        .read_text(encoding="utf-8")
        .replace("Miss X complained", "Miss X \x1b[31mcomplained\x1b[0m\x07", 1)
    )
    parsed, stored = parse_document(text, "escape.txt")
    assert "\x1b" not in stored and "\x07" not in stored
    assert not any("\x1b" in p.text for p in parsed.paragraphs)
    assert parsed.paragraphs[0].text.startswith("Miss X [31mcomplained[0m")
