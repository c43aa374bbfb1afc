"""YAML loading that remembers where each value was written.

Town staff write the content by hand, so every error must point at a file and a line.
Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both carry the
1-based line of the node and of each key / item.
"""

from __future__ import annotations

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
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


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


class _Loader(yaml.SafeLoader):
    pass


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


def load_yaml(path: Path) -> Any:
    """Load one YAML file, keeping line numbers; raise :class:`YamlError` if unreadable."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlError(Problem(name, 0, "file not found")) from None
    except UnicodeDecodeError as err:
        raise YamlError(
            Problem(name, 0, f"not UTF-8 text (byte {err.start}); save the file as UTF-8")
        ) from None
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
        raise YamlError(Problem(name, line, f"YAML syntax: {detail}")) from None
    except yaml.YAMLError as err:
        raise YamlError(Problem(name, 0, f"YAML syntax: {err}")) from None
