"""Writing a file the user named: never half-written, never replacing what is not a file.

Every command that writes a file the user named (`draft -o`, `anonymise --map`, reports) goes
through `write_output`:

- a regular file, or a name not yet taken, is written to a temporary file in the same folder and
  renamed over it, so a reader never sees half a file and a failure leaves the old one whole;
- a symbolic link is followed: the file it points to is written (as above), the link stays;
- a FIFO or a character device (`/dev/stdout`, a named pipe) is written directly: renaming over
  it would replace the node itself;
- a folder, a socket or a block device is refused;
- a full disk, a read-only folder or a missing permission is an `OutputError` naming the file,
  and no temporary file is left behind.

Files take the usual permissions (0666 less the umask), as any program's output does, except
`private=True` files (the pseudonym map, which holds real names): those are created 0600.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from ombuds.errors import InputError, OutputError

PUBLIC_MODE = 0o666
PRIVATE_MODE = 0o600


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output_path(out: str | Path) -> Path:
    """The path to write, following a symbolic link; an InputError if it cannot be written to.

    Called before any work is done, so that a bad `-o` fails fast.
    """
    path = Path(out)
    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise InputError(
            "the output path is a folder, not a file",
            source=str(out),
            hint="give a file name such as decision.pdf",
        )
    if target.exists():
        mode = target.stat().st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise InputError(
                "the output path is not a regular file, a pipe or a terminal",
                source=str(out),
                hint="write to a file name instead",
            )
    elif not target.parent.is_dir():
        raise InputError(
            f"the output folder {target.parent} does not exist",
            source=str(out),
            hint="create the folder first, or write somewhere else",
        )
    return target


def _failed(path: Path, error: OSError) -> OutputError:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }.get(error.errno or 0, error.strerror or str(error))
    return OutputError(
        f"cannot write the file: {reason}",
        source=str(path),
        hint="free some space or choose another folder, then run the command again",
    )


def write_output(out: str | Path, content: bytes, *, private: bool = False) -> Path:
    """Write `content` to `out` as the module docstring describes; returns the path written."""
    path = check_output_path(out)
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):  # a pipe or a terminal
        try:
            with open(path, "wb") as fh:
                fh.write(content)
        except OSError as error:
            raise _failed(path, error) from None
        return path
    mode = PRIVATE_MODE if private else PUBLIC_MODE & ~_umask()
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as error:
        raise _failed(path, error) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path


__all__ = ["check_output_path", "write_output"]
