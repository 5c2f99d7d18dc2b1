"""Writing output files whole or not at all: every command that writes a file goes through here
(and the small inputs a command reads itself are read here, bounded: :func:`read_bounded`).

:func:`write_atomic` writes the data into a file beside the target that has no name yet, makes
it durable, gives it a temporary name and renames it over the target in one step, so a reader
(or a crash, or ``kill -9``) sees the old file or the new one, never half of one, and a kill
while the data is being written leaves no temporary file behind (where the system cannot make
a file without a name, a named temporary file is used and removed on any error it can see).

Decisions, for every ``-o`` of every command:

- Only a regular file of one name is replaced. A directory, a named pipe, a device, a socket,
  a symbolic link (dangling or not, ``/proc/self/fd/1`` included) and a file with several
  names (hard links: replacing one name would silently split it from the others) are refused
  as bad input (exit 2) with a line naming the path and what it is. So is a file the user may
  not write (``open`` would refuse it; a rename would not, so we ask first).
- A file that already exists keeps its permission bits (not setuid, setgid or sticky, which
  make no sense on a report) and, where the system allows, its owner and group. When its group
  cannot be kept, the new file gets no group permissions, so a report is never readable by a
  group that could not read the old one.
- A new file gets the usual ``0666`` less the umask, like any file a command writes; whoever
  wants reports private sets a private umask (or chmods the file once: rewrites keep it).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
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
        InputError: when the path is empty, the target is not a regular file of one name or
            may not be written, or its directory does not exist.
    """
    if not os.fspath(path):
        # Path("") is the current directory; say what is really wrong.
        raise _problem("''", "not a file name (the path is empty)")
    if os.fspath(path).endswith(("/", os.sep)):
        # Path() would drop the slash and write a file where a directory was meant.
        raise _problem(path, "names a directory (it ends in /); name a file to write")
    target = Path(path)
    try:
        status: os.stat_result | None = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        status = None  # the directory is checked below
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        for is_kind, message in _KINDS:
            if is_kind(status.st_mode):
                raise _problem(path, message)
        raise _problem(path, "is not a regular file; it is not replaced")
    if status is not None and status.st_nlink > 1:
        raise _problem(
            path,
            f"has {status.st_nlink} names (hard links); replacing it would split them, so it "
            "is not replaced",
        )
    if status is not None and not os.access(target, os.W_OK):
        raise _problem(path, "is read-only; it is not replaced")
    if not target.parent.is_dir():
        if target.parent.exists():
            raise _problem(path, f"cannot write here: {target.parent} is not a directory")
        raise _problem(path, f"cannot write here: directory {target.parent} does not exist")
    return status


# What an input that is not a regular file is called, by the kind fstat reports.
_INPUT_KINDS = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, "is a named pipe, not a regular file"),
    (stat.S_ISCHR, "is a device, not a regular file"),
    (stat.S_ISBLK, "is a device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


def read_bounded(path: str, limit: int) -> tuple[bytes, int]:
    """The first ``limit`` + 1 bytes of the regular file at ``path``, and its size.

    Used for the small inputs the commands read themselves (a report's commentary and logo).
    Only a regular file is read: a named pipe would be waited on for ever and a device such as
    ``/dev/zero`` never ends, so both are refused without reading a byte (the file is opened
    without blocking, then looked at). Reading stops one byte past ``limit``, so a caller can
    tell "over the limit" without holding a huge file.

    Returns:
        The bytes read (more than ``limit`` means over) and the size to report (the file's
        size, or what was read if the file grew meanwhile).

    Raises:
        InputError: when the file is missing, cannot be read or is not a regular file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise _problem(path, "no such file") from None
    except OSError as exc:
        raise _problem(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            for is_kind, message in _INPUT_KINDS:
                if is_kind(status.st_mode):
                    raise _problem(path, message)
            raise _problem(path, "is not a regular file")
        chunks: list[bytes] = []
        wanted = limit + 1
        while wanted > 0:
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    except OSError as exc:
        raise _problem(path, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return data, max(status.st_size, len(data))


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


def _unnamed_file(directory: Path, mode: int) -> int | None:
    """A new file in ``directory`` with no name (Linux ``O_TMPFILE``), or None where the system
    or the file system cannot make one (or ``/proc`` is missing, needed to name it later)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(directory, flag | os.O_WRONLY | os.O_CLOEXEC, mode)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None
        raise


def _name(fd: int, directory: Path, target: Path) -> str:
    """Give the unnamed file ``fd`` a temporary name beside ``target``; returns it."""
    # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N is how open(2) says to name an O_TMPFILE
    # file; os.link uses linkat, rather than link, only when given a directory fd.
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for _ in range(100):
            name = str(directory / f".{target.name}.{secrets.token_hex(6)}.tmp")
            try:
                os.link(str(fd), name, src_dir_fd=proc, follow_symlinks=True)
            except FileExistsError:
                continue
            return name
    finally:
        os.close(proc)
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))


def _owned_like(fd: int, existing: os.stat_result, mode: int) -> int:
    """Give the new file ``existing``'s owner and group where allowed; returns the mode to
    set (without group permissions when the group could not be kept)."""
    new = os.fstat(fd)
    if (new.st_uid, new.st_gid) == (existing.st_uid, existing.st_gid):
        return mode
    with contextlib.suppress(PermissionError):
        os.fchown(fd, existing.st_uid, existing.st_gid)
        return mode
    if new.st_gid == existing.st_gid:
        return mode
    with contextlib.suppress(PermissionError):
        os.fchown(fd, -1, existing.st_gid)
        return mode
    return mode & ~0o070


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Replace the file at ``path`` with ``data`` (text is written as UTF-8), all or nothing.

    The data goes to a file in the same directory (unnamed while it is written, where the
    system allows), which is flushed and synced, then renamed over the target, and the
    directory is synced. On any failure the temporary file is removed and the target is left
    as it was. Modes and owners follow the module's decisions.

    Args:
        path: the file to write.
        data: its whole new content.

    Raises:
        InputError: when the target is refused (see :func:`check_target`), or the write fails
            (a full disk, a file-size limit, no permission).
    """
    target = Path(path)
    existing = check_target(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = stat.S_IMODE(existing.st_mode) & 0o777 if existing else 0o666 & ~_umask()
    tmp: str | None = None
    try:
        fd = _unnamed_file(target.parent, 0o600)
        if fd is None:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if existing:
                mode = _owned_like(handle.fileno(), existing, mode)
            os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            if tmp is None:
                tmp = _name(handle.fileno(), target.parent, target)
        # Look again: something else may have been put at the target meanwhile.
        check_target(path)
        os.replace(tmp, target)
    except BaseException as exc:
        if tmp is not None:
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
