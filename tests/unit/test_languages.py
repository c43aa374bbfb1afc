"""The one table of language names: English for LLMs and servers, own name for visitors."""

from __future__ import annotations

from guichet.content.understand.languages import LANGUAGES, code_of, english_name, own_name


def test_each_code_has_both_names_and_round_trips() -> None:
    assert (english_name("fr"), own_name("fr")) == ("French", "Français")
    assert (english_name("de"), own_name("de")) == ("German", "Deutsch")
    for code, name in LANGUAGES.items():
        assert name.english and name.own
        assert code_of(name.english) == code
        assert code_of(f" {name.english.upper()} ") == code


def test_an_unknown_language_keeps_its_code() -> None:
    assert (english_name("xx"), own_name("xx"), code_of("Klingon")) == ("xx", "xx", None)
