"""The town's configuration file (``guichet.yaml``): which pack, which engines, privacy.

Every section maps onto the dataclass of the module that uses it; unknown keys, wrong
types (a fraction for a whole number too), values outside a field's choices (``CHOICES``)
or range (``RANGES``) are reported with file and line;
a field holding a dataclass is a nested section, and a section's ``problems()`` (checks
across its keys) are reported at the line of the key they name.
Paths (the pack, a section's ``PATH_FIELDS``) are relative to the configuration file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, ClassVar

from guichet.content.answer.embedded import EmbeddedConfig
from guichet.content.answer.llm import LLMConfig
from guichet.content.pack.loader import DEMO_PACK
from guichet.content.pack.messages import LANGUAGES as STAFF_LANGUAGES
from guichet.content.pack.yamlsrc import LineDict, Problem, YamlError, load_yaml
from guichet.hardware.config import HardwareConfig
from guichet.kiosk.seniors import SeniorsConfig
from guichet.kiosk.server.ask_api import ServeConfig
from guichet.kiosk.session import KioskConfig
from guichet.voice.listen import ListenConfig
from guichet.voice.protocols import StreamConfig
from guichet.voice.stt import SttConfig
from guichet.voice.tts import TtsConfig


@dataclass
class PrivacyConfig:
    """What the kiosk may keep. Nothing by default (GDPR)."""

    PATH_FIELDS: ClassVar[tuple[str, ...]] = ("data_dir",)

    store_questions: bool = False
    """Keep question texts for the staff report: the text, its language, answered or
    not, and the hour; no audio, no identifiers."""
    data_dir: str = ""
    """Folder of the question log; default: ``~/.local/share/guichet``."""


@dataclass
class GuichetConfig:
    """Everything a town sets."""

    pack: Path = DEMO_PACK
    """Folder of the knowledge pack."""
    languages: list[str] = field(default_factory=list)
    """Languages served, a subset of the pack's; empty means all of the pack's."""
    language: str = ""
    """Language of staff messages (command line, ``content check``): fr or en; empty: the
    locale's, else the town's first language."""
    stt: SttConfig = field(default_factory=SttConfig)
    """Speech recognition."""
    tts: TtsConfig = field(default_factory=TtsConfig)
    """Speech synthesis."""
    answer: EmbeddedConfig = field(default_factory=EmbeddedConfig)
    """Answering without an LLM."""
    llm: LLMConfig = field(default_factory=LLMConfig)
    """An OpenAI-compatible LLM to phrase answers (off unless base_url is set)."""
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    """What is kept."""
    kiosk: KioskConfig = field(default_factory=KioskConfig)
    """The kiosk's screen and behaviour."""
    listen: ListenConfig = field(default_factory=ListenConfig)
    """Where a spoken question starts and ends."""
    stream: StreamConfig = field(default_factory=StreamConfig)
    """Transcribing while the visitor speaks."""
    seniors: SeniorsConfig = field(default_factory=SeniorsConfig)
    """Seniors mode."""
    hardware: HardwareConfig = field(default_factory=HardwareConfig)
    """Sound devices, button and LED."""
    serve: ServeConfig = field(default_factory=ServeConfig)
    """The ask API (``guichet serve``, ``guichet tour serve``): address, limits, queue."""


Range = tuple[float, float | None]
"""The smallest and largest value of a number (None: no largest)."""

_RANGES: dict[type, dict[str, Range]] = {}
"""Ranges of sections whose dataclass declares no ``RANGES`` of its own."""


def _ranges(cls: type) -> dict[str, Range]:
    return {**_RANGES.get(cls, {}), **getattr(cls, "RANGES", {})}


def _out_of_range(name: str, value: float, bounds: Range) -> str | None:
    low, high = bounds
    if low <= value and (high is None or value <= high):
        return None
    if name.endswith(".port"):
        return f"'{name}' must be a TCP port from 1 to 65535 (0: any free port), not {value}"
    if high is None:
        return f"'{name}' must be at least {low:g}, not {value:g}"
    return f"'{name}' must be between {low:g} and {high:g}, not {value:g}"


