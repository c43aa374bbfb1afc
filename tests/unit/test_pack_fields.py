"""Service prices, rules, access, source and dates; synonyms: loaded, and every mistake
reported with file:line in words a town secretary understands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from guichet.content.pack.loader import DEMO_PACK, check_pack
from guichet.content.pack.model import Price
from tests.support.samples import ENTRY, TOWN

SERVICE = """services:
  - id: decheterie
    name: {fr: "la déchetterie", en: "the recycling centre"}
    address: "Chemin du Moulin"
    access: {fr: "À la sortie de la ville.", en: "At the edge of town."}
    prices:
      - {what: {fr: "badge", en: "badge"}, price: 0, note: {fr: "habitants", en: "residents"}}
      - {what: {fr: "badge perdu", en: "lost badge"}, price: 10}
      - {what: {fr: "entrée adulte", en: "adult ticket"}, price: 3.20}
    rules:
      - {fr: "Le badge d'accès est obligatoire.", en: "An access badge is required."}
      - "L'amiante n'est pas acceptée."
    source: "Règlement de la déchetterie"
    updated: 2026-03-01
synonyms:
  fr:
    - [enfant, gosse, gamin]
    - [déchetterie, décharge]
  en:
    - [rubbish, trash]
"""


def load(tmp_path: Path, services: str, faq: str = ENTRY) -> tuple[object, list[str], list[str]]:
    (tmp_path / "town.yaml").write_text(TOWN, encoding="utf-8")
    (tmp_path / "faq.yaml").write_text(faq, encoding="utf-8")
    (tmp_path / "services.yaml").write_text(services, encoding="utf-8")
    pack, problems = check_pack(tmp_path)
    errors = [str(p) for p in problems if p.severity == "error"]
    warnings = [str(p) for p in problems if p.severity == "warning"]
    return pack, errors, warnings


def test_new_service_fields_and_synonyms_load(tmp_path: Path) -> None:
    pack, errors, warnings = load(tmp_path, SERVICE)
    assert errors == [] and pack is not None
    [service] = pack.services  # type: ignore[attr-defined]
    assert service.access == {"fr": "À la sortie de la ville.", "en": "At the edge of town."}
    assert service.prices[0] == Price({"fr": "badge", "en": "badge"}, 0.0,
                                      {"fr": "habitants", "en": "residents"})
    assert [p.price for p in service.prices] == [0.0, 10.0, 3.2]
    assert service.prices[1].note == {}
    assert service.rules == ({"fr": "Le badge d'accès est obligatoire.",
                              "en": "An access badge is required."},
                             {"fr": "L'amiante n'est pas acceptée."})
    assert service.source == "Règlement de la déchetterie"
    assert service.updated == dt.date(2026, 3, 1)
    # A rule written only in the town's language is kept, with a warning for English.
    assert any(":12:" in w and "rule 2" in w and "no 'en'" in w for w in warnings), warnings
    assert pack.synonyms == {  # type: ignore[attr-defined]
        "fr": (("enfant", "gosse", "gamin"), ("déchetterie", "décharge")),
        "en": (("rubbish", "trash"),)}


def test_a_price_written_as_text_says_which_number_to_write(tmp_path: Path) -> None:
    bad = SERVICE.replace("price: 10}", 'price: "10 €"}').replace(
        "price: 3.20}", 'price: "3,20 euros"}').replace("price: 0,", "price: gratuit,")
    pack, errors, _ = load(tmp_path, bad)
    assert pack is None
    file = str(tmp_path / "services.yaml")
    assert any(m.startswith(f"{file}:7:") and "price: 0" in m and "free" in m
               for m in errors), errors
    assert any(m.startswith(f"{file}:8:") and "'10 €'" in m and "price: 10" in m
               for m in errors), errors
    assert any(m.startswith(f"{file}:9:") and "price: 3.20" in m for m in errors), errors


def test_a_decimal_comma_says_to_write_a_point(tmp_path: Path) -> None:
    # In "{…, price: 3,20}" YAML reads "20" as another key: the staff wrote French.
    pack, errors, _ = load(tmp_path, SERVICE.replace("price: 3.20}", "price: 3,20}"))
    assert pack is None
    assert any(m.startswith(f"{tmp_path / 'services.yaml'}:9:") and
               "with a point, not a comma: price: 3.20" in m for m in errors), errors


def test_price_without_number_negative_or_without_what(tmp_path: Path) -> None:
    bad = SERVICE.replace("price: 10}", "price: -2}").replace(
        '- {what: {fr: "entrée adulte", en: "adult ticket"}, price: 3.20}',
        '- {what: {fr: "entrée adulte", en: "adult ticket"}, cost: 3}').replace(
        '- {what: {fr: "badge", en: "badge"}, price: 0, note: '
        '{fr: "habitants", en: "residents"}}', "- {price: 0}")
    pack, errors, _ = load(tmp_path, bad)
    assert pack is None
    file = str(tmp_path / "services.yaml")
    assert any(m.startswith(f"{file}:7:") and "needs 'what'" in m for m in errors), errors
    assert any(m.startswith(f"{file}:8:") and "cannot be negative" in m for m in errors), errors
    assert any(m.startswith(f"{file}:9:") and "unknown key 'cost'" in m for m in errors), errors
    assert any(m.startswith(f"{file}:9:") and "needs 'price'" in m for m in errors), errors


def test_updated_must_be_a_real_date(tmp_path: Path) -> None:
    for written in ("mars 2026", "2026-13-01", "01/03/2026"):
        pack, errors, _ = load(tmp_path, SERVICE.replace("2026-03-01", written))
        assert pack is None
        [message] = errors
        assert message.startswith(f"{tmp_path / 'services.yaml'}:14:"), message
        assert "real date" in message and "2026-03-01" in message and written in message
    # Quoted, a real date is still a date; on FAQ entries too.
    faq = ENTRY.replace("    tags:", '    updated: "2026-02-10"\n    tags:')
    pack, errors, _ = load(tmp_path, SERVICE.replace("2026-03-01", '"2026-03-01"'), faq)
    assert errors == [] and pack is not None
    assert pack.services[0].updated == dt.date(2026, 3, 1)  # type: ignore[attr-defined]
    assert pack.faq[0].updated == dt.date(2026, 2, 10)  # type: ignore[attr-defined]


def test_synonym_mistakes(tmp_path: Path) -> None:
    bad = SERVICE.replace("    - [rubbish, trash]", "    - [rubbish]\n    - rubbish, trash")
    bad = bad.replace("    - [déchetterie, décharge]", "    - [Gosse, marmot]")
    bad += "  de:\n    - [Kind, Gör]\n"
    pack, errors, _ = load(tmp_path, bad)
    assert pack is None
    file = str(tmp_path / "services.yaml")
    assert any(m.startswith(f"{file}:18:") and "'Gosse' is already in the synonym group at "
               f"{file}:17" in m for m in errors), errors
    assert any(m.startswith(f"{file}:20:") and "at least two" in m for m in errors), errors
    assert any(m.startswith(f"{file}:21:") and "[enfant, gosse, gamin]" in m
               for m in errors), errors
    assert any(m.startswith(f"{file}:22:") and "language 'de'" in m for m in errors), errors


def test_synonyms_from_several_files_are_merged(tmp_path: Path) -> None:
    (tmp_path / "mots.yaml").write_text("synonyms:\n  fr:\n    - [mairie, hôtel de ville]\n"
                                        "    - [gamin, minot]\n", encoding="utf-8")
    pack, errors, _ = load(tmp_path, SERVICE)
    assert pack is None  # "gamin" is in a group of services.yaml already
    assert any(m.startswith(f"{tmp_path / 'services.yaml'}:17:") and "'gamin'" in m
               and str(tmp_path / "mots.yaml") + ":4" in m for m in errors), errors
    (tmp_path / "mots.yaml").write_text("synonyms:\n  fr:\n    - [mairie, hôtel de ville]\n",
                                        encoding="utf-8")
    pack, errors, _ = load(tmp_path, SERVICE)
    assert errors == [] and pack is not None
    assert pack.synonyms["fr"] == (("mairie", "hôtel de ville"),  # type: ignore[attr-defined]
                                   ("enfant", "gosse", "gamin"), ("déchetterie", "décharge"))


def test_demo_pack_states_prices_and_rules_on_services() -> None:
    pack, problems = check_pack(DEMO_PACK)
    assert pack is not None, problems
    with_prices = {s.id for s in pack.services if s.prices}
    assert {"decheterie", "piscine-municipale", "mediatheque"} <= with_prices
    decheterie = next(s for s in pack.services if s.id == "decheterie")
    assert decheterie.rules and decheterie.source


def test_the_readme_examples_load(tmp_path: Path) -> None:
    """content/README.md's service and synonyms examples are a valid pack, as written."""
    readme = (Path(__file__).parents[2] / "content" / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```yaml\n")
    service = next(b for b in blocks if b.startswith("services:")).split("```")[0]
    synonyms = next(b for b in blocks if b.startswith("synonyms:")).split("```")[0]
    pack, errors, warnings = load(tmp_path, service + synonyms)
    assert errors == [] and warnings == [] and pack is not None
    [decheterie] = pack.services  # type: ignore[attr-defined]
    assert [p.price for p in decheterie.prices] == [0.0, 10.0, 3.2]
    assert len(decheterie.rules) == 3 and decheterie.updated == dt.date(2026, 3, 1)
    assert len(pack.synonyms["fr"]) == 2  # type: ignore[attr-defined]


def test_plain_text_where_each_language_is_needed_shows_how_to_write_it(
        tmp_path: Path) -> None:
    bad = SERVICE.replace('access: {fr: "À la sortie de la ville.", en: "At the edge of town."}',
                          'access: "À la sortie de la ville."').replace(
        '- {what: {fr: "badge perdu", en: "lost badge"}, price: 10}', '- "10 euros"')
    pack, errors, _ = load(tmp_path, bad)
    assert pack is None
    file = str(tmp_path / "services.yaml")
    assert errors == [
        f"{file}:5: error: 'access' of service 'decheterie' needs one text per language: "
        'access: {fr: "À la sortie de la ville.", en: "..."}',
        f"{file}:8: error: price 2 of service 'decheterie' must be written - {{what: "
        '{fr: "entrée adulte", en: "adult ticket"}, price: 4}, not \'10 euros\''], errors
