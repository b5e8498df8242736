"""Files the commands write, through the commands themselves (ombuds.outputs underneath): the
cases of issue 10 that the unit tests of tests/test_outputs.py do not reach from the CLI."""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ombuds.cli import app

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seeds" / "000_5d44b0c00c107248.yaml"
runner = CliRunner()


def _draft(out: Path | str, fmt: str = "txt"):
    return runner.invoke(app, ["draft", str(SEED), "--format", fmt, "-o", str(out)])


def test_drafting_to_a_full_disk_is_a_one_line_error():
    result = _draft("/dev/full")
    assert result.exit_code == 6, result.output
    assert "disk is full" in result.output and "Traceback" not in result.output


def test_drafting_onto_a_link_to_a_device_writes_through_it_and_keeps_both(tmp_path):
    link = tmp_path / "out.txt"
    link.symlink_to("/dev/null")
    result = _draft(link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_drafting_into_a_fifo_writes_the_statement_through_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = _draft(fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert got and b"Final decision" in got[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_drafting_onto_a_socket_is_refused_and_it_stays(tmp_path):
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = _draft(path)
    assert result.exit_code == 2 and "not a regular file" in result.output
    assert stat.S_ISSOCK(path.stat().st_mode)


def test_a_statement_takes_the_umask_and_the_map_is_private(tmp_path):
    old = os.umask(0o027)
    try:
        assert _draft(tmp_path / "d.txt").exit_code == 0
        letter = tmp_path / "a.txt"
        letter.write_text("Mr Baker and Mrs Hope met.")
        case_map = tmp_path / "case.json"
        result = runner.invoke(app, ["anonymise", str(letter), "--map", str(case_map)])
        assert result.exit_code == 0, result.output
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "d.txt").stat().st_mode) == 0o640
    assert stat.S_IMODE(case_map.stat().st_mode) == 0o600


def test_a_map_on_a_full_disk_is_a_one_line_error_and_the_old_map_is_kept(tmp_path, monkeypatch):
    letter = tmp_path / "a.txt"
    letter.write_text("Mr Baker and Mrs Hope met.")
    case_map = tmp_path / "case.json"
    assert runner.invoke(app, ["anonymise", str(letter), "--map", str(case_map)]).exit_code == 0
    before = case_map.read_bytes()
    letter.write_text("Mr Baker, Mrs Hope and Ms Quinn met.")  # a new person: the map changes

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(app, ["anonymise", str(letter), "--map", str(case_map)])
    assert result.exit_code == 6, result.output
    assert "disk is full" in result.output and "Traceback" not in result.output
    assert case_map.read_bytes() == before
    assert json.loads(before)["people"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "case.json"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a block device needs root")
def test_drafting_onto_a_block_device_is_refused_and_it_stays(tmp_path):
    device = tmp_path / "disk"
    try:
        os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
    except PermissionError:
        pytest.skip("this container may not make device nodes")
    result = _draft(device)
    assert result.exit_code == 2 and "not a regular file" in result.output
    assert stat.S_ISBLK(device.stat().st_mode)
