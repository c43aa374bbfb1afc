"""The knowledge pack: the town's facts as written by its staff, loaded and checked.

A pack is a folder: ``town.yaml`` (who the town is, its languages, the desk's number)
and any number of other ``*.yaml`` files holding ``faq:`` entries. Every problem is
reported with its file and line; nothing the town wrote is rewritten.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content.yamlsrc import LineDict, LineList, Problem, YamlError, load_yaml

_LOGGER = logging.getLogger(__name__)

DEMO_PACK = Path(__file__).parent / "demo"

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG_RE = re.compile(r"^[a-z]{2}$")

DEFAULT_REFERRAL = {
    "fr": "Je n'ai pas cette information. Adressez-vous à l'accueil de la mairie au {phone}.",
    "en": "I do not have this information. Please ask the town hall desk on {phone}.",
}


@dataclass(frozen=True)
class Town:
    """Who the town is and how the kiosk refers visitors to a human."""

    id: str
    """Short identifier, e.g. ``montrevel``."""
    name: str
    """The town's name as spoken."""
    languages: tuple[str, ...]
    """ISO 639-1 codes; the first is the town's own language (the fallback)."""
    desk_phone: str
    """The desk's phone number, given whenever the kiosk cannot answer."""
    referral: dict[str, str]
    """Per language: the sentence said when the kiosk does not know; ``{phone}`` is filled."""

    @property
    def language(self) -> str:
        """The town's own language."""
        return self.languages[0]

    def referral_text(self, lang: str) -> str:
        template = self.referral.get(lang) or DEFAULT_REFERRAL.get(lang)
        if template is None:
            template = self.referral.get(self.language) or DEFAULT_REFERRAL["en"]
        return template.replace("{phone}", self.desk_phone)


@dataclass(frozen=True)
class FaqEntry:
    """One fact of the town: the ways visitors ask for it and the answer, per language."""

    id: str
    """Unique id; it is the source id shown with every answer drawn from this entry."""
    questions: dict[str, tuple[str, ...]]
    """Per language: phrasings a visitor would say."""
    answer: dict[str, str]
    """Per language: the answer, in short sentences."""
    tags: tuple[str, ...] = ()
    """Topics, used for search and the staff report."""
    source: str = ""
    """Where the fact comes from (a notice, a council decision, a web page)."""
    file: str = ""
    """File the entry was written in."""
    line: int = 0
    """Line the entry starts on."""


@dataclass
class Pack:
    """A loaded, checked knowledge pack."""

    town: Town
    """The town."""
    faq: list[FaqEntry]
    """All FAQ entries, in file order."""
    root: Path
    """Folder the pack was loaded from."""
    warnings: list[Problem] = field(default_factory=list)
    """Non-fatal problems (e.g. missing translations)."""

    def entry(self, entry_id: str) -> FaqEntry:
        for item in self.faq:
            if item.id == entry_id:
                return item
        raise KeyError(entry_id)


class PackError(Exception):
    """The pack has errors; ``problems`` lists each one with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in errors)
        super().__init__(f"the content pack has {len(errors)} error(s):\n{lines}")


class _Checker:
    """Collects problems while turning raw YAML into typed entries."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def warn(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message, "warning"))

    def mapping(self, value: Any, file: str, line: int, what: str) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.error(file, line, f"{what} must be a mapping of 'key: value' lines")
        return None

    def unknown_keys(self, data: LineDict, known: set[str], file: str, what: str) -> None:
        for key in data:
            if key not in known:
                allowed = ", ".join(sorted(known))
                self.error(file, data.line_of(key), f"unknown key '{key}' in {what} "
                           f"(allowed: {allowed})")

    def text(self, data: LineDict, key: str, file: str, what: str) -> str | None:
        value = data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.error(file, data.line_of(key) if key in data else data.line,
                       f"{what} needs '{key}': a non-empty text")
            return None
        return value.strip()

    def per_language(
        self, data: LineDict, key: str, file: str, what: str, languages: tuple[str, ...],
        many: bool,
    ) -> dict[str, Any]:
        raw = self.mapping(data.get(key), file, data.line_of(key), f"'{key}' of {what}")
        if raw is None:
            return {}
        result: dict[str, Any] = {}
        for lang, value in raw.items():
            line = raw.line_of(lang)
            if lang not in languages:
                self.error(file, line, f"language '{lang}' in {what} is not one of the "
                           f"town's languages ({', '.join(languages)}); add it to town.yaml "
                           "or fix the code")
                continue
            if many:
                items = value if isinstance(value, list) else [value]
                texts = tuple(str(v).strip() for v in items if str(v).strip())
                if not texts:
                    self.error(file, line, f"'{key}.{lang}' of {what} is empty")
                    continue
                result[lang] = texts
            else:
                if not isinstance(value, (str, int, float)) or not str(value).strip():
                    self.error(file, line, f"'{key}.{lang}' of {what} must be a text")
                    continue
                result[lang] = str(value).strip()
        return result


_TOWN_KEYS = {"id", "name", "languages", "desk_phone", "referral"}
_FAQ_KEYS = {"id", "questions", "answer", "tags", "source"}


