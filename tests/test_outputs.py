"""Writing a file the user named: ombuds.outputs."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from ombuds.errors import InputError, OutputError
from ombuds.outputs import write_output


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_takes_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_output(tmp_path / "a.txt", b"text")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").read_bytes() == b"text"
    assert _mode(tmp_path / "a.txt") == 0o644


def test_a_private_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    write_output(tmp_path / "map.json", b"{}", private=True)
    assert _mode(tmp_path / "map.json") == 0o600


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_output(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


def test_a_fifo_is_written_directly_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, b"through the pipe")
    reader.join(timeout=10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_character_device_is_written_directly(tmp_path: Path) -> None:
    write_output("/dev/null", b"discarded")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder, not a file"):
        write_output(tmp_path, b"x")


def test_a_missing_folder_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_output(tmp_path / "missing" / "a.txt", b"x")


def test_a_full_device_is_an_output_error() -> None:
    with pytest.raises(OutputError, match="disk is full"):
        write_output("/dev/full", b"x" * 10_000)


def test_a_full_disk_leaves_no_temporary_file_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "decision.txt"
    existing.write_bytes(b"the old statement")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="disk is full"):
        write_output(existing, b"the new statement")
    assert existing.read_bytes() == b"the old statement"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decision.txt"]


def test_a_folder_without_write_permission_is_an_output_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root (CI) a read-only folder is still writable, so the refusal is simulated.
    def denied(**_: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    with pytest.raises(OutputError, match="permission denied"):
        write_output(tmp_path / "a.txt", b"x")
    assert list(tmp_path.iterdir()) == []
