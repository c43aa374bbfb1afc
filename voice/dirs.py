"""The user's folders: where Guichet keeps its data, its state and its cache.

The XDG base directories (``$XDG_DATA_HOME`` and so on, else their usual places under
the home folder), each with a ``guichet`` folder inside. Here, in the lowest part that
needs them, because voice (voices, joined models) and kiosk (question log, log file) both
do. Nothing is created: a caller makes the folder when it first writes.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "guichet"


def _base(variable: str, *default: str) -> Path:
    return Path(os.environ.get(variable) or Path.home().joinpath(*default))


def data_dir() -> Path:
    """Kept data (voices, the question log): ``$XDG_DATA_HOME/guichet``."""
    return _base("XDG_DATA_HOME", ".local", "share") / APP


def state_dir() -> Path:
    """State worth keeping but not backing up (the kiosk's log):
    ``$XDG_STATE_HOME/guichet``."""
    return _base("XDG_STATE_HOME", ".local", "state") / APP


def cache_dir() -> Path:
    """What can be made again (joined models): ``$GUICHET_CACHE``, else
    ``$XDG_CACHE_HOME/guichet``."""
    explicit = os.environ.get("GUICHET_CACHE")
    return Path(explicit) if explicit else _base("XDG_CACHE_HOME", ".cache") / APP


def voices_dir() -> Path:
    """Where ``guichet voices add`` puts Piper voices and the kiosk looks for them:
    ``$XDG_DATA_HOME/guichet/voices``. For the Pi's service user (home /var/lib/guichet)
    that is /var/lib/guichet/.local/share/guichet/voices."""
    return data_dir() / "voices"
