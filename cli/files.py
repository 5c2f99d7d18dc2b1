"""Writing output files whole or not at all: every command that writes a file goes through here.

:func:`write_atomic` writes into a temporary file beside the target, makes it durable, then
renames it over the target in one step, so a reader (or a crash) sees the old file or the new
one, never half of one. Only regular files are replaced: a directory, a named pipe, a device or
a symbolic link at the target is refused as bad input.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from questionnaire.yamlio import InputError, Problem

# What a non-regular target is called in the refusal, by the kind stat reports.
_KINDS = (
    (stat.S_ISDIR, "is a directory; name a file to write"),
    (stat.S_ISLNK, "is a symbolic link; name the file itself (a link is not replaced)"),
    (stat.S_ISFIFO, "is a named pipe, not a regular file; it is not replaced"),
    (stat.S_ISCHR, "is a device, not a regular file; it is not replaced"),
    (stat.S_ISBLK, "is a device, not a regular file; it is not replaced"),
    (stat.S_ISSOCK, "is a socket, not a regular file; it is not replaced"),
)


def _problem(path: str | os.PathLike[str], message: str) -> InputError:
    return InputError([Problem(str(path), None, None, message)])


def _cannot_write(path: str | os.PathLike[str], exc: OSError) -> InputError:
    return _problem(path, f"cannot write: {exc.strerror or exc}")


def check_target(path: str | os.PathLike[str]) -> os.stat_result | None:
    """Check that ``path`` can be written by :func:`write_atomic`, before any work is done.

    Commands call this first so that a bad ``-o`` is reported before a long render.

    Returns:
        The status of the regular file already at ``path``, or None when there is none.

    Raises:
        InputError: when the target is not a regular file, or its directory does not exist.
    """
    target = Path(path)
    try:
        status: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        for is_kind, message in _KINDS:
            if is_kind(status.st_mode):
                raise _problem(path, message)
        raise _problem(path, "is not a regular file; it is not replaced")
    if not target.parent.is_dir():
        raise _problem(path, f"cannot write here: directory {target.parent} does not exist")
    return status


def _umask() -> int:
    # The only way to read the umask is to set it; put it straight back.
    current = os.umask(0o022)
    os.umask(current)
    return current


def _sync_directory(directory: Path) -> None:
    """Make the rename in ``directory`` durable (file systems that cannot are let be)."""
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Replace the file at ``path`` with ``data`` (text is written as UTF-8), all or nothing.

    The data goes to a temporary file in the same directory, which is flushed and synced, then
    renamed over the target, and the directory is synced. On any failure the temporary file is
    removed and the target is left as it was. A file that already exists keeps its permission
    bits; a new one gets the usual ``0666`` less the umask.

    Args:
        path: the file to write.
        data: its whole new content.

    Raises:
        InputError: when the target is not a regular file, its directory does not exist, or
            the write fails (a full disk, no permission).
    """
    target = Path(path)
    existing = check_target(target)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # Look again: something else may have been put at the target meanwhile.
        check_target(target)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    try:
        _sync_directory(target.parent)
    except OSError as exc:
        raise _problem(
            path,
            f"written, but its directory could not be synced ({exc.strerror or exc}); "
            "the new file may not survive a crash",
        ) from None
