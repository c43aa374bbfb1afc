"""Seniors mode's text shaping (plain data) and its slower speech (the real Piper voice)."""

from __future__ import annotations

from guichet.kiosk.seniors import (
    SeniorsConfig,
)


def test_seniors_length_scale_makes_speech_at_least_20_percent_slower(piper) -> None:
    text = "The town hall is open Monday to Friday, from 8:30 am to noon."
    normal = sum(len(c.pcm) for c in piper.synthesize(text, "en"))
    slow = sum(len(c.pcm) for c in piper.synthesize(text, "en", SeniorsConfig().length_scale))
    assert slow >= 1.2 * normal
