"""Tour files: the demo loads; every mistake a town could make is reported with file:line."""

from __future__ import annotations

from pathlib import Path

from guichet.tours.model import check_tour
from tests.support.paths import DEMO as PACK
from tests.support.paths import DEMO_TOUR

DEMO = DEMO_TOUR

HEAD = f"""tour:
  id: test
  title: {{fr: "Test", en: "Test"}}
  languages: [fr, en]
  radius: 50
  pack: {PACK}
stops:
"""


def write(tmp_path: Path, stops: str) -> Path:
    path = tmp_path / "tour.yaml"
    path.write_text(HEAD + stops, encoding="utf-8")
    return path


def test_the_demo_tour_is_valid_with_eight_or_more_stops() -> None:
    tour, problems = check_tour(DEMO)
    assert tour is not None, [str(p) for p in problems]
    assert problems == []
    assert len(tour.stops) >= 8 and tour.languages == ("fr", "en")
    church = next(s for s in tour.stops if s.id == "eglise")
    assert "1152" in church.narration["fr"] and "1152" in church.narration["en"]
    assert next(s for s in tour.stops if s.id == "chateau").requires == ("eglise",)


def test_each_error_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, """  - id: a
    name: A
    lat: 147.3
    lon: 4.83
    narration: {fr: "Bonjour", en: "Hello"}
  - id: b
    name: B
    lat: 47.31
    lon: 4.83
    narration: {fr: "Bonjour"}
  - id: c
    name: C
    lat: 47.32
    lon: 4.84
    requires: [zzz]
    anecdotes: [no-such-story]
    narration: {fr: "Bonjour", en: "Hello"}
  - id: b
    name: B2
    lat: 47.33
    lon: 4.84
    mode: twice
    narration: {fr: "Bonjour", en: "Hello"}
""")
    tour, problems = check_tour(path)
    assert tour is None
    errors = [str(p) for p in problems if p.severity == "error"]
    file = str(path)

    def has(line: int, words: str) -> bool:
        return any(e.startswith(f"{file}:{line}:") and words in e for e in errors)

    assert has(10, "'lat' of stop 'a' must be a number between -90 and 90"), errors
    assert has(13, "stop 'b' has no narration for 'en'"), errors
    assert has(18, "requires unknown stop 'zzz'"), errors
    assert has(23, "unknown anecdote 'no-such-story'"), errors
    assert has(25, "duplicate id 'b'"), errors
    assert has(29, "'mode' of stop 'b' must be 'once' or 'resume'"), errors


def test_cycles_in_requires_are_errors_and_overlaps_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, """  - id: a
    name: A
    lat: 47.3170
    lon: 4.8350
    requires: [c]
    narration: {fr: "A", en: "A"}
  - id: b
    name: B
    lat: 47.3172
    lon: 4.8350
    radius: 400
    requires: [a]
    narration: {fr: "B", en: "B"}
  - id: c
    name: C
    lat: 47.3250
    lon: 4.8350
    radius: 10
    requires: [b]
    narration: {fr: "C", en: "C"}
""")
    tour, problems = check_tour(path)
    assert tour is None
    messages = [str(p) for p in problems]
    assert any(":8: error:" in m and "circle: a -> c -> b -> a" in m for m in messages), messages
    assert any(":18: warning:" in m and "400 m: outside 15-300 m" in m for m in messages)
    assert any(":25: warning:" in m and "10 m: outside 15-300 m" in m for m in messages)
    assert any(":14: warning:" in m and "zones of 'a' and 'b' overlap" in m for m in messages)




def test_a_tour_without_stops_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(HEAD.replace("stops:\n", "stops: []\n"), encoding="utf-8")
    tour, problems = check_tour(path)
    assert tour is None
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any(e.startswith(f"{path}:7: error:") and "a tour needs at least one stop" in e
               for e in errors), errors


def test_the_id_intro_is_reserved_for_the_tours_intro(tmp_path: Path) -> None:
    path = write(tmp_path, '  - {id: intro, name: Intro, lat: 47.317, lon: 4.835, '
                 'narration: {fr: "Bonjour", en: "Hello"}}\n')
    tour, problems = check_tour(path)
    assert tour is None
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any(e.startswith(f"{path}:8: error:") and "'intro' is reserved" in e
               and "choose another id" in e for e in errors), errors
