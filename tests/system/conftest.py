"""Fixtures of the system tests: the demo tour, built once with real Piper narration."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from guichet.content.pack.loader import Pack
from guichet.kiosk.config import GuichetConfig
from guichet.tours.build import build_tour
from guichet.tours.knowledge import tour_pack
from guichet.tours.model import load_tour
from tests.support.paths import REPO

DEMO_TOUR = REPO / "tours" / "demo" / "vieille-ville.yaml"


@pytest.fixture(scope="session")
def built_tour(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tour-site")
    build_tour(load_tour(DEMO_TOUR), out, GuichetConfig().tts, progress=False)
    return out


@pytest.fixture(scope="session")
def english_only_tour(built_tour: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site as built where no French voice is installed: French text, no French
    audio (whatever voices this machine has)."""
    out = tmp_path_factory.mktemp("tour-site-en-audio") / "site"
    shutil.copytree(built_tour, out)
    data = json.loads((out / "tour.json").read_text(encoding="utf-8"))
    assert data["intro_audio"]["en"] and all(s["audio"]["en"] for s in data["stops"])
    data["intro_audio"]["fr"] = None
    for stop in data["stops"]:
        stop["audio"]["fr"] = None
    (out / "tour.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def stele_without_french(built_tour: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site with French audio for every stop but one (the stele), as when a town
    recorded French narrations for some stops. No French voice installs here: the French
    audio files are the English ones, standing for the recordings."""
    out = tmp_path_factory.mktemp("tour-site-stele-en") / "site"
    shutil.copytree(built_tour, out)
    data = json.loads((out / "tour.json").read_text(encoding="utf-8"))
    data["intro_audio"]["fr"] = data["intro_audio"]["en"]
    for stop in data["stops"]:
        assert stop["audio"]["en"]
        stop["audio"]["fr"] = None if stop["id"] == "stele" else stop["audio"]["en"]
    (out / "tour.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.fixture
def tour_answers(built_tour: Path, demo_pack: Pack) -> Pack:
    """What ``tour serve`` answers the demo tour's page from (it names the demo pack)."""
    return tour_pack(json.loads((built_tour / "tour.json").read_text(encoding="utf-8")),
                     demo_pack)
