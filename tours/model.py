"""Audio trails: the tour format, loaded and checked with file and line for every problem.

A tour is one YAML file: the tour (id, title and intro per language, languages, default
radius, optionally the knowledge pack its anecdotes come from) and its stops (id, name,
coordinates, radius, narration text or audio per language, anecdote ids, images,
``requires`` and playback mode). See ``tours/README.md`` for a complete example.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from guichet.content.pack.checker import Checker
from guichet.content.pack.loader import load_pack
from guichet.content.pack.model import Pack
from guichet.content.pack.yamlsrc import LineDict, LineList, Problem, YamlError, load_yaml
from guichet.tours.geofence import TRAVEL_DEFAULT, TRAVEL_SPEEDS
from guichet.tours.placement import far_stops, overlaps, radius_advice

_LOGGER = logging.getLogger(__name__)

_TOUR_KEYS = {"id", "title", "intro", "languages", "radius", "pack", "mode", "pronunciation"}
_STOP_KEYS = {"id", "name", "lat", "lon", "radius", "exit_radius", "narration", "spoken",
              "audio", "anecdotes", "images", "requires", "mode"}
INTRO = "intro"
"""The narration key of the tour's intro (``tours/build.py``, the page): no stop's id."""


@dataclass(frozen=True)
class TourStop:
    """One stop of a trail."""

    id: str
    """Unique id within the tour."""
    name: dict[str, str]
    """Per language: the stop's name."""
    lat: float
    """Latitude of the zone's centre (WGS84)."""
    lon: float
    """Longitude of the zone's centre."""
    radius: float
    """Entering within this many metres plays the narration."""
    exit_radius: float | None
    """Leaving beyond this many metres (default: radius + max(10 %, 20 m))."""
    narration: dict[str, str]
    """Per language: the text shown as transcript (anecdotes appended), spoken unless
    ``spoken`` has that language."""
    audio: dict[str, Path]
    """Per language: a recorded file to use instead of synthesized speech."""
    images: tuple[Path, ...] = ()
    """Pictures shown with the stop."""
    requires: tuple[str, ...] = ()
    """Stops that must have played first."""
    mode: str = "once"
    """"once" (never replays) or "resume" (plays again on a new visit)."""
    line: int = 0
    """Line of the stop in the tour file."""
    spoken: dict[str, str] = field(default_factory=dict)
    """Per language: the text to synthesize instead of the narration (the page still
    shows the narration)."""

    def speech(self, lang: str) -> str:
        """The text to synthesize in ``lang`` (before the tour's pronunciations)."""
        return self.spoken.get(lang) or self.narration.get(lang, "")


@dataclass
class Tour:
    """A checked tour."""

    id: str
    title: dict[str, str]
    intro: dict[str, str]
    languages: tuple[str, ...]
    radius: float
    stops: list[TourStop]
    file: Path
    warnings: list[Problem] = field(default_factory=list)
    travel: str = TRAVEL_DEFAULT
    """How visitors go round (``mode:`` in the file): walk, cycle or drive (the geofence's
    speed limit for believable fixes)."""
    pronunciation: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per language: written word -> how to spell it for the voice (synthesis only)."""
    pack: Pack | None = None
    """The knowledge pack the tour names (its anecdotes, and the town's facts its page's
    questions are answered from), or None."""


class TourError(Exception):
    """The tour has errors; ``problems`` lists each with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems if p.severity == "error"))


def _cycle(requires: dict[str, tuple[str, ...]]) -> list[str] | None:
    """A cycle in the ``requires`` graph, as a list of ids, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in requires.get(node, ()):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt in requires and state.get(nxt) is None and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in requires:
        if state.get(node) is None and (found := visit(node)):
            return found
    return None


class _TourChecker(Checker):
    def __init__(self, file: Path) -> None:
        super().__init__()
        self.file = file
        self.name = str(file)

    def radius(self, data: LineDict, key: str, what: str, default: float | None) -> float | None:
        if key not in data:
            return default
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.error(self.name, data.line_of(key), f"'{key}' of {what} must be a positive "
                       f"number of metres, not {value!r}")
            return default
        if warning := radius_advice(what, value, key):
            self.warn(self.name, data.line_of(key), warning)
        return float(value)

    def own_file(self, value: object, line: int, what: str) -> Path:
        """A file the site will publish: only from the tour's own folder (or below it),
        so that no path or link puts a file from elsewhere on the town's site."""
        written = Path(str(value))
        path = (self.file.parent / written).resolve()
        folder = self.file.parent.resolve()
        if written.is_absolute() or ".." in written.parts:
            self.error(self.name, line, f"{what}: '{value}' must be a path inside the tour's "
                       "folder, such as images/mairie.jpg (no absolute path, no '..')")
        elif not path.is_relative_to(folder):
            self.error(self.name, line, f"{what}: '{value}' leads outside the tour's folder "
                       f"(a link to {path}): copy the file into the folder")
        elif not path.is_file():
            self.error(self.name, line, f"{what}: file not found: {path}")
        return path

    def files(self, data: LineDict, key: str, what: str) -> list[Path]:
        raw = data.get(key, [])
        raw = raw if isinstance(raw, list) else [raw]
        return [self.own_file(value, raw.line_of(index) if isinstance(raw, LineList)
                              else data.line_of(key), what)
                for index, value in enumerate(raw)]


