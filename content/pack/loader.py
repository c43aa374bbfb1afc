"""Loading a knowledge pack: a folder of YAML files, checked, every problem with file:line.

``town.yaml`` says who the town is. Every other ``*.yaml`` file may hold any of the
sections ``faq``, ``services``, ``anecdotes`` and ``mobility``. Nothing the town wrote is
rewritten: problems are reported, never silently fixed.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guichet.content.pack.checker import LANG_RE, Checker
from guichet.content.pack.hours_hint import suggest
from guichet.content.pack.model import (
    DEFAULT_REFERRAL,
    Anecdote,
    FaqEntry,
    Mobility,
    Pack,
    PackError,
    Service,
    Town,
)
from guichet.content.pack.yamlsrc import LineDict, LineList, Problem, YamlError, load_yaml

_LOGGER = logging.getLogger(__name__)

DEMO_PACK = Path(__file__).parent.parent / "demo"

__all__ = ["DEFAULT_REFERRAL", "DEMO_PACK", "FaqEntry", "Pack", "PackError", "Service",
           "Town", "check_pack", "load_pack"]

_TOWN_KEYS = {"id", "name", "languages", "desk_phone", "referral", "timezone", "country"}
_FAQ_KEYS = {"id", "questions", "answer", "tags", "source", "updated"}
_SERVICE_KEYS = {"id", "name", "handles", "aliases", "address", "phone", "email",
                 "opening_hours", "tags", "access", "prices", "rules", "source", "updated"}
_ANECDOTE_KEYS = {"id", "place", "text", "lat", "lon", "tags", "source", "updated"}
_MOBILITY_KEYS = {"gtfs", "parking", "parking_availability", "stop", "stop_aliases",
                  "stale_after_min"}
_SECTIONS = {"faq", "services", "anecdotes", "mobility", "synonyms"}


def _load_town(path: Path, check: Checker) -> Town | None:
    file = str(path)
    try:
        raw = load_yaml(path)
    except YamlError as err:
        check.problems.append(err.problem)
        return None
    top = check.mapping(raw, file, 1, "town.yaml")
    if top is None:
        return None
    check.unknown_keys(top, {"town"}, file, "town.yaml")
    data = check.mapping(top.get("town"), file, top.line_of("town"), "'town'")
    if data is None:
        return None
    check.unknown_keys(data, _TOWN_KEYS, file, "'town'")
    town_id = check.text(data, "id", file, "'town'")
    name = check.text(data, "name", file, "'town'")
    phone = check.phone(data, "desk_phone", file, "'town'") if "desk_phone" in data else None
    if phone is None:
        check.error(file, data.line, "'town' needs 'desk_phone': the number given whenever "
                    "the kiosk cannot answer")
    langs_raw = data.get("languages")
    languages: tuple[str, ...] = ()
    if isinstance(langs_raw, LineList) and langs_raw:
        languages = tuple(str(x) for x in langs_raw)
        for index, lang in enumerate(languages):
            if not LANG_RE.match(lang):
                check.error(file, langs_raw.line_of(index), f"language '{lang}' must be a "
                            "two-letter ISO 639-1 code such as 'fr' or 'en'")
    else:
        check.error(file, data.line_of("languages"), "'town' needs 'languages': a list such as "
                    "[fr, en] (the first is the town's own language)")
    timezone = check.text(data, "timezone", file, "'town'", required=False) or "Europe/Paris"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        check.error(file, data.line_of("timezone"), f"unknown time zone '{timezone}' "
                    "(use an IANA name such as Europe/Paris)")
    country = check.text(data, "country", file, "'town'", required=False) or "FR"
    referral = check.per_language(data, "referral", file, "'town'", languages, many=False,
                                  required=False) if languages else {}
    if town_id is None or name is None or phone is None or not languages:
        return None
    return Town(town_id, name, languages, phone, referral, timezone, country.upper())


def _faq_entry(data: LineDict, file: str, town: Town, check: Checker,
               seen: dict[str, str]) -> FaqEntry | None:
    entry_id = check.ident(data, file, "a FAQ entry", seen)
    what = f"entry '{entry_id}'" if entry_id else "a FAQ entry"
    check.unknown_keys(data, _FAQ_KEYS, file, what)
    questions = check.per_language(data, "questions", file, what, town.languages, many=True)
    answer = check.per_language(data, "answer", file, what, town.languages, many=False)
    check.translations(answer, data, "answer", file, what, town.languages, True)
    check.translations(questions, data, "questions", file, what, town.languages, False)
    tags = check.tags(data, file, what)
    source = check.text(data, "source", file, what, required=False) or ""
    updated = check.date(data, "updated", file, what)
    if not (entry_id and questions and answer):
        return None
    return FaqEntry(entry_id, questions, answer, tags, source, file, data.line, updated)


_COLUMN_RE = re.compile(r"-->\s*\d+:(\d+)")
_EXPECTED_RE = re.compile(r"=\s*(.+)$", re.MULTILINE)


def _hours_problem(expr: str, country: str) -> str | None:
    """None when ``expr`` parses; else the offending part, in one line."""
    from opening_hours import OpeningHours, ParserError  # type: ignore[attr-defined]

    try:
        OpeningHours(expr, country=country)
    except ParserError as err:
        text = str(err)
        column = _COLUMN_RE.search(text)
        expected = _EXPECTED_RE.search(text)
        where = ""
        if column:
            col = int(column.group(1))
            where = f" at column {col}: '{expr[col - 1:col + 11]}'"
        hint = f" ({expected.group(1).strip()})" if expected else ""
        suggestion = suggest(expr)
        if suggestion:
            if _hours_problem(suggestion, country) is None:
                hint = f"; write it as '{suggestion}'"
            else:  # days without hours: HH:MM-HH:MM left to fill in
                hint = f"; write it as '{suggestion}' with the hours filled in"
            where = ""
        return f"invalid opening_hours '{expr}'{where}{hint} (OpenStreetMap form: days " \
               "Mo Tu We Th Fr Sa Su, hours 08:00-18:00, PH public holidays, off closed); " \
               "see https://wiki.openstreetmap.org/wiki/Key:opening_hours"
    return None


def _service(data: LineDict, file: str, town: Town, check: Checker,
             seen: dict[str, str]) -> Service | None:
    service_id = check.ident(data, file, "a service", seen)
    what = f"service '{service_id}'" if service_id else "a service"
    check.unknown_keys(data, _SERVICE_KEYS, file, what)
    langs = town.languages
    name = check.per_language(data, "name", file, what, langs, many=False, plain_ok=True)
    check.translations(name, data, "name", file, what, langs, True)
    handles = check.per_language(data, "handles", file, what, langs, many=True, required=False)
    check.translations(handles, data, "handles", file, what, langs, False)
    aliases = check.per_language(data, "aliases", file, what, langs, many=True, required=False)
    hours = check.text(data, "opening_hours", file, what, required=False) or ""
    if hours and (problem := _hours_problem(hours, town.country)):
        check.error(file, data.line_of("opening_hours"), f"{what}: {problem}")
    check.not_plain(data, "access", file, what, langs)
    access = check.per_language(data, "access", file, what, langs, many=False, required=False)
    check.translations(access, data, "access", file, what, langs, True)
    service = Service(
        service_id or "", name, handles, aliases,
        check.text(data, "address", file, what, required=False) or "",
        check.phone(data, "phone", file, what), check.email(data, "email", file, what),
        hours, file, data.line, access, check.prices(data, file, what, langs),
        check.rules(data, file, what, langs),
        check.text(data, "source", file, what, required=False) or "",
        check.date(data, "updated", file, what),
    )
    return service if service_id and name else None


def _anecdote(data: LineDict, file: str, town: Town, check: Checker,
              seen: dict[str, str]) -> Anecdote | None:
    anecdote_id = check.ident(data, file, "an anecdote", seen)
    what = f"anecdote '{anecdote_id}'" if anecdote_id else "an anecdote"
    check.unknown_keys(data, _ANECDOTE_KEYS, file, what)
    langs = town.languages
    place = check.per_language(data, "place", file, what, langs, many=False, plain_ok=True)
    text = check.per_language(data, "text", file, what, langs, many=False)
    check.translations(text, data, "text", file, what, langs, True)
    lat = check.coordinate(data, "lat", file, what, 90)
    lon = check.coordinate(data, "lon", file, what, 180)
    if ("lat" in data) != ("lon" in data):
        check.error(file, data.line, f"{what} needs both 'lat' and 'lon', or neither")
    source = check.text(data, "source", file, what, required=False) or ""
    updated = check.date(data, "updated", file, what)
    if not (anecdote_id and place and text):
        return None
    return Anecdote(anecdote_id, place, text, lat, lon, check.tags(data, file, what), source,
                    updated)


def _mobility(data: LineDict, file: str, root: Path, check: Checker) -> Mobility:
    check.unknown_keys(data, _MOBILITY_KEYS, file, "'mobility'")

    def path(key: str) -> Path | None:
        value = check.text(data, key, file, "'mobility'", required=False)
        if value is None:
            return None
        resolved = (root / value).resolve()
        if not resolved.is_file():
            check.error(file, data.line_of(key), f"'{key}' file not found: {resolved}")
        return resolved

    feeds = data.get("gtfs", [])
    feeds = feeds if isinstance(feeds, list) else [feeds]
    gtfs = []
    for index, value in enumerate(feeds):
        resolved = (root / str(value)).resolve()
        if not resolved.exists():  # a .zip, or a folder of .txt files
            line = feeds.line_of(index) if isinstance(feeds, LineList) else data.line_of("gtfs")
            check.error(file, line, f"GTFS feed not found: {resolved}")
        gtfs.append(resolved)
    aliases_raw = data.get("stop_aliases", {})
    aliases: dict[str, list[str]] = {}
    if isinstance(aliases_raw, dict):
        aliases = {str(k): [str(x) for x in (v if isinstance(v, list) else [v])]
                   for k, v in aliases_raw.items()}
    else:
        check.error(file, data.line_of("stop_aliases"), "'stop_aliases' must map a stop id "
                    "to a list of names")
    stale = data.get("stale_after_min", 15.0)
    if isinstance(stale, bool) or not isinstance(stale, (int, float)) or stale <= 0:
        check.error(file, data.line_of("stale_after_min"), "'stale_after_min' must be a "
                    "positive number of minutes")
        stale = 15.0
    return Mobility(tuple(gtfs), path("parking"), path("parking_availability"),
                    check.text(data, "stop", file, "'mobility'", required=False) or "",
                    aliases, float(stale))


class _Seen:
    """What earlier files of the pack declared: ids, synonym words and groups."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.synonym_words: dict[tuple[str, str], str] = {}
        self.synonyms: dict[str, list[tuple[str, ...]]] = {}


