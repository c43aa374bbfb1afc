"""YAML loading that remembers where each value was written.

Town staff write the content by hand, so every error must point at a file and a line.
Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both carry the
1-based line of the node and of each key / item.

A file is also input from outside, and PyYAML keeps some 1.5 KB per value while loading:
a file is refused, with its line, when it is larger than :data:`MAX_BYTES`, holds more than
:data:`MAX_VALUES` values, nests deeper than :data:`MAX_DEPTH`, or when its aliases
(``*name``) would repeat more than :data:`MAX_ALIASED` values (a "billion laughs" of a few
hundred bytes otherwise grows into gigabytes in whatever walks the loaded values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in a file the town wrote."""

    file: str
    """Path of the file, as given to the loader."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    message: str
    """What is wrong and how to fix it, in plain words."""
    severity: str = "error"
    """"error" (the pack cannot be used) or "warning"."""

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"

    @property
    def where(self) -> str:
        """``file:line``, or the file alone when the problem concerns all of it."""
        return f"{self.file}:{self.line}" if self.line else self.file

    def located(self) -> str:
        """``file:line: message``: for a report that already says "error"."""
        return f"{self.where}: {self.message}"


class LineDict(dict[str, Any]):
    """A mapping that knows the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows the line it starts on and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


MAX_BYTES = 2 * 1024 * 1024
"""Largest YAML file read: 50 times the demo town's FAQ (43 KB)."""
MAX_VALUES = 100_000
"""Most values (texts, numbers, lists, mappings) in one file: 80 times the demo FAQ's."""
MAX_DEPTH = 50
"""Deepest nesting of lists and mappings (a pack needs 5)."""
MAX_ALIASED = 10_000
"""Values that aliases (``*name``) may repeat in one file, counted as expanded."""


class _LimitError(yaml.composer.ComposerError):
    """A file over one of the bounds: reported as is, not as a syntax mistake."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(None, None, problem, mark)


class _Loader(yaml.SafeLoader):
    """The safe loader, with nesting and alias expansion bounded while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._values = 0
        self._aliased = 0
        self._open_anchors: set[str] = set()
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._count_alias(event)
            return super().compose_node(parent, index)
        nested = isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent))
        self._depth += nested
        self._values += 1
        if self._values > MAX_VALUES:
            raise _LimitError(f"more than {MAX_VALUES:,} values in one file by here: split "
                              "it into several files", event.start_mark)
        if self._depth > MAX_DEPTH:
            raise _LimitError(
                f"lists and mappings nest more than {MAX_DEPTH} levels deep here; "
                "a content file needs a few", event.start_mark)
        anchor = event.anchor
        if anchor is not None:
            self._open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= nested
            self._open_anchors.discard(anchor or "")

    def _count_alias(self, event: yaml.AliasEvent) -> None:
        anchor = event.anchor or ""
        if anchor in self._open_anchors:
            raise _LimitError(
                f"alias '*{anchor}' is used inside its own anchor '&{anchor}'",
                event.start_mark)
        node = self.anchors.get(anchor)
        if node is None:
            return  # PyYAML reports the undefined alias
        self._aliased += self._size(node)
        if self._aliased > MAX_ALIASED:
            raise _LimitError(
                f"aliases ('*name') repeat more than {MAX_ALIASED:,} values by "
                f"here ('*{anchor}' alone repeats {self._size(node):,}); write the values "
                "out or use fewer aliases", event.start_mark)

    def _size(self, node: yaml.Node) -> int:
        """Values in ``node`` once every alias in it is expanded (shared nodes counted
        each time they appear, each node measured once)."""
        known = self._sizes.get(id(node))
        if known is not None:
            return known
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self._size(key) + self._size(value) for key, value in node.value)
        self._sizes[id(node)] = size
        return size


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    # "2026-13-01" looks like a date but is none: keep the text, the checker explains it.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return str(node.value)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlError(Exception):
    """A YAML file could not be read; carries a :class:`Problem` with file and line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


_KEY = re.compile(r"(?P<lead>\s*(?:-\s+)?)(?:(?P<key>[A-Za-z_][\w.-]*):\s+)?(?P<value>.*\S)\s*$")


def quoted_line(text: str, index: int) -> str:
    """Line ``index`` (0-based) of ``text`` with its value in quotes: the fix for a colon
    inside a text ("answer: Téléphone : 05 ..." → 'answer: "Téléphone : 05 ..."')."""
    lines = text.splitlines()
    line = lines[index] if 0 <= index < len(lines) else ""
    found = _KEY.match(line)
    if not found:
        return line.strip()
    value = found["value"]
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    key = f"{found['key']}: " if found["key"] else ""
    return f"{found['lead'].strip()} {key}{quoted}".strip()


def load_yaml(path: Path) -> Any:
    """Load one YAML file, keeping line numbers; raise :class:`YamlError` if unreadable."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise YamlError(Problem(name, 0, f"larger than {MAX_BYTES // 1024 // 1024} MB: "
                                    "split it into several files"))
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise YamlError(Problem(name, 0, "file not found")) from None
    except UnicodeDecodeError as err:
        raise YamlError(
            Problem(name, 0, f"not UTF-8 text (byte {err.start}); save the file as UTF-8")
        ) from None
    except IsADirectoryError:
        raise YamlError(Problem(name, 0, "is a folder, not a YAML file")) from None
    except OSError as err:
        raise YamlError(Problem(name, 0, f"cannot read: {err.strerror}")) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        detail = err.problem or str(err)
        if err.context:
            detail = f"{detail} ({err.context})"
        if not isinstance(err, _LimitError):
            detail = f"YAML syntax: {detail}"
            if mark and err.problem == "mapping values are not allowed here":
                detail += f"; put the text in quotes: {quoted_line(text, mark.line)}"
        raise YamlError(Problem(name, line, detail)) from None
    except yaml.YAMLError as err:
        raise YamlError(Problem(name, 0, f"YAML syntax: {err}")) from None
