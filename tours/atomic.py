"""Writing a site's files so that a failed write never damages the file in place.

Each file is written to a temporary file in the same folder, flushed to the disk, then
renamed over the old one (``os.replace``, atomic on one file system): a full disk, a
killed build or a power cut leaves the previous ``tour.json`` whole, never half of it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from guichet.content.pack.yamlsrc import Problem
from guichet.tours.model import TourError


class SiteWriteError(TourError):
    """A file of the site could not be written (or its source read); the file in place,
    if any, is unchanged."""

    def __init__(self, path: Path, err: OSError, doing: str = "write") -> None:
        reason = err.strerror or str(err)
        kept = "; the file in place, if any, is unchanged" if doing == "write" else ""
        super().__init__([Problem(str(path), 0, f"cannot {doing}: {reason}{kept}")])


def _replace(target: Path, fill: Callable[[BinaryIO], object]) -> None:
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        # "x": a new file with the umask's permissions (not mkstemp's 0600), so that a
        # web server running as another user can still read the site.
        with temporary.open("xb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise SiteWriteError(target, err) from None


def write_bytes(target: Path, data: bytes) -> None:
    """Replace ``target`` by ``data`` in one step; raise :class:`SiteWriteError`."""
    _replace(target, lambda handle: handle.write(data))


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def copy_file(source: Path, target: Path) -> None:
    """Copy ``source`` over ``target`` in one step; raise :class:`SiteWriteError`."""
    try:
        stream = source.open("rb")
    except OSError as err:
        raise SiteWriteError(source, err, "read") from None
    with stream:
        _replace(target, lambda handle: shutil.copyfileobj(stream, handle))
