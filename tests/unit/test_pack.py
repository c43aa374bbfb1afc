"""The knowledge pack loader: the demo town loads; every mistake points at file and line."""

from __future__ import annotations

from pathlib import Path

from guichet.content.pack.loader import DEMO_PACK, check_pack
from tests.support.samples import ENTRY, TOWN, make_pack


def errors(problems: list) -> list[str]:
    return [str(p) for p in problems if p.severity == "error"]


def test_demo_pack_is_a_bilingual_town_with_enough_facts() -> None:
    pack, problems = check_pack(DEMO_PACK)
    assert pack is not None, problems
    assert errors(problems) == []
    assert pack.town.languages == ("fr", "en")
    assert len(pack.faq) >= 30
    for entry in pack.faq:
        assert set(entry.answer) == {"fr", "en"}, entry.id
        assert entry.questions["fr"] and entry.questions["en"], entry.id
    ids = {e.id for e in pack.faq}
    for needed in ("mairie-adresse", "decheterie-adresse", "acte-naissance", "passeport",
                   "mediatheque-inscription", "marche", "cantine", "urgences", "office-tourisme"):
        assert needed in ids, needed
    assert pack.services[0].id == "mairie"  # the kiosk's own service comes first
    assert len(pack.services) >= 15 and len(pack.anecdotes) >= 10
    assert all(s.opening_hours for s in pack.services if s.id in ("mairie", "decheterie",
                                                                   "mediatheque"))


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    broken = ENTRY.replace('      en: "The town hall opens at 9 am."',
                           '      en: "The town hall opens at 9 am.\n    oops: [')
    pack, problems = check_pack(make_pack(tmp_path, broken))
    assert pack is None
    [message] = errors(problems)
    assert message.startswith(f"{tmp_path / 'faq.yaml'}:")
    line = int(message.split(":")[1])
    assert 9 <= line <= 11, message
    assert "YAML syntax" in message


def test_unknown_key_duplicate_id_and_foreign_language_are_reported(tmp_path: Path) -> None:
    faq = ENTRY + ENTRY.removeprefix("faq:\n").replace("    tags:", "    tagz: [x]\n    tags:")
    faq = faq.replace('      en: ["When is the town hall open?"]\n',
                      '      en: ["When is the town hall open?"]\n      de: ["Wann?"]\n', 1)
    pack, problems = check_pack(make_pack(tmp_path, faq))
    assert pack is None
    found = errors(problems)
    file = str(tmp_path / "faq.yaml")
    assert any(m.startswith(f"{file}:11:") and "duplicate id 'mairie'" in m for m in found), found
    assert any(m.startswith(f"{file}:12:") and "unknown key 'tagz'" in m for m in found), found
    assert any(m.startswith(f"{file}:7:") and "language 'de'" in m for m in found), found


def test_missing_translation_is_a_warning_and_the_pack_still_loads(tmp_path: Path) -> None:
    faq = ENTRY.replace('      en: "The town hall opens at 9 am."\n', "")
    pack, problems = check_pack(make_pack(tmp_path, faq))
    assert pack is not None
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any(":7:" in w and "no 'en' answer" in w for w in warnings), warnings


def test_missing_town_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "faq.yaml").write_text(ENTRY, encoding="utf-8")
    pack, problems = check_pack(tmp_path)
    assert pack is None
    assert "town.yaml" in errors(problems)[0] and "missing" in errors(problems)[0]




SERVICES_BAD = """services:
  - id: mairie
    name: {fr: "la mairie", en: "the town hall"}
    phone: "03 53 01 20"
    email: "accueil(at)ville.fr"
    opening_hours: "Mo-Fr 08:30-12:00; Sx 09:00-12:00"
anecdotes:
  - id: lavoir
    place: {fr: "Le lavoir"}
    text: {fr: "Construit en 1830."}
    lat: 147.2
    lon: 4.8
"""


def test_services_and_anecdotes_are_checked_with_lines(tmp_path: Path) -> None:
    (tmp_path / "town.yaml").write_text(TOWN, encoding="utf-8")
    (tmp_path / "services.yaml").write_text(SERVICES_BAD, encoding="utf-8")
    pack, problems = check_pack(tmp_path)
    assert pack is None
    found = errors(problems)
    file = str(tmp_path / "services.yaml")
    assert any(m.startswith(f"{file}:4:") and "bad phone number '03 53 01 20'" in m
               for m in found), found
    assert any(m.startswith(f"{file}:5:") and "bad e-mail" in m for m in found), found
    hours = [m for m in found if m.startswith(f"{file}:6:")]
    assert hours and "invalid opening_hours" in hours[0] and "column 20: 'Sx 09:00-12:'" \
        in hours[0], hours
    assert any(m.startswith(f"{file}:11:") and "'lat'" in m and "-90 and 90" in m
               for m in found), found
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert any(":10:" in w and "anecdote 'lavoir' has no 'en' text" in w for w in warnings)


def test_opening_hours_use_french_public_holidays(tmp_path: Path) -> None:
    """A town outside France names its country; PH follows that country's calendar."""
    (tmp_path / "town.yaml").write_text(TOWN + '  country: "XX"\n  timezone: Mars/Olympus\n',
                                        encoding="utf-8")
    (tmp_path / "faq.yaml").write_text(ENTRY, encoding="utf-8")
    pack, problems = check_pack(tmp_path)
    assert pack is None
    assert any(":7:" in m and "unknown time zone 'Mars/Olympus'" in m for m in errors(problems))
