"""The global options read the same before and after any command (argparse only)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from guichet.kiosk.cli import _parser
from guichet.kiosk.commands.common import command_parsers

COMMAND_LINES = [
    ["ask", "--text", "horaires ?"], ["eval", "q.yaml"], ["departures", "--stop", "Mairie"],
    ["tour", "check", "t.yaml"], ["tour", "simulate", "t.yaml", "w.gpx"],
    ["tour", "build", "t.yaml", "--out", "site"], ["tour", "serve", "site"], ["serve"],
    ["say", "Bonjour"], ["voices"], ["voices", "add", "fr_FR-siwis-medium"], ["kiosk"],
    ["report"], ["hardware", "check"], ["content", "check"], ["content", "check", "pack"],
]
PARSER = _parser()  # parsing does not change it
GLOBAL = ["--config", "town.yaml", "--pack", "pack2", "--lang", "fr", "-v"]


def _reached(parser: argparse.ArgumentParser, words: list[str]) -> str:
    """The prog of the deepest command ``words`` name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and words and \
                words[0] in action.choices:
            return _reached(action.choices[words[0]], words[1:])
    return parser.prog


def test_every_command_is_listed_here() -> None:
    """A new command must be added to COMMAND_LINES (and so checked below)."""
    top = PARSER
    every = {p.prog for p in command_parsers(top)}
    reached = {_reached(top, line) for line in COMMAND_LINES}
    parents = {"guichet tour", "guichet hardware", "guichet content"}  # need a subcommand
    assert every - parents == reached


@pytest.mark.parametrize("line", COMMAND_LINES, ids=" ".join)
@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_before_or_after_the_command(line: list[str], where: str) -> None:
    argv = GLOBAL + line if where == "before" else line + GLOBAL
    args = PARSER.parse_args(argv)
    assert args.config == Path("town.yaml")
    assert args.pack == Path("pack2")
    assert args.lang == "fr" and args.verbose is True and args.debug is False


def test_an_option_after_the_command_wins_and_nothing_given_means_defaults() -> None:
    args = PARSER.parse_args(["--lang", "en", "ask", "--text", "x", "--lang", "fr"])
    assert args.lang == "fr"
    args = PARSER.parse_args(["ask", "--text", "x"])
    assert args.config is None and args.pack is None and args.lang is None
    assert args.verbose is False


@pytest.mark.parametrize("argv", [["--version"], ["eval", "q.yaml", "--version"],
                                  ["voices", "--version"]])
def test_version_before_or_after(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        PARSER.parse_args(argv)
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("guichet ")


@pytest.mark.parametrize(("argv", "voice"), [
    (["serve"], None), (["serve", "--voice"], True), (["serve", "--no-voice"], False),
    (["tour", "serve", "site"], False), (["tour", "serve", "site", "--voice"], True),
    (["tour", "serve", "site", "--no-voice"], False),
])
def test_both_servers_take_voice_and_no_voice(argv: list[str], voice: bool | None) -> None:
    assert PARSER.parse_args(argv).voice is voice
