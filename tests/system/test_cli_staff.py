"""The command line as a town's staff meets it: the same options everywhere, --lang
checked, the pack's feed by default, say played or written, messages in their language."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.content.pack.loader import DEMO_PACK
from tests.support.alsa import write_home
from tests.support.paths import DEMO_TRANSPORT
from tests.support.samples import DEMO_QUESTIONS, ENTRY, make_pack

BROKEN = "languages: [fr, en]\nlangage: fr\n"
"""A configuration with a mistake on line 2: a command that read it must report it."""


@pytest.mark.parametrize("line", [
    ["ask", "--text", "horaires ?"], ["eval", str(DEMO_QUESTIONS)],
    ["departures", "--stop", "Mairie"], ["content", "check"], ["say", "Bonjour"],
    ["voices"], ["voices", "add", "fr_FR-siwis-medium"], ["report"], ["serve"],
    ["kiosk"], ["hardware", "check"], ["tour", "build", "t.yaml", "--out", "site"],
], ids=" ".join)
def test_config_after_any_command_is_read(guichet, tmp_path: Path, line: list[str]) -> None:
    config = tmp_path / "guichet.yaml"
    config.write_text(BROKEN, encoding="utf-8")
    run = guichet(*line, "--config", str(config))
    assert run.code == 2, (run.out, run.err)
    # Said once, with the file and line, not "error: ...: error:".
    assert run.err.startswith(f"guichet: error: {config}:2: unknown key 'langage'"), run.err
    assert run.err.count("error") == 1 and "Traceback" not in run.err


def test_version_before_or_after_a_command(guichet) -> None:
    before, after = guichet("--version"), guichet("eval", "q.yaml", "--version")
    assert before.code == after.code == 0
    assert before.out == after.out and before.out.startswith("guichet 0.")


@pytest.mark.parametrize("line", [["ask", "--text", "Opening hours?"], ["say", "Hello"],
                                  ["departures", "--stop", "Mairie"]], ids=" ".join)
def test_an_unserved_language_is_an_error_listing_the_served_ones(guichet, line: list[str]
                                                                  ) -> None:
    for run in (guichet(*line, "--lang", "de"), guichet("--lang", "de", *line)):
        assert run.code == 2 and run.out == ""
        assert "language 'de' is not configured for Montrevel-les-Vignes (served: fr, en)" \
            in run.err


def test_departures_read_the_packs_feed_and_language(guichet) -> None:
    given = guichet("departures", "--gtfs", str(DEMO_TRANSPORT / "gtfs"), "--stop", "Mairie",
                    "--at", "2026-11-25T14:05", "--lang", "fr")
    default = guichet("departures", "--stop", "Mairie", "--at", "2026-11-25T14:05")
    assert given.code == default.code == 0, default.err
    assert default.out == given.out and default.out.startswith("Le prochain")
    english = guichet("--lang", "en", "departures", "--stop", "Mairie", "--at",
                      "2026-11-25T14:05")
    assert english.code == 0 and english.out.startswith("The next"), english.out


def test_departures_without_a_feed_say_to_give_one(guichet, tmp_path: Path) -> None:
    pack = make_pack(tmp_path, ENTRY)
    run = guichet("departures", "--stop", "Mairie", "--pack", str(pack))
    assert run.code == 2 and "names no GTFS feed (mobility.gtfs): give one with --gtfs" in run.err


def test_say_plays_without_out_and_says_what_to_do_with_no_speaker(guichet, tmp_path: Path
                                                                    ) -> None:
    sink = tmp_path / "speaker.raw"
    home = write_home(tmp_path / "home", sink, None)
    played = guichet("say", "Welcome to the town hall.", env={"HOME": str(home)})
    assert played.code == 0, played.err
    assert sink.stat().st_size > 22050  # more than half a second of 16-bit speech
    deaf = write_home(tmp_path / "deaf", None, None)
    silent = guichet("say", "Welcome to the town hall.", env={"HOME": str(deaf)})
    assert silent.code == 2 and "write the speech to a file with --out FILE.wav" in silent.err
    out = tmp_path / "said.wav"
    written = guichet("say", "Welcome to the town hall.", "--out", str(out),
                      env={"HOME": str(deaf)})
    assert written.code == 0 and out.stat().st_size > 22050


def test_say_guesses_a_french_text_is_french(guichet, tmp_path: Path) -> None:
    """The demo town has no French voice here: a French text is not read by the English
    one, the staff is told to add a French voice."""
    run = guichet("say", "Bonjour, la mairie est ouverte le samedi matin.", "--out",
                  str(tmp_path / "fr.wav"), env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert run.code == 2 and not (tmp_path / "fr.wav").exists()
    assert "no voice installed for 'fr': add one with 'guichet voices add " \
           "fr_FR-siwis-medium'" in run.err


def test_a_progress_line_while_the_speech_model_loads(guichet, speak) -> None:
    question = speak("When is the town hall open?")
    english = guichet("ask", str(question), "--lang", "en")
    assert english.code == 0, english.err
    assert english.err.startswith("Loading the speech model…\n")
    assert "Answer:" in english.out and "Loading" not in english.out
    french = guichet("ask", str(question), "--lang", "en",
                     env={"LANGUAGE": "", "LC_ALL": "", "LANG": "fr_FR.UTF-8"})
    assert french.err.startswith("Chargement du modèle de reconnaissance…\n")
    typed = guichet("ask", "--text", "When is the town hall open?")
    assert typed.code == 0 and typed.err == ""  # nothing slow to announce


FRENCH = {"LANGUAGE": "", "LC_ALL": "", "LANG": "fr_FR.UTF-8"}
SERVICES = """services:
  - id: mairie
    name: {fr: Mairie, en: Town hall}
    opening_hours: "Lu-Ve 8h-18h"
