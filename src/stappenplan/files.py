"""Writing output files safely: atomically (temporary file + rename), mode 0600, no silent overwrite."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from stappenplan.errors import StappenplanError, UsageError

PRIVATE_MODE = 0o600


def write_private(path: Path, text: str, *, force: bool = False) -> None:
    """Write text to `path` atomically with mode 0600.

    The text goes to a temporary file in the same folder, is flushed to disk, and then
    renamed over the target, so a reader sees the old file or the new one, never half of one;
    an interrupted write leaves the old file intact and no temporary file behind.

    Raises:
        UsageError: when the file exists and `force` is not set.
        StappenplanError: when the folder does not exist or cannot be written.
    """
    if path.exists() and not force:
        raise UsageError(
            f"{path}: bestaat al; kies een andere naam of gebruik --force om te overschrijven"
        )
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise StappenplanError(f"{path}: map '{folder}' bestaat niet")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise StappenplanError(f"{path}: kan niet schrijven ({error.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            os.fchmod(stream.fileno(), PRIVATE_MODE)
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(error, OSError):
            raise StappenplanError(f"{path}: kan niet schrijven ({error.strerror})") from None
        raise