def _stop(data: LineDict, check: _TourChecker, langs: tuple[str, ...], radius: float,
          seen: dict[str, str], pack: Pack | None) -> TourStop | None:
    file = check.name
    stop_id = check.ident(data, file, "a stop", seen)
    if stop_id == INTRO:
        check.error(file, data.line_of("id"), f"the id '{INTRO}' is reserved for the tour's "
                    "intro (its narration and audio go by that name): choose another id for "
                    "this stop")
    what = f"stop '{stop_id}'" if stop_id else "a stop"
    check.unknown_keys(data, _STOP_KEYS, file, what)
    name = check.per_language(data, "name", file, what, langs, many=False, plain_ok=True)
    lat = check.coordinate(data, "lat", file, what, 90)
    lon = check.coordinate(data, "lon", file, what, 180)
    if "lat" not in data or "lon" not in data:
        check.error(file, data.line, f"{what} needs 'lat' and 'lon' (decimal degrees)")
    zone = check.radius(data, "radius", what, radius) or radius  # the tour's: warned there
    exit_radius = check.radius(data, "exit_radius", what, None)
    if exit_radius is not None and exit_radius <= zone:
        check.error(file, data.line_of("exit_radius"), f"'exit_radius' of {what} must be "
                    f"larger than its radius ({zone:g} m)")
    narration = check.per_language(data, "narration", file, what, langs, many=False,
                                   required=False)
    spoken = check.per_language(data, "spoken", file, what, langs, many=False, required=False)
    audio_raw = check.per_language(data, "audio", file, what, langs, many=False,
                                   required=False)
    written = data.get("audio")
    audio = {lang: check.own_file(value, written.line_of(lang) if isinstance(written, LineDict)
                                  else data.line_of("audio"), f"audio of {what} ({lang})")
             for lang, value in audio_raw.items()}
    stories = data.get("anecdotes", [])
    stories = stories if isinstance(stories, list) else [stories]
    for index, story_id in enumerate(stories):
        line = stories.line_of(index) if isinstance(stories, LineList) else data.line
        if pack is None:
            check.error(file, line, f"{what} uses anecdote '{story_id}' but the tour names no "
                        "'pack' to take it from")
            continue
        story = next((a for a in pack.anecdotes if a.id == story_id), None)
        if story is None:
            check.error(file, line, f"{what}: unknown anecdote '{story_id}' (not in "
                        f"{pack.root})")
            continue
        for lang in langs:
            if lang in story.text:
                narration[lang] = " ".join(x for x in (narration.get(lang), story.text[lang]) if x)
    for lang in langs:
        if lang not in narration and lang not in audio:
            check.error(file, data.line, f"{what} has no narration for '{lang}' (give "
                        f"'narration.{lang}', 'audio.{lang}' or an anecdote in '{lang}')")
    requires = data.get("requires", [])
    requires = tuple(str(x) for x in (requires if isinstance(requires, list) else [requires]))
    mode = str(data.get("mode", "once"))
    if mode not in ("once", "resume"):
        check.error(file, data.line_of("mode"), f"'mode' of {what} must be 'once' or "
                    f"'resume', not '{mode}'")
    images = tuple(check.files(data, "images", f"images of {what}"))
    if stop_id is None or lat is None or lon is None or not name:
        return None
    return TourStop(stop_id, name, lat, lon, zone, exit_radius, narration, audio, images,
                    requires, mode, data.line, spoken)


