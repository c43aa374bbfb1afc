"""Ask Wyoming servers (speech recognition, speech synthesis) from synchronous code.

One request per connection, as Home Assistant does. Each call runs a private event loop
in a worker thread (the caller may be a thread that already runs one, such as the
kiosk's UI) and is cancelled once its budget is spent. Protocol: ``Transcribe``,
``AudioStart``, ``AudioChunk``..., ``AudioStop`` -> ``Transcript``; ``Synthesize`` ->
``AudioStart``, ``AudioChunk``..., ``AudioStop``; ``Describe`` -> ``Info``; an ``Error``
event or a closed connection at any point is a failure.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.error import Error
from wyoming.event import Event
from wyoming.info import Describe, Info
from wyoming.tts import Synthesize, SynthesizeVoice

from guichet.voice.audio import mono16
from guichet.voice.deadline import call_within
from guichet.voice.errors import RemoteEngineError

T = TypeVar("T")

_SEND_SECONDS = 1.0
"""Audio is sent in slices of this length (a whole question in one event works too, but
slices keep each event small, as microphones send them)."""


@dataclass(frozen=True)
class Heard:
    """A Wyoming transcript."""

    text: str
    """The words, stripped."""
    language: str | None
    """The language the server reports, when it does."""


def _run(make: Callable[[], Awaitable[T]], budget_s: float) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(make(), budget_s)

    # The thread's own deadline is a little later: the loop cancels first, cleanly.
    return call_within(lambda: asyncio.run(bounded()), budget_s + 0.25, "wyoming")


async def _next(client: AsyncTcpClient, wanted: Callable[[str], bool]) -> Event:
    """The next event of a wanted type; others (pings, partial transcripts) are skipped."""
    while True:
        event = await client.read_event()
        if event is None:
            raise RemoteEngineError("the Wyoming server closed the connection before answering")
        if Error.is_type(event.type):
            error = Error.from_event(event)
            raise RemoteEngineError(f"the Wyoming server reports an error: {error.text}")
        if wanted(event.type):
            return event


def describe(host: str, port: int, budget_s: float) -> Info:
    """What the server offers (its models, voices and languages)."""

    async def ask() -> Info:
        async with AsyncTcpClient(host, port) as client:
            await client.write_event(Describe().event())
            return Info.from_event(await _next(client, Info.is_type))

    return _run(ask, budget_s)


def transcribe(
    host: str, port: int, pcm: bytes, rate: int, language: str | None,
    names: tuple[str, ...], model: str | None, budget_s: float,
) -> Heard:
    """Recognise ``pcm`` (16-bit mono at ``rate``); ``names`` bias servers that use them."""

    async def ask() -> Heard:
        async with AsyncTcpClient(host, port) as client:
            await client.write_event(Transcribe(
                name=model, language=language, transcript_names=list(names) or None,
            ).event())
            await client.write_event(AudioStart(rate=rate, width=2, channels=1).event())
            step = int(rate * _SEND_SECONDS) * 2
            for start in range(0, len(pcm), step):
                await client.write_event(AudioChunk(
                    rate=rate, width=2, channels=1, audio=pcm[start:start + step]).event())
            await client.write_event(AudioStop().event())
            reply = Transcript.from_event(await _next(client, Transcript.is_type))
            return Heard(reply.text.strip(), reply.language)

    return _run(ask, budget_s)


def synthesize(
    host: str, port: int, text: str, voice: SynthesizeVoice | None, budget_s: float,
) -> tuple[bytes, int]:
    """Speech for ``text``: 16-bit mono PCM and its sample rate."""

    async def ask() -> tuple[bytes, int]:
        async with AsyncTcpClient(host, port) as client:
            await client.write_event(Synthesize(text=text, voice=voice).event())
            start = AudioStart.from_event(await _next(client, AudioStart.is_type))
            parts: list[bytes] = []
            while True:
                event = await _next(
                    client, lambda kind: AudioChunk.is_type(kind) or AudioStop.is_type(kind))
                if AudioStop.is_type(event.type):
                    break
                chunk = AudioChunk.from_event(event)
                if chunk.rate != start.rate:
                    raise RemoteEngineError("the Wyoming server changed its sample rate "
                                            f"mid-answer ({start.rate} -> {chunk.rate})")
                # Servers may send any width or channel count: the kiosk plays 16-bit mono.
                parts.append(mono16(chunk.audio, chunk.width, chunk.channels))
            pcm = b"".join(parts)
            if not pcm:
                raise RemoteEngineError("the Wyoming server sent no audio")
            return pcm, int(start.rate)

    return _run(ask, budget_s)
