"""Errors that tell staff what to write: opening hours the French way, a colon in a text."""

from __future__ import annotations

from pathlib import Path

import pytest
from opening_hours import OpeningHours

from guichet.content.pack.hours_hint import suggest
from guichet.content.pack.loader import check_pack
from guichet.content.pack.yamlsrc import YamlError, load_yaml
from tests.support.samples import ENTRY, TOWN

WRITTEN_AS_IN_FRANCE = [
    ("Lu-Ve 8h-18h", "Mo-Fr 08:00-18:00"),
    ("8h-18h", "08:00-18:00"),
    ("fermé le dimanche", "Su off"),
    ("dimanche fermé", "Su off"),
    ("Lu-Ve 8h30-12h et 14h-17h30; Sa 9h-12h",
     "Mo-Fr 08:30-12:00,14:00-17:30; Sa 09:00-12:00"),
    ("du lundi au vendredi de 8h30 à 12h et de 14h à 17h30, samedi 9h-12h, fermé le "
     "dimanche", "Mo-Fr 08:30-12:00,14:00-17:30; Sa 09:00-12:00; Su off"),
    ("lundi, mercredi 9h-12h", "Mo,We 09:00-12:00"),
    ("Lu-Ve 8h-18h, jours fériés fermé", "Mo-Fr 08:00-18:00; PH off"),
    ("Mardi 14h à 18h", "Tu 14:00-18:00"),
]


@pytest.mark.parametrize(("written", "osm"), WRITTEN_AS_IN_FRANCE)
def test_french_hours_get_their_openstreetmap_form(written: str, osm: str) -> None:
    assert suggest(written) == osm
    OpeningHours(osm, country="FR")  # what is suggested parses


def test_days_without_hours_leave_the_hours_to_fill_in() -> None:
    assert suggest("Lundi au vendredi") == "Mo-Fr HH:MM-HH:MM"


@pytest.mark.parametrize("written", ["Mo-Fr 08:30-12:00; Sx 09:00-12:00", "sur rendez-vous",
                                     "8h-25h", ""])
def test_no_suggestion_for_what_is_not_days_and_hours(written: str) -> None:
    assert suggest(written) is None


SERVICE = """services:
  - id: mairie
    name: {{fr: Mairie, en: Town hall}}
    opening_hours: "{hours}"
"""


@pytest.mark.parametrize(("written", "advice"), [
    ("Lu-Ve 8h-18h", "write it as 'Mo-Fr 08:00-18:00'"),
    ("Lundi au vendredi", "write it as 'Mo-Fr HH:MM-HH:MM' with the hours filled in"),
])
def test_content_check_says_what_to_write(tmp_path: Path, written: str, advice: str) -> None:
    (tmp_path / "town.yaml").write_text(TOWN, encoding="utf-8")
    (tmp_path / "faq.yaml").write_text(ENTRY, encoding="utf-8")
    (tmp_path / "services.yaml").write_text(SERVICE.format(hours=written), encoding="utf-8")
    pack, problems = check_pack(tmp_path)
    assert pack is None
    [hours] = [p for p in problems if "opening_hours" in p.message]
    assert hours.line == 4 and advice in hours.message, hours.message


COLON = """faq:
  - id: mairie
    answer: Téléphone : 05 55 12 34 56
    note: Le "bureau" : au fond
"""


def test_a_colon_in_a_text_says_to_put_it_in_quotes(tmp_path: Path) -> None:
    broken = tmp_path / "faq.yaml"
    broken.write_text(COLON, encoding="utf-8")
    with pytest.raises(YamlError) as caught:
        load_yaml(broken)
    problem = caught.value.problem
    fix = 'answer: "Téléphone : 05 55 12 34 56"'
    assert problem.line == 3 and f"put the text in quotes: {fix}" in problem.message
    # Written as advised, the line loads; the next mistake gets its own advice.
    lines = COLON.splitlines()
    lines[2] = "    " + fix
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(YamlError) as caught:
        load_yaml(broken)
    second = caught.value.problem
    quoted = second.message.split("put the text in quotes: ")[1]
    assert second.line == 4 and quoted == r'note: "Le \"bureau\" : au fond"'
    lines[3] = "    " + quoted
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_yaml(broken)
    assert loaded["faq"][0]["answer"] == "Téléphone : 05 55 12 34 56"
    assert loaded["faq"][0]["note"] == 'Le "bureau" : au fond'


def test_a_colon_in_a_list_item_is_quoted_whole(tmp_path: Path) -> None:
    broken = tmp_path / "faq.yaml"
    broken.write_text("tags:\n  - mairie\n  - Horaires : lundi : 9h\n", encoding="utf-8")
    with pytest.raises(YamlError) as caught:
        load_yaml(broken)
    assert caught.value.problem.line == 3
    assert caught.value.problem.message.endswith(
        'put the text in quotes: - "Horaires : lundi : 9h"')
