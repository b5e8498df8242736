"""Bytes to text: the guard at the door of the parser.

Files come from copies of the Ombudsman's site made by hand, by browsers and by scrapers, so they
arrive in UTF-8 (with or without a byte-order mark), in Windows-1252 (Word and older browsers save
curly quotes as single bytes 0x91-0x94), occasionally in UTF-16; and a folder being ingested may
hold an image or an empty file by mistake. Each of those gets a clear `UnreadableFile` naming the
file, never a bare UnicodeDecodeError, because `parse_file` is what the ingest command calls for
every file it finds.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from ombuds.errors import UnreadableFile

# A decision statement is a few kilobytes; a saved page with its scripts inlined rarely exceeds
# a few hundred. Anything above this is not a decision and would only waste memory during ingest.
MAX_FILE_BYTES = 5 * 1024 * 1024

# Control characters that never appear in text (tab, newline, carriage return and form feed do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_SNIFF = 4096
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _too_large(size: int, source: str) -> UnreadableFile:
    return UnreadableFile(
        f"file is {size:,} bytes, above the {MAX_FILE_BYTES:,}-byte limit (5 MB) for one decision",
        source=source,
        hint="split it into one file per decision, or check it is not an archive or an image",
    )


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a file's bytes: UTF-8 first, then Windows-1252; refuse empty, huge or binary data."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(len(data), source)
    if not data.strip():
        raise UnreadableFile(
            "file is empty", source=source, hint="save the decision's text or page into it"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableFile(
                f"file starts with a UTF-16 mark but is not UTF-16 ({error.reason})",
                source=source,
                hint="save it again as UTF-8",
            ) from None
    head = data[:_SNIFF]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or controls > len(head) // 100:
        raise UnreadableFile(
            "file is binary, not text",
            source=source,
            hint="give a .txt copy of the decision or the saved .html page",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"file is neither UTF-8 nor Windows-1252 text (byte 0x{data[error.start]:02x} at "
            f"offset {error.start})",
            source=source,
            hint="save it again as UTF-8",
        ) from None


def read_bytes(path: str | Path) -> bytes:
    """Read a file after checking it exists, is a regular file and is under the size limit."""
    # The usual case in three system calls (open, fstat, read), without pathlib's overhead; any
    # doubt (an error, a folder, a file too large) takes the careful path for its message.
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, TypeError, ValueError):
        return _read_bytes_checked(path)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return _read_bytes_checked(path)
        chunks = []
        while chunk := os.read(fd, max(info.st_size + 1, 65536)):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return _read_bytes_checked(path)
    finally:
        os.close(fd)


def _read_bytes_checked(path: str | Path) -> bytes:
    """`read_bytes`, each check apart: the error says which failed."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFile("no such file", source=source, hint="check the path") from None
    except OSError as error:
        raise UnreadableFile(f"cannot read file: {error.strerror}", source=source) from None
    if path.is_dir():
        raise UnreadableFile(
            "is a folder, not a file",
            source=source,
            hint="give the files inside it (ombuds ingest reads folders)",
        )
    if size > MAX_FILE_BYTES:
        raise _too_large(size, source)
    try:
        return path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"cannot read file: {error.strerror}", source=source) from None
