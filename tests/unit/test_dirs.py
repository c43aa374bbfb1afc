"""The user's folders: XDG variables when set, the usual places under home otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.voice import dirs


def test_xdg_variables_are_followed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GUICHET_CACHE", raising=False)
    for name in ("DATA", "STATE", "CACHE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / name.lower()))
    assert dirs.data_dir() == tmp_path / "data" / "guichet"
    assert dirs.state_dir() == tmp_path / "state" / "guichet"
    assert dirs.cache_dir() == tmp_path / "cache" / "guichet"
    monkeypatch.setenv("GUICHET_CACHE", str(tmp_path / "models"))
    assert dirs.cache_dir() == tmp_path / "models"  # the kiosk's own setting wins


def test_unset_or_empty_variables_mean_the_usual_places(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "")
    monkeypatch.setenv("GUICHET_CACHE", "")
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    assert dirs.data_dir() == tmp_path / ".local" / "share" / "guichet"
    assert dirs.state_dir() == tmp_path / ".local" / "state" / "guichet"
    assert dirs.cache_dir() == tmp_path / ".cache" / "guichet"
