"""The kiosk's start in two steps, run in a worker thread: typed questions first, voice next.

The answerer loads in about a second and a half; the speech models (Whisper, Piper, the
VAD) take several more. The screen answers typed questions (in writing) as soon as the
first step is done, and says the voice is loading until the second is.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from guichet.content.pack.loader import Pack
from guichet.kiosk.config import GuichetConfig
from guichet.kiosk.staff.journal import QuestionLog
from guichet.kiosk.turns import TurnRunner, check_devices
from guichet.voice.pipeline import Pipeline

_LOGGER = logging.getLogger(__name__)


def load_typed(config: GuichetConfig, pack: Pack, pipeline: Pipeline | None,
               journal: QuestionLog | None, typed: Future[Pipeline] | None = None
               ) -> TurnRunner:
    """A runner that answers typed questions: ``pipeline`` as given, else ``typed`` (one
    without speech engines, being built since before the screen opened), else one built
    now; the speech engines are added by :func:`load_voice`."""
    from guichet.kiosk.compose import build_pipeline

    if pipeline is None:
        pipeline = (typed.result() if typed is not None
                    else build_pipeline(config, pack, False, False))
    return TurnRunner(pipeline, config.listen, config.hardware.audio(), journal)


def load_voice(config: GuichetConfig, runner: TurnRunner, preloaded: bool) -> dict[str, str]:
    """Load the speech engines into ``runner`` (unless ``preloaded``), warm them up and try
    the sound devices; returns the faults found (kind -> error)."""
    from guichet.voice.engines import build_stt, build_tts
    from guichet.voice.errors import VoiceError

    faults: dict[str, str] = {}
    if not preloaded:
        languages = runner.pipeline.languages
        try:
            stt = build_stt(config.stt, languages)
        except VoiceError as err:  # no Whisper: typed questions still work
            _LOGGER.error("speech recognition unavailable: %s", err)
            faults["stt"] = str(err)
            stt = None
        runner.add_voice(stt, build_tts(config.tts, languages))
    runner.warm_up()
    checked = runner.gate.probe(lambda: check_devices(runner.audio)) or {}
    faults.update({kind: error for kind, error in checked.items() if error})
    return faults