def _load_file(path: Path, town: Town, check: Checker, seen: _Seen, pack: Pack) -> None:
    file = str(path)
    try:
        raw = load_yaml(path)
    except YamlError as err:
        check.problems.append(err.problem)
        return
    if raw is None:
        check.warn(file, 0, "the file is empty")
        return
    top = check.mapping(raw, file, 1, path.name)
    if top is None:
        return
    check.unknown_keys(top, _SECTIONS, file, path.name)
    loaders = {"faq": (_faq_entry, pack.faq), "services": (_service, pack.services),
               "anecdotes": (_anecdote, pack.anecdotes)}
    for section, (loader, target) in loaders.items():
        if section not in top:
            continue
        items = check.items(top, section, file)
        for index, item in enumerate(items or []):
            data = check.mapping(item, file, items.line_of(index) if items else 0,
                                 f"an item of '{section}'")
            if data is not None and (built := loader(data, file, town, check, seen.ids)):
                target.append(built)  # type: ignore[attr-defined]
    if "synonyms" in top:
        check.synonyms(top["synonyms"], file, top.line_of("synonyms"), town.languages,
                       seen.synonyms, seen.synonym_words)
    if "mobility" in top:
        data = check.mapping(top["mobility"], file, top.line_of("mobility"), "'mobility'")
        if data is not None:
            pack.mobility = _mobility(data, file, path.parent, check)


