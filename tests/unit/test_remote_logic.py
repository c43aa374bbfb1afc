"""The remote engines' decisions, with plain data: configuration, outages, languages."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest

from guichet.content.answer.openai_client import openai_client
from guichet.kiosk.config import ConfigError, load_config
from guichet.voice.audio import mono16
from guichet.voice.breath import split_sentences
from guichet.voice.errors import RemoteEngineError
from guichet.voice.fallback import Breaker
from guichet.voice.remote_config import endpoint, shown
from guichet.voice.remote_stt import language_code, settle_language
from guichet.voice.remote_tts import wav_pcm


def test_breaker_one_outage_one_warning_then_retry_after_the_pause() -> None:
    breaker = Breaker(retry_after_s=30)
    assert breaker.allow(0.0)
    assert breaker.failed(0.0) is True  # a new outage: warn
    assert not breaker.allow(10.0)  # left alone
    assert breaker.allow(30.0)  # tried again
    assert breaker.failed(30.0) is False  # same outage: no second warning
    assert not breaker.allow(59.0) and breaker.allow(60.0)
    assert breaker.succeeded(61.0) == 61.0  # back after 61 s
    assert breaker.succeeded(62.0) is None and breaker.allow(62.0)
    assert breaker.failed(70.0) is True  # a new outage warns again


@pytest.mark.parametrize("text,reported,imposed,expected", [
    ("Quand est le marché ?", "fr", None, ("fr", 1.0, False)),
    ("When is the market?", "english", None, ("en", 1.0, False)),
    ("When is the market?", None, None, ("en", 0.0, False)),  # words tell
    ("Wann ist der Markt?", "de", None, ("fr", 0.0, True)),  # not served: decode again
    ("", "de", None, ("fr", 0.0, False)),  # silence: the town's first language
    ("When is the market?", "fr", "en", ("en", 1.0, False)),  # imposed wins
])
def test_the_language_is_one_of_the_towns(
    text: str, reported: str | None, imposed: str | None, expected: tuple[str, float, bool]
) -> None:
    settled = settle_language(text, reported, imposed, ("fr", "en"))
    assert (settled.language, settled.probability, settled.redo) == expected


def test_language_codes_from_names_and_locales() -> None:
    assert [language_code(x) for x in ("en", "en-US", "French", "fr_FR", "", None, "?!")] == [
        "en", "en", "fr", "fr", None, None, None]


def test_sentences_are_split_at_their_ends() -> None:
    assert split_sentences("Open at 9. Closed on Sunday!  Why?\nCall 01 23.") == [
        "Open at 9.", "Closed on Sunday!", "Why?", "Call 01 23."]
    assert split_sentences("  ") == []


def test_wav_replies_become_16_bit_mono() -> None:
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(24_000)
        wav.writeframes(b"\x10\x00\x30\x00" * 100)
    pcm, rate = wav_pcm(out.getvalue())
    assert rate == 24_000 and len(pcm) == 200 and pcm[:2] == b"\x20\x00"  # averaged
    with pytest.raises(RemoteEngineError, match="did not send WAV"):
        wav_pcm(b"ID3\x03mp3 data")


@pytest.mark.parametrize("width,sample,expected", [
    (1, b"\xff", 127 << 8), (1, b"\x00", -128 << 8), (2, b"\x00\x80", -32768),
    (3, b"\x00\x34\x12", 0x1234), (4, b"\x00\x00\xff\x7f", 32767),
])
def test_any_sample_width_becomes_16_bit(width: int, sample: bytes, expected: int) -> None:
    assert mono16(sample * 3, width, 1) == expected.to_bytes(2, "little", signed=True) * 3


def test_endpoints() -> None:
    assert endpoint("wyoming", "tcp://stt.lan:10300") == ("stt.lan", 10300)
    assert endpoint("openai", "http://10.0.0.5:8000/v1/") == "http://10.0.0.5:8000/v1"
    for engine, url in [("wyoming", "http://x:1"), ("wyoming", "tcp://x"),
                        ("openai", "tcp://x:1"), ("openai", "x:8000")]:
        with pytest.raises(ValueError):
            endpoint(engine, url)


def test_credentials_in_a_url_never_reach_the_logs() -> None:
    assert shown("https://town:s3cret@api.example.org:8443/v1") == "https://api.example.org:8443/v1"
    assert shown("tcp://stt.lan:10300") == "tcp://stt.lan:10300"


def test_configuration_mistakes_point_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "guichet.yaml"
    path.write_text(
        "stt:\n"
        "  engine: wyoming\n"  # 2: no remote.url
        "tts:\n"
        "  engine: openai\n"
        "  remote:\n"
        "    url: tcp://speech:10200\n"  # 6: not an HTTP url
        "    fallback: maybe\n"  # 7
        "    voise: alloy\n"  # 8
        "    timeout_s: 0\n"  # 9
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    lines = {p.line: p.message for p in caught.value.problems}
    assert set(lines) == {2, 6, 7, 8, 9}, lines
    assert "needs remote.url" in lines[2]
    assert "http(s)://" in lines[6]
    assert "local, lazy, none" in lines[7]
    assert "unknown key 'voise' in 'tts.remote'" in lines[8]
    assert "above 0" in lines[9]


def test_a_good_remote_configuration_loads(tmp_path: Path) -> None:
    path = tmp_path / "guichet.yaml"
    path.write_text(
        "stt:\n  engine: wyoming\n  remote: {url: 'tcp://stt.lan:10300', timeout_s: 3}\n"
        "tts:\n  engine: openai\n  remote:\n    url: http://speech.lan:8000/v1\n"
        "    voices: {fr: fr_FR-siwis-medium}\n    fallback: lazy\n")
    config = load_config(path)
    assert (config.stt.engine, config.stt.remote.url, config.stt.remote.timeout_s) == (
        "wyoming", "tcp://stt.lan:10300", 3)
    assert config.stt.remote.fallback == "local"
    assert config.tts.remote.voices == {"fr": "fr_FR-siwis-medium"}
    assert config.tts.remote.fallback == "lazy" and config.tts.remote.timeout_s == 2.0


def test_openai_clients_take_the_key_from_the_environment_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOWN_SPEECH_KEY", "s3cret-token")
    client = openai_client("http://127.0.0.1:9/v1", "TOWN_SPEECH_KEY", 2.5)
    assert (client.api_key, client.max_retries, client.timeout) == ("s3cret-token", 0, 2.5)
    assert str(client.base_url).startswith("http://127.0.0.1:9/v1")
    monkeypatch.delenv("TOWN_SPEECH_KEY")
    assert openai_client("http://127.0.0.1:9/v1", "TOWN_SPEECH_KEY", 1).api_key == "none"
