"""Writing output files safely: atomically (temporary file + rename), mode 0600, no silent overwrite."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from stappenplan.errors import StappenplanError, UsageError

PRIVATE_MODE = 0o600

_REASONS = {
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.ENOSPC: "de schijf is vol",
    errno.EIO: "schrijffout op de schijf",
    errno.EROFS: "alleen-lezen schijf",
    errno.EISDIR: "dit is een map",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ENOENT: "de map bestaat niet",
}


def _reason(error: OSError) -> str:
    """A Dutch reason for a failed write; the system's own text when we have none."""
    return _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__


def check_target(path: Path, *, force: bool = False) -> Path:
    """Check that `path` can be written (before any work is done); returns its folder.

    Raises:
        UsageError: when the file exists and `force` is not set.
        StappenplanError: when the path is a folder, or its folder does not exist.
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
    return folder


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
    folder = check_target(path, force=force)
    # The temporary name is known before the file exists, so that an interruption at any
    # moment (even right after the file was created) can be cleaned up by name.
    temporary = folder / f".{path.name}.{secrets.token_hex(8)}.tmp"
    try:
        with open(temporary, "x", encoding="utf-8", newline="\n", opener=_private_opener) as stream:
            # os.fchmod is missing on Windows before Python 3.13.
            if hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), PRIVATE_MODE)
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except BaseException as error:
        if not isinstance(error, FileExistsError):  # that file is not ours
            with contextlib.suppress(OSError):
                temporary.unlink()
        if isinstance(error, OSError):
            raise StappenplanError(f"{path}: kan niet schrijven ({_reason(error)})") from None
        raise


def _private_opener(name: str | os.PathLike[str], flags: int) -> int:
    """Create the file readable and writable for its owner only, from the first moment."""
    return os.open(name, flags, PRIVATE_MODE)


def make_private_folder(folder: Path) -> None:
    """Make `folder` (and its parents) readable for its owner only, if it does not exist yet.

    Raises:
        StappenplanError: when the folder cannot be made or is no folder.
    """
    if folder.exists() and not folder.is_dir():
        raise StappenplanError(f"{folder}: dit is geen map")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise StappenplanError(f"{folder}: kan de map niet maken ({_reason(error)})") from None
