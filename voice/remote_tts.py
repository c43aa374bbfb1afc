"""Speech synthesis on a server: Wyoming, or the OpenAI speech API.

A speaker says one sentence per request, so the first sentence of an answer plays while
the next is made, and a server that fails mid-answer costs one sentence, not the answer
(:mod:`voice.fallback` says that sentence locally). The API key comes from an
environment variable and is never logged.
"""

from __future__ import annotations

import io
import wave
from typing import Protocol

from wyoming.tts import SynthesizeVoice

from guichet.content.answer.openai_client import openai_client
from guichet.voice import wyoming_client
from guichet.voice.audio import mono16
from guichet.voice.deadline import call_within
from guichet.voice.errors import RemoteEngineError
from guichet.voice.remote_config import RemoteTtsConfig, endpoint, shown

_OPENAI_SPEED = (0.25, 4.0)


class Speaker(Protocol):
    """One sentence per request to a synthesis server."""

    label: str
    """What to call the server in logs: engine and address (never the key)."""

    def serves(self, lang: str) -> bool:
        """Whether the server is configured to speak ``lang``."""
        ...

    def speak(self, text: str, lang: str, length_scale: float) -> tuple[bytes, int]:
        """16-bit mono PCM of ``text`` and its sample rate; raise on any failure."""
        ...


def wav_pcm(data: bytes) -> tuple[bytes, int]:
    """A WAV file's audio as 16-bit mono PCM and its sample rate."""
    if data[:4] != b"RIFF":
        raise RemoteEngineError(f"the server did not send WAV audio (starts {data[:8]!r})")
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            rate, width, channels = wav.getframerate(), wav.getsampwidth(), wav.getnchannels()
            pcm = mono16(wav.readframes(wav.getnframes()), width, channels)
    except (wave.Error, EOFError) as err:
        raise RemoteEngineError(f"the server sent a broken WAV file: {err}") from None
    if not pcm:
        raise RemoteEngineError("the server sent no audio")
    return pcm, rate


class _Voices:
    """Which voice says which language, from ``tts.remote``."""

    def __init__(self, remote: RemoteTtsConfig) -> None:
        self.remote = remote

    def serves(self, lang: str) -> bool:
        # Without a per-language list the server is trusted with every language.
        return not self.remote.voices or lang in self.remote.voices

    def name(self, lang: str) -> str:
        return self.remote.voices.get(lang) or self.remote.voice


class WyomingSpeaker(_Voices):
    """A Wyoming synthesis server (wyoming-piper and others).

    The protocol carries no speech rate: ``length_scale`` (seniors mode) is the
    server's own setting (wyoming-piper's ``--length-scale``).
    """

    def __init__(self, remote: RemoteTtsConfig) -> None:
        super().__init__(remote)
        host_port = endpoint("wyoming", remote.url)
        assert isinstance(host_port, tuple)
        self.host, self.port = host_port
        self.label = f"Wyoming speech synthesis at {shown(remote.url)}"

    def speak(self, text: str, lang: str, length_scale: float) -> tuple[bytes, int]:
        name = self.name(lang)
        voice = SynthesizeVoice(name=name) if name else SynthesizeVoice(language=lang)
        return wyoming_client.synthesize(self.host, self.port, text, voice,
                                         self.remote.timeout_s)


class OpenAISpeaker(_Voices):
    """An OpenAI-compatible speech API (OpenAI, self-hosted Piper or Kokoro servers...)."""

    def __init__(self, remote: RemoteTtsConfig) -> None:
        super().__init__(remote)
        self.label = f"OpenAI-compatible speech synthesis at {shown(remote.url)}"
        self.client = openai_client(str(endpoint("openai", remote.url)), remote.api_key_env,
                                    remote.timeout_s)

    def speak(self, text: str, lang: str, length_scale: float) -> tuple[bytes, int]:
        low, high = _OPENAI_SPEED
        speed = min(high, max(low, 1.0 / length_scale))

        def ask() -> bytes:
            reply = self.client.audio.speech.create(
                model=self.remote.model or "tts-1", voice=self.name(lang) or "alloy",
                input=text, response_format="wav", speed=speed)
            return reply.read()

        return wav_pcm(call_within(ask, self.remote.timeout_s, "tts-request"))
