"""File helpers: atomic writes, and the removal of what killed builds left behind."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

__all__ = ["atomic_write", "remove_stale_temporaries", "temporary_file"]

# .NAME.PID.XXXXXXXX.tmp (temporary_file) and .partial-PID-NAME (a build's outputs before
# their rename): the PID says whether the process that writes them still runs.
_TEMPORARY = re.compile(r"\..+\.(\d+)\.[a-z0-9_]{8}\.tmp|\.partial-(\d+)-.+")


def temporary_file(target: Path) -> tuple[int, str]:
    """An open descriptor and the path of a new temporary file beside ``target`` (same file
    system, so that it can be renamed over it), named after this process: a later build
    removes it if this process dies before it does (:func:`remove_stale_temporaries`)."""
    return tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
    )


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The data goes to a temporary file in the same directory, is flushed and fsynced, then
    renamed over ``path`` with :func:`os.replace`. On any error the temporary file is
    removed and ``path`` is left untouched. ``str`` is written as UTF-8. Missing parent
    directories are created.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp_name = temporary_file(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():  # keep the permissions of the file being replaced
            os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return target


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: running
        return True
    return True


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the temporary files in ``folder`` whose process no longer runs (a build that
    was killed); those of builds still running are theirs. Returns how many."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = _TEMPORARY.fullmatch(entry.name)
            if match and not _running(int(match[1] or match[2])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed
