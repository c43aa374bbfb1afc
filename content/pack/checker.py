"""Field checks for hand-written YAML: each problem is recorded with file and line.

The checker never fixes what the town wrote; it explains what is wrong and where.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from guichet.content.pack.model import Price, Text
from guichet.content.pack.yamlsrc import LineDict, LineList, Problem

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LANG_RE = re.compile(r"^[a-z]{2}$")
EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
# French numbers: 10 digits starting with 0 (spaces, dots or dashes between pairs allowed),
# +33 and 9 digits, or a short number (15, 17, 18, 112, 114, 115, 119, 3237, 3939...).
_PHONE_FR = re.compile(r"^(0\d([ .-]?\d{2}){4}|\+33 ?[1-9]([ .-]?\d{2}){4}|1\d{1,2}|3\d{3})$")


def phone_ok(value: str) -> bool:
    return bool(_PHONE_FR.match(value.strip()))


class Checker:
    """Collects problems while turning raw YAML into typed values."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def warn(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message, "warning"))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def mapping(self, value: Any, file: str, line: int, what: str) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.error(file, line, f"{what} must be a mapping of 'key: value' lines")
        return None

    def items(self, data: LineDict, key: str, file: str) -> LineList | None:
        value = data.get(key)
        if isinstance(value, LineList):
            return value
        self.error(file, data.line_of(key), f"'{key}' must be a list of entries ('- id: ...')")
        return None

    def unknown_keys(self, data: LineDict, known: set[str], file: str, what: str) -> None:
        for key in data:
            if key not in known:
                allowed = ", ".join(sorted(known))
                self.error(file, data.line_of(key),
                           f"unknown key '{key}' in {what} (allowed: {allowed})")

    def text(self, data: LineDict, key: str, file: str, what: str,
             required: bool = True) -> str | None:
        if key not in data and not required:
            return None
        value = data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.error(file, data.line_of(key), f"{what} needs '{key}': a non-empty text")
            return None
        return value.strip()

    def ident(self, data: LineDict, file: str, what: str, seen: dict[str, str]) -> str | None:
        value = self.text(data, "id", file, what)
        if value is None:
            return None
        line = data.line_of("id")
        if not ID_RE.match(value):
            self.error(file, line, f"id '{value}' may only use lowercase letters, digits, "
                       "'-' and '_'")
        if value in seen:
            self.error(file, line, f"duplicate id '{value}' (first used at {seen[value]})")
        seen.setdefault(value, f"{file}:{line}")
        return value

    def phone(self, data: LineDict, key: str, file: str, what: str) -> str:
        value = self.text(data, key, file, what, required=False)
        if value is None:
            return ""
        if not phone_ok(value):
            self.error(file, data.line_of(key), f"bad phone number '{value}' in {what}: write "
                       "10 digits in pairs like '03 53 01 20 00', '+33 3 53 01 20 00', or a "
                       "short number such as 15 or 3237")
        return value

    def email(self, data: LineDict, key: str, file: str, what: str) -> str:
        value = self.text(data, key, file, what, required=False)
        if value is None:
            return ""
        if not EMAIL_RE.match(value):
            self.error(file, data.line_of(key), f"bad e-mail address '{value}' in {what}")
        return value

    def tags(self, data: LineDict, file: str, what: str) -> tuple[str, ...]:
        raw = data.get("tags", [])
        if not isinstance(raw, list):
            self.error(file, data.line_of("tags"), f"'tags' of {what} must be a list")
            return ()
        return tuple(str(t) for t in raw)

    def per_language(
        self, data: LineDict, key: str, file: str, what: str, languages: tuple[str, ...],
        many: bool, required: bool = True, plain_ok: bool = False,
    ) -> dict[str, Any]:
        """A per-language mapping; ``plain_ok`` accepts one text for every language."""
        if key not in data and not required:
            return {}
        value = data.get(key)
        if plain_ok and isinstance(value, str) and value.strip():
            return {lang: (value.strip(),) if many else value.strip() for lang in languages}
        raw = self.mapping(value, file, data.line_of(key), f"'{key}' of {what}")
        if raw is None:
            return {}
        result: dict[str, Any] = {}
        for lang, item in raw.items():
            line = raw.line_of(lang)
            if lang not in languages:
                self.error(file, line, f"language '{lang}' in {what} is not one of the town's "
                           f"languages ({', '.join(languages)}); add it to town.yaml or fix "
                           "the code")
                continue
            if many:
                entries = item if isinstance(item, list) else [item]
                texts = tuple(str(v).strip() for v in entries if str(v).strip())
                if not texts:
                    self.error(file, line, f"'{key}.{lang}' of {what} is empty")
                    continue
                result[lang] = texts
            elif not isinstance(item, (str, int, float)) or not str(item).strip():
                self.error(file, line, f"'{key}.{lang}' of {what} must be a text")
            else:
                result[lang] = str(item).strip()
        return result

    def translations(self, found: dict[str, Any], data: LineDict, key: str, file: str,
                     what: str, languages: tuple[str, ...], required_first: bool) -> None:
        """Warn for each missing language; error when the town's own is missing."""
        if not found:
            return
        for lang in languages[1:]:
            if lang not in found:
                self.warn(file, data.line_of(key), f"{what} has no '{lang}' {key}; visitors "
                          f"asking in '{lang}' get the '{languages[0]}' one")
        if required_first and languages[0] not in found:
            self.error(file, data.line_of(key), f"{what} needs '{key}' in the town's "
                       f"language '{languages[0]}'")

    def coordinate(self, data: LineDict, key: str, file: str, what: str,
                   limit: float) -> float | None:
        if key not in data:
            return None
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                not -limit <= float(value) <= limit:
            self.error(file, data.line_of(key), f"'{key}' of {what} must be a number between "
                       f"-{limit:g} and {limit:g} (decimal degrees, WGS84), not {value!r}")
            return None
        return float(value)

    def date(self, data: LineDict, key: str, file: str, what: str) -> dt.date | None:
        """A date written YYYY-MM-DD (YAML reads it as a date; quoted, it is a text)."""
        if key not in data:
            return None
        value = data.get(key)
        if isinstance(value, dt.datetime):
            value = None
        elif isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip()) if _DATE_RE.match(value.strip()) \
                    else None
            except ValueError:
                value = None
        if isinstance(value, dt.date):
            return value
        self.error(file, data.line_of(key), f"'{key}' of {what} must be a real date written "
                   f"year-month-day, like 2026-03-01 (1 March 2026), not {data.get(key)!r}")
        return None

    def not_plain(self, data: LineDict, key: str, file: str, what: str,
                  languages: tuple[str, ...]) -> None:
        """A plain text where one text per language is expected: show how to write it."""
        value = data.get(key)
        if isinstance(value, str):
            example = ", ".join(f'{lang}: "{value if i == 0 else "..."}"'
                                for i, lang in enumerate(languages))
            self.error(file, data.line_of(key), f"'{key}' of {what} needs one text per "
                       f"language: {key}: {{{example}}}")
            data.pop(key)

    def prices(self, data: LineDict, file: str, what: str,
               languages: tuple[str, ...]) -> tuple[Price, ...]:
        """The ``prices`` list of a service: ``- {what: {...}, price: 4, note: {...}}``."""
        if "prices" not in data:
            return ()
        raw = data.get("prices")
        if not isinstance(raw, LineList):
            self.error(file, data.line_of("prices"), f"'prices' of {what} must be a list, one "
                       "line per item: - {what: {fr: \"entrée adulte\"}, price: 4}")
            return ()
        found = []
        for index, item in enumerate(raw):
            line = raw.line_of(index)
            if not isinstance(item, LineDict):
                self.error(file, line, f"price {index + 1} of {what} must be written "
                           "- {what: {fr: \"entrée adulte\", en: \"adult ticket\"}, price: 4}"
                           f", not {item!r}")
                continue
            entry = item
            label = f"price {index + 1} of {what}"
            cents = [key for key in entry if str(key).isdigit()]
            if cents and isinstance(entry.get("price"), int):
                # "price: 3,50" in a {…} item: YAML reads the comma as the item's end.
                self.error(file, entry.line_of(cents[0]), f"{label}: write the price with a "
                           f"point, not a comma: price: {entry['price']}.{cents[0]}")
                continue
            self.unknown_keys(entry, {"what", "price", "note"}, file, f"a price of {what}")
            if "what" not in entry:
                self.error(file, line, f"{label} needs 'what': what is paid for, per language, "
                           "like what: {fr: \"entrée adulte\", en: \"adult ticket\"}")
            self.not_plain(entry, "what", file, label, languages)
            item_what = self.per_language(entry, "what", file, label, languages, many=False,
                                          required="what" in entry)
            self.translations(item_what, entry, "what", file, label, languages, True)
            self.not_plain(entry, "note", file, label, languages)
            note = self.per_language(entry, "note", file, label, languages, many=False,
                                     required=False)
            self.translations(note, entry, "note", file, label, languages, False)
            amount = self._amount(entry, file, label)
            if item_what and amount is not None:
                found.append(Price(item_what, amount, note))
        return tuple(found)

    def _amount(self, entry: LineDict, file: str, label: str) -> float | None:
        line = entry.line_of("price")
        if "price" not in entry:
            self.error(file, line, f"{label} needs 'price': a number of euros, 0 if free")
            return None
        value = entry.get("price")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and \
                math.isfinite(value):
            if value < 0:
                self.error(file, line, f"the price of {label} cannot be negative ({value})")
                return None
            return float(value)
        self.error(file, line, f"{label}: the price is written {value!r}, but it must be "
                   f"a number of euros alone: {_price_hint(str(value))}")
        return None

    def rules(self, data: LineDict, file: str, what: str,
              languages: tuple[str, ...]) -> tuple[Text, ...]:
        """The ``rules`` list of a service: one sentence per rule, per language."""
        if "rules" not in data:
            return ()
        raw = data.get("rules")
        if not isinstance(raw, LineList):
            self.error(file, data.line_of("rules"), f"'rules' of {what} must be a list, one "
                       "line per rule: - {fr: \"Le badge est obligatoire.\", en: \"...\"}")
            return ()
        found = []
        for index, item in enumerate(raw):
            line = raw.line_of(index)
            label = f"rule {index + 1} of {what}"
            if isinstance(item, str) and item.strip():
                text: Text = {languages[0]: item.strip()}  # written in the town's language
            elif isinstance(item, LineDict):
                text = self.per_language(_holding("rule", item, line), "rule", file, label,
                                         languages, many=False)
            else:
                self.error(file, line, f"{label} must be a sentence, or "
                           "{fr: \"...\", en: \"...\"} with one sentence per language")
                continue
            missing = [lang for lang in languages[1:] if lang not in text]
            if missing:
                self.warn(file, line, f"{label} has no '{missing[0]}' text; visitors asking in "
                          f"'{missing[0]}' get the '{languages[0]}' one")
            if languages[0] not in text and text:
                self.error(file, line, f"{label} needs a sentence in the town's language "
                           f"'{languages[0]}'")
            if text:
                found.append(text)
        return tuple(found)

    def synonyms(self, value: Any, file: str, line: int, languages: tuple[str, ...],
                 into: dict[str, list[tuple[str, ...]]], seen: dict[tuple[str, str], str]) -> None:
        """A ``synonyms`` section: language -> list of groups of words meaning the same.

        Groups are added to ``into``; ``seen`` (folded word -> where) spots a word in two
        groups, across files too."""
        data = self.mapping(value, file, line, "'synonyms' (a language, then its groups: "
                            "fr: [[enfant, gosse, gamin]])")
        if data is None:
            return
        for lang, groups in data.items():
            lang_line = data.line_of(lang)
            if lang not in languages:
                self.error(file, lang_line, f"language '{lang}' in 'synonyms' is not one of "
                           f"the town's languages ({', '.join(languages)})")
                continue
            if not isinstance(groups, LineList):
                self.error(file, lang_line, f"'synonyms.{lang}' must be a list of groups, one "
                           "per line: - [enfant, gosse, gamin]")
                continue
            for index, group in enumerate(groups):
                self._synonym_group(group, file, groups.line_of(index), lang, into, seen)

    def _synonym_group(self, group: Any, file: str, line: int, lang: str,
                       into: dict[str, list[tuple[str, ...]]],
                       seen: dict[tuple[str, str], str]) -> None:
        if not isinstance(group, LineList):
            self.error(file, line, f"a synonym group must be a list of words in brackets, "
                       f"like [enfant, gosse, gamin], not {group!r}")
            return
        words = [str(w).strip() for w in group if isinstance(w, (str, int)) and str(w).strip()]
        if len(words) != len(group):
            self.error(file, line, "every synonym must be a word (no empty entry, no list "
                       "inside a list)")
            return
        if len(set(w.lower() for w in words)) < 2:
            self.error(file, line, f"the synonym group {words} needs at least two different "
                       "words that mean the same thing")
            return
        for word in words:
            key = (lang, _fold(word))
            if key in seen and seen[key] != f"{file}:{line}":
                self.error(file, line, f"'{word}' is already in the synonym group at "
                           f"{seen[key]}: put all its synonyms in one group")
                return
        for word in words:
            seen[(lang, _fold(word))] = f"{file}:{line}"
        into.setdefault(lang, []).append(tuple(words))


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
_FREE = {"gratuit", "gratuite", "free", "offert", "gratis"}


def _price_hint(text: str) -> str:
    """How to write a price the town wrote as text ("4 €" -> "price: 4")."""
    folded = _fold(text)
    if any(word in folded for word in _FREE):
        return "write price: 0 when it is free"
    numbers = _NUMBER_RE.findall(text)
    if len(numbers) == 2 and "," not in numbers[0] and "." not in numbers[0] and \
            len(numbers[1]) == 2 and "euro" in folded:  # "3 euros 20"
        return f"write price: {numbers[0]}.{numbers[1]}"
    if len(numbers) == 1:
        return f"write price: {numbers[0].replace(',', '.')}"
    return "write price: 4 or price: 3.20 (0 when free); put conditions in 'note'"


def _holding(key: str, value: Any, line: int) -> LineDict:
    """``{key: value}`` as if written at ``line``, for checks that take a mapping and key."""
    data = LineDict({key: value})
    data.line, data.key_lines = line, {key: line}
    return data


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
