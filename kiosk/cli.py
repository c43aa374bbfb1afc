"""The ``guichet`` command: argparse lives here and nowhere else.

Every error a person can cause (a missing file, a YAML mistake, an unknown language) is
printed as one clear message with exit code 2; nothing prints a traceback unless
``--debug`` is given.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path

from content.gtfs import GtfsError
from content.pack import PackError, check_pack
from content.yamlsrc import Problem
from kiosk.config import ConfigError, GuichetConfig, load_config
from kiosk.evaluate import EvalFileError
from tours.model import TourError
from voice.errors import VoiceError

_LOGGER = logging.getLogger("guichet")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guichet", description="Voice kiosk for town halls.")
    parser.add_argument("--config", type=Path, help="town configuration file (guichet.yaml); "
                        "default: $GUICHET_CONFIG, else the demo town")
    parser.add_argument("-v", "--verbose", action="store_true", help="say what is loaded")
    parser.add_argument("--debug", action="store_true", help="debug logs and tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer one question from a recording or typed text")
    ask.add_argument("audio", nargs="?", type=Path, help="WAV, FLAC or MP3 of the question")
    ask.add_argument("--text", help="the question as text instead of a recording")
    ask.add_argument("--lang", help="impose the question's language (e.g. fr, en)")
    ask.add_argument("--pack", type=Path, help="knowledge pack folder (overrides the config)")
    ask.add_argument("--out", type=Path, help="write the spoken answer to this WAV file")
    ask.add_argument("--play", action="store_true", help="play the answer on the sound card")
    ask.add_argument("--json", action="store_true", help="print one JSON object")

    ask.add_argument("--at", help="answer as if it were this local time (YYYY-MM-DDTHH:MM)")

    ev = sub.add_parser("eval", help="score the answers to a questions file")
    ev.add_argument("questions", type=Path, help="YAML list of {q, lang, expect | decline}")
    ev.add_argument("--pack", type=Path, help="knowledge pack folder (overrides the config)")
    ev.add_argument("--llm", metavar="BASE_URL", help="OpenAI-compatible endpoint to test")
    ev.add_argument("--model", help="model name on that endpoint")
    ev.add_argument("--at", help="local time to compute opening hours at (YYYY-MM-DDTHH:MM)")

    dep = sub.add_parser("departures", help="next departures from a stop (GTFS)")
    dep.add_argument("--gtfs", type=Path, required=True, help="GTFS feed (.zip or folder)")
    dep.add_argument("--stop", required=True, help="stop name (as said) or stop_id")
    dep.add_argument("--at", help="local time YYYY-MM-DDTHH:MM (default: now)")
    dep.add_argument("--towards", help="a later stop, a headsign or a route")
    dep.add_argument("-n", type=int, default=3, help="how many departures (default 3)")
    dep.add_argument("--json", action="store_true", help="print a JSON list")
    dep.add_argument("--lang", default="fr", help="language of the sentence (default fr)")

    tour = sub.add_parser("tour", help="audio trails: check, simulate, build, serve")
    tour_sub = tour.add_subparsers(dest="tour_command", required=True)
    t_check = tour_sub.add_parser("check", help="check a tour file: errors with file:line")
    t_check.add_argument("tour", type=Path)
    t_sim = tour_sub.add_parser("simulate", help="which stop fires when along a GPX walk")
    t_sim.add_argument("tour", type=Path)
    t_sim.add_argument("walk", type=Path, help="a GPX track")
    t_sim.add_argument("--json", action="store_true", help="print [{stop, time}]")
    t_build = tour_sub.add_parser("build", help="render narrations and write the phone site")
    t_build.add_argument("tour", type=Path)
    t_build.add_argument("--out", type=Path, required=True, help="output folder")
    t_serve = tour_sub.add_parser("serve", help="serve a built tour and the ask API")
    t_serve.add_argument("site", type=Path, help="folder written by 'tour build'")
    _serve_options(t_serve)
    t_serve.add_argument("--voice", action="store_true",
                         help="accept spoken questions too (loads Whisper)")

    serve = sub.add_parser("serve", help="the ask API alone, for several kiosks and phones: "
                           "POST /api/ask with JSON text or a recording")
    _serve_options(serve)
    serve.add_argument("--no-voice", action="store_true",
                       help="typed questions only (Whisper is not loaded)")

    say = sub.add_parser("say", help="speak a text with the town's voice into a WAV file")
    say.add_argument("text")
    say.add_argument("--lang", default="en")
    say.add_argument("--out", type=Path, required=True)

    sub.add_parser("voices", help="list installed voices per language and how to add one")

    sub.add_parser("kiosk", help="run the kiosk screen (full screen; logs go to a file)")

    report = sub.add_parser("report", help="staff report: top and unanswered questions, "
                            "with a chart (needs privacy.store_questions)")
    report.add_argument("--since", type=_day, help="first day to count (YYYY-MM-DD)")
    report.add_argument("--out", type=Path, default=Path("guichet-report.html"),
                        help="chart page to write (default: guichet-report.html)")

    hardware = sub.add_parser("hardware", help="the kiosk's sound devices, button and LED")
    hardware_sub = hardware.add_subparsers(dest="hardware_command", required=True)
    hw_check = hardware_sub.add_parser("check", help="list sound devices, play a test tone, "
                                       "show the microphone level")
    hw_check.add_argument("--seconds", type=float, default=5.0,
                          help="how long to show the microphone level (default 5)")
    hw_check.add_argument("--no-tone", action="store_true", help="do not play the test tone")

    content = sub.add_parser("content", help="the town's knowledge pack")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser("check", help="check a pack: errors with file and line")
    check.add_argument("pack", type=Path)
    # 'guichet kiosk --config FILE' reads as well as 'guichet --config FILE kiosk'.
    for command in (ask, say, report, hw_check, serve, t_serve,
                    *(sub.choices[n] for n in ("voices", "kiosk"))):
        command.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                             help="town configuration file (as before the command)")
    return parser


def _serve_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--host", help="interface to bind (default: serve.host in the "
                         "configuration, else 127.0.0.1)")
    command.add_argument("--port", type=int, help="TCP port (default: serve.port, else 8765)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-01") from None


def _config(args: argparse.Namespace) -> GuichetConfig:
    path = args.config or (Path(os.environ["GUICHET_CONFIG"])
                           if os.environ.get("GUICHET_CONFIG") else None)
    config = load_config(path) if path else GuichetConfig()
    if getattr(args, "pack", None):
        config.pack = args.pack
    return config


def _cmd_ask(args: argparse.Namespace) -> int:
    from kiosk.ask import run_ask

    if (args.audio is None) == (args.text is None):
        raise _UsageError("give either an audio file or --text \"your question\"")
    return run_ask(_config(args), args.audio, args.text, args.lang, args.out, args.play,
                   args.json, args.at)


def _cmd_eval(args: argparse.Namespace) -> int:
    from kiosk.app_setup import build_answerer, load_town_pack
    from kiosk.evaluate import evaluate, load_questions, parse_at, timing_line

    config = _config(args)
    if args.llm:
        if not args.model:
            raise _UsageError("--llm needs --model NAME")
        config.llm.base_url, config.llm.model = args.llm, args.model
    pack = load_town_pack(config)
    at = parse_at(args.at, pack.town.timezone) if args.at else None
    answerer = build_answerer(config, pack, (lambda: at) if at else None)
    questions = load_questions(args.questions, pack.town.languages)
    report: list[str] = []
    score = evaluate(questions, answerer, pack, report)
    for line in report:
        print(line)
    print(timing_line(score))
    print(score.line())
    return 0 if score.wrong == 0 and score.invented == 0 else 1


def _cmd_departures(args: argparse.Namespace) -> int:
    from kiosk.transit import run_departures

    if args.n < 1:
        raise _UsageError("-n must be at least 1")
    return run_departures(args.gtfs, args.stop, args.at, args.towards, args.n, args.json,
                          args.lang)


def _cmd_tour(args: argparse.Namespace) -> int:
    from kiosk import tour_cmd

    if args.tour_command == "check":
        return tour_cmd.run_check(args.tour)
    if args.tour_command == "simulate":
        return tour_cmd.run_simulate(args.tour, args.walk, args.json)
    if args.tour_command == "build":
        return tour_cmd.run_build(args.tour, args.out, _config(args))
    from kiosk.serve_cmd import run_serve

    return run_serve(_config(args), args.site, args.host, args.port, args.voice)


def _cmd_serve(args: argparse.Namespace) -> int:
    from kiosk.serve_cmd import run_serve

    config = _config(args)
    return run_serve(config, None, args.host, args.port,
                     config.serve.voice and not args.no_voice)


def _cmd_say(args: argparse.Namespace) -> int:
    from kiosk.app_setup import load_town_pack
    from voice.audio import write_wav
    from voice.engines import build_tts

    config = _config(args)
    load_town_pack(config)  # a broken configuration is reported before any model loads
    tts = build_tts(config.tts, (args.lang,))
    if not tts.has_voice(args.lang):
        raise VoiceError(f"no voice installed for '{args.lang}' (see 'guichet voices')")
    chunks = list(tts.synthesize(args.text, args.lang))
    if not chunks:
        raise VoiceError("no speech came back (is the speech server up? see the log)")
    write_wav(args.out, b"".join(c.pcm for c in chunks), chunks[0].sample_rate)
    print(args.out)
    return 0


def _cmd_voices(args: argparse.Namespace) -> int:
    from kiosk.app_setup import load_town_pack
    from voice.tts import add_voice_hint, choose_voices, installed_voices

    config = _config(args)
    languages = load_town_pack(config).town.languages
    # This command explains missing voices itself: the engine's warning would repeat it.
    logging.getLogger("voice.tts").setLevel(logging.ERROR)
    chosen = choose_voices(config.tts, languages)
    print("Languages of the town:")
    for lang in languages:
        voice = chosen.get(lang)
        if voice:
            print(f"  {lang}: {voice.name} ({voice.origin})")
        else:
            print(f"  {lang}: no voice - answers are shown as text only")
            print(f"      {add_voice_hint(lang, config.tts)}")
    print("Installed voices:")
    for voice in installed_voices(config.tts):
        print(f"  {voice.name} [{voice.language}] {voice.path}")
    print(f"Voice folders searched: {', '.join(str(d) for d in config.tts.search_dirs())}")
    return 0


def _cmd_kiosk(args: argparse.Namespace) -> int:
    from kiosk.launch import run_kiosk

    level = logging.DEBUG if args.debug else logging.INFO
    return run_kiosk(_config(args), level)


def _cmd_report(args: argparse.Namespace) -> int:
    from kiosk.report import run_report

    return run_report(_config(args), args.since, args.out)


def _cmd_hardware_check(args: argparse.Namespace) -> int:
    from hardware.check import run_check

    return run_check(_config(args).hardware.audio(), args.seconds, not args.no_tone)


def _cmd_content_check(args: argparse.Namespace) -> int:
    pack, problems = check_pack(args.pack)
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.severity == "error")
    if pack is None:
        print(f"{errors} error(s): the pack cannot be used until they are fixed")
        return 1
    warnings = len(problems)
    print(f"OK: {len(pack.faq)} FAQ entries for {pack.town.name} "
          f"({', '.join(pack.town.languages)}), {warnings} warning(s)")
    return 0


class _UsageError(Exception):
    pass


def _report(message: str, as_json: bool) -> None:
    print(f"guichet: error: {message}", file=sys.stderr)
    if as_json:
        print(json.dumps({"error": message}, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="guichet: %(levelname)s: %(message)s")
    # Libraries that log chatter at their own level: keep their warnings only.
    for noisy in ("bm25s", "faster_whisper", "httpx"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    as_json = bool(getattr(args, "json", False))
    handlers = {"ask": _cmd_ask, "say": _cmd_say, "voices": _cmd_voices, "eval": _cmd_eval,
                "departures": _cmd_departures, "tour": _cmd_tour, "kiosk": _cmd_kiosk,
                "report": _cmd_report, "hardware": _cmd_hardware_check,
                "content": _cmd_content_check, "serve": _cmd_serve}
    try:
        return handlers[args.command](args)
    except (PackError, ConfigError, EvalFileError, TourError) as err:
        problems: list[Problem] = err.problems
        _report("\n".join(str(p) for p in problems if p.severity == "error"), as_json)
        return 2
    except (VoiceError, _UsageError, GtfsError, FileNotFoundError) as err:
        _report(str(err), as_json)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`: nothing left to say
        return 0
    except Exception as err:  # the last net: one line for people, the trace with --debug
        if args.debug:
            raise
        _report(f"internal error ({err.__class__.__name__}: {err}); run again with --debug "
                "and report it", as_json)
        return 1
