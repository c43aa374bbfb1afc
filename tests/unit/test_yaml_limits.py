"""YAML files are input from outside: size, values, nesting and aliases are bounded, and a
file over a bound is one clear problem with its line, never a traceback."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from guichet.content.pack import yamlsrc
from guichet.content.pack.yamlsrc import YamlError, load_yaml
from tests.support.probes import alias_bomb


def problem_of(path: Path) -> yamlsrc.Problem:
    with pytest.raises(YamlError) as caught:
        load_yaml(path)
    return caught.value.problem


def test_alias_bomb_is_refused_quickly_and_small(tmp_path: Path) -> None:
    path = tmp_path / "faq.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    assert path.stat().st_size < 600
    tracemalloc.start()
    problem = problem_of(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert problem.file == str(path)
    assert problem.line == 6  # '*d' on the line of 'e:' is the alias that crosses 10,000
    assert "aliases" in problem.message and "10,000" in problem.message
    assert "'*d'" in problem.message
    assert "YAML syntax" not in problem.message
    assert str(problem).startswith(f"{path}:6: error: ")
    assert peak < 5_000_000, peak  # 9^9 "lol" would be gigabytes


def test_a_few_aliases_and_merge_keys_still_load(tmp_path: Path) -> None:
    path = tmp_path / "services.yaml"
    path.write_text("defaults: &d {phone: '03 53 01 20 00', hours: Mo-Fr 09:00-12:00}\n"
                    "services:\n"
                    + "".join(f"  - {{id: s{i}, <<: *d}}\n" for i in range(50))
                    + "tags: &t [a, b, c]\nmore: [*t, *t, *t]\n", encoding="utf-8")
    data = load_yaml(path)
    assert len(data["services"]) == 50
    assert data["services"][49] == {"id": "s49", "phone": "03 53 01 20 00",
                                    "hours": "Mo-Fr 09:00-12:00"}
    assert data["more"] == [["a", "b", "c"]] * 3
    assert data["services"].line_of(49) == 52


def test_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("x: &a\n  - 1\n  - *a\n  - *a\n", encoding="utf-8")
    problem = problem_of(path)
    assert problem.line == 3
    assert "'*a' is used inside its own anchor" in problem.message


@pytest.mark.parametrize("flow", [True, False])
def test_deep_nesting_is_a_clear_problem_not_a_recursion_error(tmp_path: Path,
                                                               flow: bool) -> None:
    path = tmp_path / "deep.yaml"
    depth = 300
    if flow:
        path.write_text("x: " + "[" * depth + "1" + "]" * depth + "\n", encoding="utf-8")
    else:
        path.write_text("".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth
                        + "v\n", encoding="utf-8")
    problem = problem_of(path)
    assert f"more than {yamlsrc.MAX_DEPTH} levels deep" in problem.message
    assert problem.line == (1 if flow else yamlsrc.MAX_DEPTH + 1)  # k50 opens the 51st


def test_nesting_at_the_bound_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    depth = yamlsrc.MAX_DEPTH - 1  # the document's own mapping is one level
    path.write_text("x: " + "[" * depth + "1" + "]" * depth + "\n", encoding="utf-8")
    value = load_yaml(path)["x"]
    for _ in range(depth):
        value = value[0]
    assert value == 1


def test_file_over_the_size_bound_is_refused_before_parsing(tmp_path: Path,
                                                            monkeypatch) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * yamlsrc.MAX_BYTES + b"\nkey: value\n")

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(yamlsrc.yaml, "load", no_parsing)
    problem = problem_of(path)
    assert problem.line == 0
    assert "larger than 2 MB" in problem.message and "split" in problem.message


def test_too_many_values_are_refused_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    per_line = 1000
    lines = (yamlsrc.MAX_VALUES // per_line) + 2
    path.write_text("x:\n" + "".join("  - [" + ",".join(["1"] * per_line) + "]\n"
                                     for _ in range(lines)), encoding="utf-8")
    assert path.stat().st_size < yamlsrc.MAX_BYTES
    problem = problem_of(path)
    assert "more than 100,000 values" in problem.message
    # The document, 'x', its list and a list per line come before the 1-values.
    assert problem.line == 2 + (yamlsrc.MAX_VALUES - 3) // (per_line + 1)


def test_a_folder_in_place_of_a_file_is_a_problem(tmp_path: Path) -> None:
    problem = problem_of(tmp_path)
    assert problem.message.startswith("is a folder")
