"""The blind comparison packet: published and drafted statements look alike but for the writing."""

from __future__ import annotations

import json
import re

from bench import blind_packet


def test_the_packet_has_ten_unlabelled_files_and_a_key(tmp_path):
    import sys

    argv = sys.argv
    sys.argv = ["blind_packet.py", "--out", str(tmp_path)]
    try:
        assert blind_packet.main() == 0
    finally:
        sys.argv = argv
    files = sorted((tmp_path / "packet").glob("*.txt"))
    assert len(files) == 10
    assert all(re.fullmatch(r"[0-9a-f]{8}\.txt", f.name) for f in files)
    key = json.loads((tmp_path / "key.json").read_text())
    assert set(key["files"]) == {f.name for f in files}
    assert sorted(v["source"] for v in key["files"].values()) == ["draft"] * 5 + ["published"] * 5
    assert all(set(pair) == {"draft", "published"} for pair in key["pairs"].values())
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert "Back to top" not in text and "cookies" not in text.lower()
        assert "\u2019" not in text and "\u2018" not in text
        numbers = [int(n) for n in re.findall(r"^(\d+)\. ", text, re.MULTILINE)]
        assert numbers == list(range(1, len(numbers) + 1)), f.name
        assert text.splitlines()[5].startswith("Summary: ")


def test_a_packet_is_never_written_over(tmp_path):
    import sys

    (tmp_path / "packet").mkdir()
    (tmp_path / "packet" / "old.txt").write_text("x")
    argv = sys.argv
    sys.argv = ["blind_packet.py", "--out", str(tmp_path)]
    try:
        assert blind_packet.main() == 2
    finally:
        sys.argv = argv
