"""Writing output files safely: atomically (temporary file + rename), mode 0600, no silent overwrite."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from stappenplan.errors import StappenplanError, UsageError

PRIVATE_MODE = 0o600

_REASONS = {
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "alleen-lezen schijf",
    errno.EISDIR: "dit is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ENOENT: "de map bestaat niet",
}


def _reason(error: OSError) -> str:
    """A Dutch reason for a failed write; the system's own text when we have none."""
    return _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__


def write_private(path: Path, text: str, *, force: bool = False) -> None:
    """Write text to `path` atomically with mode 0600.

    The text goes to a temporary file in the same folder, is flushed to disk, and then
    renamed over the target, so a reader sees the old file or the new one, never half of one;
    an interrupted write leaves the old file intact and no temporary file behind.

    Raises:
        UsageError: when the file exists and `force` is not set.
        StappenplanError: when the path is a folder, or the folder does not exist or cannot
            be written.
    """
    if path.is_dir():
        raise StappenplanError(f"{path}: dit is een map; geef een bestandsnaam")
    # A dangling symbolic link counts as existing: it is not ours to replace silently.
    if (path.exists() or path.is_symlink()) and not force:
        raise UsageError(
            f"{path}: bestaat al; kies een andere naam of gebruik --force om te overschrijven"
        )
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise StappenplanError(f"{path}: map '{folder}' bestaat niet")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise StappenplanError(f"{path}: kan niet schrijven ({_reason(error)})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            # mkstemp creates the file 0600 already; os.fchmod is missing on Windows before 3.13.
            if hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), PRIVATE_MODE)
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(error, OSError):
            raise StappenplanError(f"{path}: kan niet schrijven ({_reason(error)})") from None
        raise