"""


def test_content_check_in_french_says_what_to_write(guichet, tmp_path: Path) -> None:
    pack = make_pack(tmp_path, ENTRY.replace("  - id: mairie", "  - id: Mairie Centrale"))
    (pack / "services.yaml").write_text(SERVICES, encoding="utf-8")
    run = guichet("content", "check", str(pack), env=FRENCH)
    assert run.code == 1
    faq, services = pack / "faq.yaml", pack / "services.yaml"
    assert f"{faq}:2: erreur: L'identifiant 'Mairie Centrale' ne peut contenir" in run.out
    assert (f"{services}:4: erreur: Le service 'mairie' : horaires opening_hours "
            "'Lu-Ve 8h-18h' invalides ; écrivez 'Mo-Fr 08:00-18:00'") in run.out
    assert "2 erreur(s) : le pack ne peut pas servir" in run.out
    english = guichet("content", "check", str(pack))  # LANGUAGE=en
    assert f"{services}:4: error: service 'mairie': invalid opening_hours 'Lu-Ve 8h-18h'; " \
           "write it as 'Mo-Fr 08:00-18:00'" in english.out
    ok = guichet("content", "check", str(DEMO_PACK), env=FRENCH)
    assert ok.code == 0 and ok.out.startswith("OK : 46 entrées de FAQ pour Montrevel")


def test_the_configuration_chooses_the_staff_language(guichet, tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    pack = make_pack(tmp_path / "pack", ENTRY.replace("    answer:\n", "    answer: Tél : 05\n"
                                                      "    other:\n"))
    config = tmp_path / "guichet.yaml"
    config.write_text(f"pack: {pack}\nlanguage: fr\n", encoding="utf-8")
    run = guichet("ask", "--text", "Horaires ?", "--config", str(config))  # LANGUAGE=en
    assert run.code == 2
    assert run.err.startswith(f"guichet : erreur : {pack / 'faq.yaml'}:")
    assert "mettez le texte entre guillemets : answer: \"Tél : 05\"" in run.err
    assert run.err.count("erreur") == 1
