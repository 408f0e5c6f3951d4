"""Writing output files safely: atomically (temporary file + rename), mode 0600, no silent overwrite."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from stappenplan.errors import StappenplanError, UsageError, reason
from stappenplan.text import excerpt, visible

PRIVATE_MODE = 0o600

STDOUT = "-"
"""The name that means standard output for --output."""


def target_path(argument: str) -> Path:
    """The file an --output or --save argument names; call only when it is not '-' itself.

    pathlib turns './-' into '-': a name that only reads as '-' after that is made absolute,
    so that it stays a file named '-' in the current folder, never standard output.
    """
    path = Path(argument)
    return path.absolute() if str(path) == STDOUT else path


_KINDS = (
    (stat.S_ISDIR, "een map"),
    (stat.S_ISCHR, "een apparaat"),
    (stat.S_ISBLK, "een apparaat"),
    (stat.S_ISFIFO, "een named pipe (FIFO)"),
    (stat.S_ISSOCK, "een socket"),
)


ONLY_REGULAR = (
    "stappenplan vervangt alleen gewone bestanden, ook met --force. Kies een andere naam."
)
"""Why a target that is not a regular file is refused (with or without --force)."""


def status(path: Path, error: type[StappenplanError] = StappenplanError) -> os.stat_result | None:
    """What `path` is (following symbolic links), or None when nothing has that name.

    `Path.exists()` and `is_file()` raise when a folder on the way cannot be searched or the
    name is too long (with the system's English text); here that is an `error` that says why
    in Dutch.

    Raises:
        StappenplanError: (of class `error`) when the path cannot be looked at.
    """
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except ValueError:  # a NUL character, which no file name can hold
        raise error(_nul_in_name(path)) from None
    except OSError as failure:
        raise error(f"{excerpt(path)}: {reason(failure)}") from None


def _nul_in_name(path: Path) -> str:
    """The message for a name with a NUL character in it (no file name can hold one)."""
    return f"{excerpt(visible(str(path)))}: de naam bevat een ongeldig teken (\\x00)"


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in Dutch; None for a regular file."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "geen gewoon bestand"


def check_name(path: Path, what: str = "") -> None:
    """Refuse a name the file system cannot hold (a part longer than 255 bytes, or a path
    longer than the system allows), before anything is read or asked.

    Other problems (missing, no permission) are left to the reader, which names them.

    Raises:
        UsageError: when the name is too long or holds a NUL character; `what` (e.g.
            '--steps') says which option.
    """
    prefix = f"{what} " if what else ""
    try:
        os.lstat(path)
    except ValueError:  # a NUL character, which no file name can hold
        raise UsageError(prefix + _nul_in_name(path)) from None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise UsageError(
                f"{prefix}{excerpt(path)}: {reason(error)}; kies een kortere naam"
            ) from None


def check_target(path: Path, *, force: bool = False, what: str = "") -> Path:
    """Check that `path` can be written (before any work is done); returns its folder.

    Only a new name or a regular file may be replaced; a symbolic link to a regular file, or
    one that points nowhere, is replaced itself (never followed). A folder, device, FIFO or
    socket is never replaced, also not with `force`: writing there could harm the system
    (replacing /dev/null) or hang (a FIFO without a reader).

    Raises:
        UsageError: when the file exists and `force` is not set, when the name is '-' (this
            target cannot be standard output), or when the name is too long; `what` (e.g.
            '--output') says which option.
        StappenplanError: when the path is not a regular file, or its folder does not exist.
    """
    if str(path) == STDOUT:
        raise UsageError(
            "'-' (standaarduitvoer) kan hier niet; geef een bestandsnaam (bv. ./verslag.yaml)"
        )
    check_name(path, what)
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise StappenplanError(f"{excerpt(path)}: {reason(error)}") from None
    if info is not None:
        _refuse_special(path, info)
        if not force:
            # A dangling symbolic link counts as existing: it is not ours to replace silently.
            raise UsageError(
                f"{excerpt(path)}: bestaat al; kies een andere naam of gebruik --force om te "
                "overschrijven"
            )
    folder = path.parent if str(path.parent) else Path()
    found = status(folder)
    if found is None or not stat.S_ISDIR(found.st_mode):
        raise StappenplanError(f"{excerpt(path)}: map '{excerpt(folder)}' bestaat niet")
    return folder


def _refuse_special(path: Path, info: os.stat_result) -> None:
    """Refuse an existing `path` that is not a regular file (or a link to one, or nowhere)."""
    if stat.S_ISLNK(info.st_mode):
        try:
            pointed = path.stat()
        except OSError:
            return  # a link that points nowhere (or in a circle): the link itself is replaced
        kind = _kind(pointed.st_mode)
        if kind is not None:
            raise StappenplanError(
                f"{excerpt(path)}: verwijst naar {kind}, geen gewoon bestand; {ONLY_REGULAR}"
            )
        return
    kind = _kind(info.st_mode)
    if kind == "een map":
        raise StappenplanError(f"{excerpt(path)}: dit is een map; geef een bestandsnaam")
    if kind is not None:
        raise StappenplanError(
            f"{excerpt(path)}: dit is {kind}, geen gewoon bestand; {ONLY_REGULAR}"
        )


def same_file(first: Path, second: Path) -> bool:
    """Whether two names lead to the same file: the same spelling after resolving '.', '..'
    and symbolic links, or (for existing files) the same file on disk (a hard link)."""
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return first.samefile(second)
    except (OSError, ValueError):
        return False


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
    # A short start of the name: the temporary name must fit where the target's name fits.
    temporary = folder / f".{path.name[:40]}.{secrets.token_hex(8)}.tmp"
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
            raise StappenplanError(
                f"{excerpt(path)}: kan niet schrijven ({reason(error)})"
            ) from None
        raise


def _private_opener(name: str | os.PathLike[str], flags: int) -> int:
    """Create the file readable and writable for its owner only, from the first moment."""
    return os.open(name, flags, PRIVATE_MODE)


def make_private_folder(folder: Path) -> None:
    """Make `folder` (and its parents) readable for its owner only, if it does not exist yet.

    Raises:
        StappenplanError: when the folder cannot be made or is no folder.
    """
    try:
        # Every check is inside: a name too long or a folder that may not be searched makes
        # even the question "does it exist?" fail.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:  # exist_ok covers only an existing folder
        raise StappenplanError(f"{excerpt(folder)}: dit is geen map") from None
    except OSError as error:
        raise StappenplanError(
            f"{excerpt(folder)}: kan de map niet maken ({reason(error)})"
        ) from None
