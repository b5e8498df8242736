"""The blind comparison packet: published and drafted statements look alike but for the writing,
the judge's folder holds nothing but the texts and the instructions, and the key is elsewhere."""

from __future__ import annotations

import json
import re

from bench import blind_packet


def _make(tmp_path, seed: int, name: str = "packet"):
    out, key = tmp_path / name, tmp_path / f"{name}-key.json"
    assert blind_packet.main(["--out", str(out), "--key", str(key), "--seed", str(seed)]) == 0
    return out, json.loads(key.read_text())


def test_the_packet_has_ten_unlabelled_files_instructions_and_no_key(tmp_path):
    out, key = _make(tmp_path, 7)
    files = sorted(out.glob("*.txt"))
    assert len(files) == 10
    assert sorted(p.name for p in out.iterdir()) == sorted([*(f.name for f in files), "JUDGE.md"])
    assert all(re.fullmatch(r"[0-9a-f]{8}\.txt", f.name) for f in files)
    assert key["seed"] == 7
    assert set(key["files"]) == {f.name for f in files}
    assert sorted(v["source"] for v in key["files"].values()) == ["draft"] * 5 + ["published"] * 5
    assert all(set(pair) == {"draft", "published"} for pair in key["pairs"].values())
    judge = (out / "JUDGE.md").read_text(encoding="utf-8")
    assert all(f.name in judge for f in files)
    assert "published" not in judge and "draft" not in judge.lower()
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert "Back to top" not in text and "cookies" not in text.lower()
        assert "\u2019" not in text and "\u2018" not in text
        numbers = [int(n) for n in re.findall(r"^(\d+)\. ", text, re.MULTILINE)]
        assert numbers == list(range(1, len(numbers) + 1)), f.name
        assert text.splitlines()[5].startswith("Summary: ")


def test_the_seed_makes_the_packet_again_and_another_seed_does_not(tmp_path):
    _, first = _make(tmp_path, 11, "a")
    _, again = _make(tmp_path, 11, "b")
    _, other = _make(tmp_path, 12, "c")
    assert first["files"] == again["files"]
    assert set(first["files"]).isdisjoint(other["files"])


def test_a_packet_is_never_written_over_and_the_key_never_inside_it(tmp_path, capsys):
    (tmp_path / "packet").mkdir()
    (tmp_path / "packet" / "old.txt").write_text("x")
    args = ["--out", str(tmp_path / "packet"), "--key", str(tmp_path / "k.json")]
    assert blind_packet.main(args) == 2
    inside = ["--out", str(tmp_path / "new"), "--key", str(tmp_path / "new" / "key.json")]
    assert blind_packet.main(inside) == 2
    assert "would see it" in capsys.readouterr().err
    assert not (tmp_path / "new" / "key.json").exists()
    (tmp_path / "k.json").write_text("{}")
    assert (
        blind_packet.main(["--out", str(tmp_path / "p2"), "--key", str(tmp_path / "k.json")]) == 2
    )