def check_pack(root: Path) -> tuple[Pack | None, list[Problem]]:
    """Load and check a pack; return it (None when it has errors) and every problem."""
    check = Checker()
    if not root.is_dir():
        check.error(str(root), 0, "not a folder: a content pack is a folder with town.yaml")
        return None, check.problems
    if not (root / "town.yaml").is_file():
        check.error(str(root / "town.yaml"), 0, "missing: every pack needs a town.yaml")
        return None, check.problems
    town = _load_town(root / "town.yaml", check)
    if town is None:
        return None, check.problems
    pack = Pack(town, [], root)
    seen = _Seen()
    for path in sorted(root.glob("*.yaml")):
        if path.name != "town.yaml":
            _load_file(path, town, check, seen, pack)
    pack.synonyms = {lang: tuple(groups) for lang, groups in seen.synonyms.items()}
    if not pack.faq and not pack.services and not check.has_errors:
        check.warn(str(root), 0, "the pack has no FAQ entries and no services: every "
                   "question will be declined")
    if check.has_errors:
        return None, check.problems
    pack.warnings = [p for p in check.problems if p.severity == "warning"]
    return pack, check.problems


def load_pack(root: Path) -> Pack:
    """Load a pack or raise :class:`PackError` listing every error with file and line."""
    pack, problems = check_pack(root)
    if pack is None:
        raise PackError(problems)
    for problem in pack.warnings:
        _LOGGER.debug("%s", problem)
    return pack
