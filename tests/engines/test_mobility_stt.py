"""Mobility answers in the demo town: stops from speech, departures, car parks, the CLI."""

from __future__ import annotations

from guichet.content.pack.loader import Pack


def test_whisper_favours_the_town_not_every_stop(demo_pack: Pack) -> None:
    """Stop names in Whisper's prompt made it mishear English questions (measured, see
    kiosk/compose.py): only the town's name goes there (LocalWhisper adds the
    configured ``stt.hotwords``)."""
    from guichet.kiosk.compose import build_pipeline
    from guichet.kiosk.config import GuichetConfig

    pipeline = build_pipeline(GuichetConfig(), demo_pack, with_stt=False, with_tts=False)
    assert pipeline.hotwords == ("Montrevel-les-Vignes",)
