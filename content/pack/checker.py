"""Field checks for hand-written YAML: each problem is recorded with file and line.

The checker never fixes what the town wrote; it explains what is wrong and where.
"""

from __future__ import annotations

import re
from typing import Any

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