def _load_town(path: Path, check: _Checker) -> Town | None:
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
    phone = check.text(data, "desk_phone", file, "'town'")
    langs_raw = data.get("languages")
    languages: tuple[str, ...] = ()
    if isinstance(langs_raw, list) and langs_raw:
        languages = tuple(str(x) for x in langs_raw)
        for index, lang in enumerate(languages):
            if not _LANG_RE.match(lang):
                line = langs_raw.line_of(index) if isinstance(langs_raw, LineList) else 0
                check.error(file, line, f"language '{lang}' must be a two-letter ISO 639-1 "
                            "code such as 'fr' or 'en'")
    else:
        check.error(file, data.line_of("languages"),
                    "'town' needs 'languages': a list such as [fr, en] (the first is the "
                    "town's own language)")
    referral: dict[str, str] = {}
    if "referral" in data and languages:
        referral = check.per_language(data, "referral", file, "'town'", languages, many=False)
    if town_id is None or name is None or phone is None or not languages:
        return None
    return Town(town_id, name, languages, phone, referral)


def _load_faq(path: Path, town: Town, check: _Checker, seen: dict[str, str]) -> list[FaqEntry]:
    file = str(path)
    try:
        raw = load_yaml(path)
    except YamlError as err:
        check.problems.append(err.problem)
        return []
    if raw is None:
        check.warn(file, 0, "the file is empty")
        return []
    top = check.mapping(raw, file, 1, path.name)
    if top is None:
        return []
    check.unknown_keys(top, {"faq"}, file, path.name)
    items = top.get("faq")
    if not isinstance(items, LineList):
        check.error(file, top.line_of("faq"), "'faq' must be a list of entries ('- id: ...')")
        return []
    entries: list[FaqEntry] = []
    for index, item in enumerate(items):
        data = check.mapping(item, file, items.line_of(index), "a FAQ entry")
        if data is None:
            continue
        entry_id = check.text(data, "id", file, "a FAQ entry")
        what = f"entry '{entry_id}'" if entry_id else "a FAQ entry"
        check.unknown_keys(data, _FAQ_KEYS, file, what)
        if entry_id is not None:
            if not _ID_RE.match(entry_id):
                check.error(file, data.line_of("id"), f"id '{entry_id}' may only use lowercase "
                            "letters, digits, '-' and '_'")
            if entry_id in seen:
                check.error(file, data.line_of("id"),
                            f"duplicate id '{entry_id}' (first used at {seen[entry_id]})")
            seen.setdefault(entry_id, f"{file}:{data.line_of('id')}")
        questions = check.per_language(data, "questions", file, what, town.languages, many=True)
        answer = check.per_language(data, "answer", file, what, town.languages, many=False)
        for lang in town.languages:
            if answer and lang not in answer:
                check.warn(file, data.line_of("answer"), f"{what} has no '{lang}' answer; "
                           f"visitors asking in '{lang}' get the '{town.language}' one")
            if questions and lang not in questions:
                check.warn(file, data.line_of("questions"), f"{what} has no '{lang}' "
                           "questions; it is harder to find in that language")
        if answer and town.language not in answer:
            check.error(file, data.line_of("answer"), f"{what} needs an answer in the "
                        f"town's language '{town.language}'")
        tags_raw = data.get("tags", [])
        tags = tuple(str(t) for t in tags_raw) if isinstance(tags_raw, list) else ()
        if not isinstance(tags_raw, list):
            check.error(file, data.line_of("tags"), f"'tags' of {what} must be a list")
        source = str(data.get("source", "") or "")
        if entry_id and questions and answer:
            entries.append(FaqEntry(entry_id, questions, answer, tags, source, file, data.line))
    return entries


def check_pack(root: Path) -> tuple[Pack | None, list[Problem]]:
    """Load and check a pack; return it (None when it has errors) and every problem."""
    check = _Checker()
    if not root.is_dir():
        check.error(str(root), 0, "not a folder: a content pack is a folder with town.yaml")
        return None, check.problems
    town = _load_town(root / "town.yaml", check)
    if town is None:
        if not (root / "town.yaml").exists():
            check.problems[:] = [Problem(str(root / "town.yaml"), 0,
                                         "missing: every pack needs a town.yaml")]
        return None, check.problems
    faq: list[FaqEntry] = []
    seen: dict[str, str] = {}
    for path in sorted(root.glob("*.yaml")):
        if path.name != "town.yaml":
            faq.extend(_load_faq(path, town, check, seen))
    if not faq and not any(p.severity == "error" for p in check.problems):
        check.warn(str(root), 0, "the pack has no FAQ entries: every question will be declined")
    if any(p.severity == "error" for p in check.problems):
        return None, check.problems
    warnings = [p for p in check.problems if p.severity == "warning"]
    return Pack(town, faq, root, warnings), check.problems


def load_pack(root: Path) -> Pack:
    """Load a pack or raise :class:`PackError` listing every error with file and line."""
    pack, problems = check_pack(root)
    if pack is None:
        raise PackError(problems)
    for problem in pack.warnings:
        _LOGGER.debug("%s", problem)
    return pack
