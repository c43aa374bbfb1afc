"""A tour's site publishes only the tour's own files, and a failed write never damages the
site in place (each file is written aside, then renamed over the old one)."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from guichet.tours import atomic
from guichet.tours.atomic import SiteWriteError
from guichet.tours.build import build_tour
from guichet.tours.model import check_tour, load_tour
from guichet.tours.site import write_site
from guichet.voice.tts import TtsConfig

TOUR = """tour:
  id: test
  title: {{fr: "{title}", en: "Test"}}
  languages: [fr, en]
stops:
  - id: mairie
    name: Mairie
    lat: 47.317
    lon: 4.835
    narration: {{fr: "{narration}", en: "Hello"}}
    images: {images}
    audio: {audio}
"""


def tour_file(folder: Path, title: str = "Test", narration: str = "Bonjour",
              images: str = "[]", audio: str = "{}") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tour.yaml"
    path.write_text(TOUR.format(title=title, narration=narration, images=images, audio=audio),
                    encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    tour, problems = check_tour(path)
    found = [str(p) for p in problems if p.severity == "error"]
    assert (tour is None) == bool(found)
    return found


def test_images_from_the_tour_folder_are_published(tmp_path: Path) -> None:
    (tmp_path / "tour" / "images").mkdir(parents=True)
    (tmp_path / "tour" / "images" / "mairie.jpg").write_bytes(b"\xff\xd8 a picture")
    path = tour_file(tmp_path / "tour", images="[images/mairie.jpg]")
    out = tmp_path / "site"
    write_site(load_tour(path), out, {})
    assert (out / "images" / "mairie-mairie.jpg").read_bytes() == b"\xff\xd8 a picture"
    stop = json.loads((out / "tour.json").read_text(encoding="utf-8"))["stops"][0]
    assert stop["images"] == ["images/mairie-mairie.jpg"]


@pytest.mark.parametrize("written", ["/etc/passwd", "../secret.jpg", "images/../../secret.jpg"])
def test_images_outside_the_tour_folder_are_errors_with_their_line(tmp_path: Path,
                                                                   written: str) -> None:
    (tmp_path / "secret.jpg").write_bytes(b"private")
    path = tour_file(tmp_path / "tour", images=f"['{written}']")
    assert errors(path) == [
        f"{path}:11: error: images of stop 'mairie': '{written}' must be a path inside the "
        "tour's folder, such as images/mairie.jpg (no absolute path, no '..')"]


def test_a_link_leading_out_of_the_tour_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "secret.jpg").write_bytes(b"private")
    (tmp_path / "tour" / "images").mkdir(parents=True)
    (tmp_path / "tour" / "images" / "innocent.jpg").symlink_to(tmp_path / "secret.jpg")
    (tmp_path / "tour" / "linked").symlink_to(tmp_path, target_is_directory=True)
    path = tour_file(tmp_path / "tour", images="[images/innocent.jpg, linked/secret.jpg]")
    found = errors(path)
    assert len(found) == 2
    for error in found:
        assert error.startswith(f"{path}:11: error: images of stop 'mairie': '")
        assert f"leads outside the tour's folder (a link to {tmp_path / 'secret.jpg'})" in error


def test_recordings_come_from_the_tour_folder_too(tmp_path: Path) -> None:
    path = tour_file(tmp_path / "tour", audio="{fr: /etc/hostname,\n      en: missing.mp3}")
    assert errors(path) == [
        f"{path}:12: error: audio of stop 'mairie' (fr): '/etc/hostname' must be a path inside "
        "the tour's folder, such as images/mairie.jpg (no absolute path, no '..')",
        f"{path}:13: error: audio of stop 'mairie' (en): file not found: "
        f"{(tmp_path / 'tour' / 'missing.mp3')}"]


@contextmanager
def largest_file(size: int) -> Iterator[None]:
    """The kernel refuses to write any file beyond ``size`` bytes (EFBIG), as a full disk
    refuses mid-write; SIGXFSZ ignored so that the write fails instead of the process."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def site_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def test_a_write_failing_midway_leaves_the_previous_tour_json_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site(load_tour(tour_file(tmp_path / "old", title="Ancien")), out, {})
    before = site_files(out)
    # The new tour.json is some 200 KB; every other file of the site is under 64 KB.
    new = load_tour(tour_file(tmp_path / "new", title="Nouveau", narration="mot " * 50_000))
    with largest_file(64 * 1024), pytest.raises(SiteWriteError) as caught:
        write_site(new, out, {})
    [problem] = caught.value.problems
    assert problem.file == str(out / "tour.json") and problem.line == 0
    assert problem.message == ("cannot write: File too large; the file in place, if any, is "
                               "unchanged")
    old = json.loads((out / "tour.json").read_text(encoding="utf-8"))
    assert old["title"]["fr"] == "Ancien"
    assert (out / "tour.json").read_bytes() == before["tour.json"]
    assert sorted(site_files(out)) == sorted(before)  # no temporary file left behind
    write_site(new, out, {})  # with room again, the new site replaces the old
    assert json.loads((out / "tour.json").read_text(encoding="utf-8"))["title"]["fr"] == \
        "Nouveau"


def test_a_failing_flush_to_disk_keeps_every_previous_file(tmp_path: Path,
                                                           monkeypatch) -> None:
    out = tmp_path / "site"
    write_site(load_tour(tour_file(tmp_path / "old", title="Ancien")), out, {})
    before = site_files(out)
    real_fsync = os.fsync
    flushed: list[str] = []

    def full_disk(fd: int) -> None:
        name = os.readlink(f"/proc/self/fd/{fd}")
        flushed.append(Path(name).name)
        if len(flushed) == 3:  # the page's first files are written, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(SiteWriteError, match="No space left on device"):
        write_site(load_tour(tour_file(tmp_path / "new", title="Nouveau")), out, {})
    assert all(name.startswith(".") and name.endswith(".tmp") for name in flushed)
    assert site_files(out) == before


def test_a_missing_site_folder_parent_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(SiteWriteError) as caught:
        write_site(load_tour(tour_file(tmp_path / "t")), tmp_path / "file" / "site", {})
    assert str(caught.value).startswith(f"{tmp_path / 'file' / 'site'}: error: cannot create "
                                        "the folder: ")


def test_a_full_disk_while_encoding_is_said_with_the_file_and_cleaned_up(
        tmp_path: Path) -> None:
    folder = tmp_path / "tour"
    folder.mkdir()
    tone = (np.sin(np.arange(22_050 * 2) / 10) * 8000).astype("<i2").tobytes()
    for lang in ("fr", "en"):
        with wave.open(str(folder / f"{lang}.wav"), "wb") as recording:
            recording.setnchannels(1)
            recording.setsampwidth(2)
            recording.setframerate(22_050)
            recording.writeframes(tone)
    tour = load_tour(tour_file(folder, audio="{fr: fr.wav, en: en.wav}"))
    out = tmp_path / "site"
    with largest_file(4096), pytest.raises(SiteWriteError) as caught:  # 2 s of MP3: 16 KB
        build_tour(tour, out, TtsConfig(), progress=False)
    [problem] = caught.value.problems
    assert problem.file.startswith(str(out / "audio" / "mairie-fr-"))
    assert problem.message.startswith("cannot write: File too large")
    assert not (out / "tour.json").exists()
    report = build_tour(tour, out, TtsConfig(), progress=False)
    assert report.rendered == 2 and report.reused == 0
    assert sorted(p.suffix for p in (out / "audio").iterdir()) == [".mp3", ".mp3"]