def _pronunciation(data: LineDict, check: _TourChecker,
                   langs: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """``pronunciation: {fr: {"Cité": "Sité"}}``: per language, written -> spoken words."""
    if "pronunciation" not in data:
        return {}
    file = check.name
    raw = check.mapping(data["pronunciation"], file, data.line_of("pronunciation"),
                        "'pronunciation' of 'tour' (per language, e.g. fr: {Cité: Sité})")
    result: dict[str, dict[str, str]] = {}
    for lang, words in (raw or {}).items():
        line = raw.line_of(lang) if isinstance(raw, LineDict) else data.line
        if lang not in langs:
            check.error(file, line, f"'pronunciation' has '{lang}', not a language of the "
                        f"tour ({', '.join(langs)})")
            continue
        table = check.mapping(words, file, line, f"'pronunciation.{lang}' (written: spoken)")
        for written, said in (table or {}).items():
            if not isinstance(written, str) or not isinstance(said, str) or not \
                    written.strip() or not said.strip():
                check.error(file, table.line_of(written) if isinstance(table, LineDict)
                            else line, f"'pronunciation.{lang}': '{written}: {said}' must "
                            "be a word and how to spell it for the voice, both text")
                continue
            result.setdefault(lang, {})[written.strip()] = said.strip()
    return result


def check_tour(path: Path) -> tuple[Tour | None, list[Problem]]:
    """Load and check a tour file; the tour is None when it has errors."""
    check = _TourChecker(path)
    file = str(path)
    try:
        raw = load_yaml(path)
    except YamlError as err:
        return None, [err.problem]
    top = check.mapping(raw, file, 1, path.name)
    if top is None:
        return None, check.problems
    check.unknown_keys(top, {"tour", "stops"}, file, path.name)
    data = check.mapping(top.get("tour"), file, top.line_of("tour"), "'tour'")
    items = check.items(top, "stops", file) if "stops" in top else None
    if data is None or items is None:
        if "stops" not in top:
            check.error(file, top.line, "the tour needs 'stops': a list of stops")
        return None, check.problems
    check.unknown_keys(data, _TOUR_KEYS, file, "'tour'")
    langs_raw = data.get("languages")
    langs = tuple(str(x) for x in langs_raw) if isinstance(langs_raw, list) and langs_raw else ()
    if not langs:
        check.error(file, data.line_of("languages"), "'tour' needs 'languages', e.g. [fr, en]")
        return None, check.problems
    tour_id = check.ident(data, file, "'tour'", {})
    title = check.per_language(data, "title", file, "'tour'", langs, many=False, plain_ok=True)
    intro = check.per_language(data, "intro", file, "'tour'", langs, many=False, required=False)
    radius = check.radius(data, "radius", "'tour'", 70.0) or 70.0
    travel = str(data.get("mode", TRAVEL_DEFAULT))
    if travel not in TRAVEL_SPEEDS:
        check.error(file, data.line_of("mode"), f"'mode' of 'tour' (how visitors go round) "
                    f"must be one of {', '.join(TRAVEL_SPEEDS)}, not '{travel}'")
    pronunciation = _pronunciation(data, check, langs)
    pack = None
    if "pack" in data:
        try:
            pack = load_pack((path.parent / str(data["pack"])).resolve())
        except Exception as err:  # noqa: BLE001 - PackError and OSError: reported the same
            check.error(file, data.line_of("pack"), f"the pack cannot be loaded: {err}")
    seen: dict[str, str] = {}
    stops = []
    for index, item in enumerate(items):
        stop_data = check.mapping(item, file, items.line_of(index), "a stop")
        if stop_data is not None and (stop := _stop(stop_data, check, langs, radius, seen, pack)):
            stops.append(stop)
    ids = {s.id for s in stops}
    for stop in stops:
        for needed in stop.requires:
            if needed not in ids:
                check.error(file, stop.line, f"stop '{stop.id}' requires unknown stop "
                            f"'{needed}'")
    if cycle := _cycle({s.id: s.requires for s in stops}):
        check.error(file, next(s.line for s in stops if s.id == cycle[0]),
                    f"'requires' goes round in a circle: {' -> '.join(cycle)}: no stop of it "
                    "could ever play")
    if not items:
        check.error(file, top.line_of("stops"), "a tour needs at least one stop: list them "
                    "under 'stops' ('- id: ...', see tours/README.md)")
    for line, message in overlaps(stops) + far_stops(stops, travel if travel in TRAVEL_SPEEDS
                                                      else TRAVEL_DEFAULT):
        check.warn(file, line, message)
    if check.has_errors or tour_id is None:
        return None, check.problems
    warnings = [p for p in check.problems if p.severity == "warning"]
    return (Tour(tour_id, title, intro, langs, radius, stops, path, warnings, travel,
                 pronunciation, pack), check.problems)


def load_tour(path: Path) -> Tour:
    tour, problems = check_tour(path)
    if tour is None:
        raise TourError(problems)
    return tour
