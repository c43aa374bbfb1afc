"""Builds the engines of a town from its configuration (shared by every command)."""

from __future__ import annotations

import dataclasses
import logging

from guichet.content.answer.embedded import Answerer, Clock, EmbeddedAnswerer
from guichet.content.answer.llm import LLMAnswerer
from guichet.content.mobility.data import MobilityData
from guichet.content.pack.loader import Pack, PackError, load_pack
from guichet.content.pack.yamlsrc import Problem
from guichet.kiosk.config import ConfigError, GuichetConfig
from guichet.voice.engines import build_stt, build_tts
from guichet.voice.pipeline import Pipeline

_LOGGER = logging.getLogger(__name__)


def load_town_pack(config: GuichetConfig) -> Pack:
    """The pack, restricted to the configured languages; errors carry file and line."""
    pack = load_pack(config.pack)
    if config.languages:
        unknown = [x for x in config.languages if x not in pack.town.languages]
        if unknown:
            raise ConfigError([Problem("configuration", 0, f"languages {unknown} are not in "
                                       f"the pack's languages {list(pack.town.languages)}")])
        ordered = tuple(x for x in pack.town.languages if x in config.languages)
        pack.town = dataclasses.replace(pack.town, languages=ordered)
    return pack


def build_answerer(config: GuichetConfig, pack: Pack, clock: Clock | None = None,
                   mobility: MobilityData | None = None) -> Answerer:
    """The embedded answerer, behind the guarded LLM when the town configured one."""
    embedded = EmbeddedAnswerer(pack, config.answer, clock, mobility)
    if config.llm.base_url:
        if not config.llm.model:
            raise ConfigError([Problem("configuration", 0, "llm.model is required when "
                                       "llm.base_url is set")])
        _LOGGER.info("LLM answers from %s (%s), guarded", config.llm.base_url, config.llm.model)
        return LLMAnswerer(config.llm, embedded)
    return embedded


def build_pipeline(
    config: GuichetConfig, pack: Pack, with_stt: bool, with_tts: bool,
    clock: Clock | None = None,
) -> Pipeline:
    """Load only the engines the command needs (models take seconds to load)."""
    languages = pack.town.languages
    mobility = MobilityData.load(pack.mobility)
    stt = build_stt(config.stt, languages) if with_stt else None
    tts = build_tts(config.tts, languages) if with_tts else None
    answerer = build_answerer(config, pack, clock, mobility)
    # Stop names are not given to Whisper as hotwords: on 45 spoken questions, the demo's
    # 18 French names in the prompt raised base's word error rate from 0.027 to 0.039
    # (0.203 with the short encoder); they are matched fuzzily in the transcript instead.
    # Only the town's name, then (the engine adds the configured stt.hotwords itself).
    return Pipeline(languages, answerer, stt, tts, hotwords=(pack.town.name,),
                    stream=config.stream, place=pack.town.name)


__all__ = ["PackError", "build_pipeline", "load_town_pack"]