class ConfigError(Exception):
    """The configuration file has problems; each is listed with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


_SECTIONS: dict[str, type] = {
    "stt": SttConfig, "tts": TtsConfig, "answer": EmbeddedConfig, "llm": LLMConfig,
    "privacy": PrivacyConfig, "kiosk": KioskConfig, "listen": ListenConfig,
    "seniors": SeniorsConfig, "hardware": HardwareConfig, "stream": StreamConfig,
    "serve": ServeConfig,
}


def _section(cls: type, data: Any, path: Path, line: int, name: str,
             problems: list[Problem]) -> Any:
    file = str(path)
    if not isinstance(data, LineDict):
        problems.append(Problem(file, line, f"'{name}' must be a mapping"))
        return cls()
    known = {f.name: f for f in fields(cls)}
    choices: dict[str, tuple[str, ...]] = getattr(cls, "CHOICES", {})
    ranges = _ranges(cls)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            problems.append(Problem(file, data.line_of(key), f"unknown key '{key}' in "
                                    f"'{name}' (allowed: {', '.join(sorted(known))})"))
            continue
        default = getattr(cls(), key)
        if is_dataclass(default):
            values[key] = _section(type(default), value, path, data.line_of(key),
                                   f"{name}.{key}", problems)
        elif isinstance(default, bool) and not isinstance(value, bool):
            problems.append(Problem(file, data.line_of(key), f"'{name}.{key}' must be "
                                    "true or false"))
        elif isinstance(default, (int, float)) and not isinstance(default, bool) and (
                not isinstance(value, (int, float)) or isinstance(value, bool)):
            problems.append(Problem(file, data.line_of(key), f"'{name}.{key}' must be a number"))
        elif isinstance(default, int) and not isinstance(default, bool) and \
                isinstance(value, float):
            problems.append(Problem(file, data.line_of(key), f"'{name}.{key}' must be a whole "
                                    f"number, not {value:g}"))
        elif key in ranges and (wrong := _out_of_range(f"{name}.{key}", value, ranges[key])):
            problems.append(Problem(file, data.line_of(key), wrong))
        elif isinstance(default, (list, dict)) and not isinstance(value, type(default)):
            kind = "a list" if isinstance(default, list) else "a mapping"
            problems.append(Problem(file, data.line_of(key), f"'{name}.{key}' must be {kind}"))
        elif key in choices and value not in choices[key]:
            problems.append(Problem(file, data.line_of(key), f"'{name}.{key}' must be one "
                                    f"of: {', '.join(choices[key])}"))
        elif key in getattr(cls, "PATH_FIELDS", ()) and value:
            values[key] = str((path.parent / str(value)).expanduser().resolve())
        elif isinstance(default, str) and not isinstance(value, str):
            values[key] = str(value)
        else:
            values[key] = dict(value) if isinstance(value, dict) else (
                list(value) if isinstance(value, list) else value)
    section = cls(**values)
    # Checks across keys (an engine and its server's address) point at the key concerned.
    for keys, message in getattr(section, "problems", list)():
        where, key = data, keys[-1]
        for part in keys[:-1]:
            inner = where.get(part)
            if not isinstance(inner, LineDict):
                key = part  # the nested section is not written: point at its name
                break
            where = inner
        problems.append(Problem(file, where.line_of(key), f"'{name}': {message}"))
    return section


def load_config(path: Path) -> GuichetConfig:
    """Read ``path``; raise :class:`ConfigError` with every problem found."""
    file = str(path)
    try:
        raw = load_yaml(path)
    except YamlError as err:
        raise ConfigError([err.problem]) from None
    if raw is None:
        return GuichetConfig()
    if not isinstance(raw, LineDict):
        raise ConfigError([Problem(file, 1, "the configuration must be a mapping")])
    problems: list[Problem] = []
    config = GuichetConfig()
    for key, value in raw.items():
        line = raw.line_of(key)
        if key == "pack":
            config.pack = (path.parent / str(value)).resolve()
        elif key == "languages":
            if isinstance(value, list) and all(isinstance(x, str) for x in value):
                config.languages = list(value)
            else:
                problems.append(Problem(file, line, "'languages' must be a list like [fr, en]"))
        elif key == "language":
            if value in STAFF_LANGUAGES:
                config.language = str(value)
            else:
                problems.append(Problem(file, line, "'language' (of staff messages) must be "
                                        f"one of: {', '.join(STAFF_LANGUAGES)}"))
        elif key in _SECTIONS:
            setattr(config, key, _section(_SECTIONS[key], value, path, line, key, problems))
        else:
            allowed = ", ".join(["pack", "languages", "language", *_SECTIONS])
            problems.append(Problem(file, line, f"unknown key '{key}' (allowed: {allowed})"))
    if problems:
        raise ConfigError(problems)
    return config
