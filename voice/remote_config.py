"""Where a heavy engine runs when it is not this machine: configuration and its checks.

A town that outgrows one box points ``stt.engine`` / ``tts.engine`` at a server it
already has: a Wyoming server (``tcp://host:port``) or an OpenAI-compatible speech API
(``http(s)://host/v1``). The local engine stays the fallback. Pure data and checks: the
checks return ``(key path, message)`` pairs that the configuration loader turns into
file:line problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urlsplit

ENGINES = ("local", "openai", "wyoming")
"""Where speech is recognised or synthesized."""
FALLBACKS = ("local", "lazy", "none")
"""What answers when the remote engine cannot: the local engine loaded at start-up, the
local engine loaded at the first failure, or nothing."""

Check = tuple[tuple[str, ...], str]
"""A configuration problem: the path of the key it concerns, and the message."""


@dataclass
class RemoteConfig:
    """A speech server on the network (used when ``engine`` is not ``local``)."""

    CHOICES: ClassVar[dict[str, tuple[str, ...]]] = {"fallback": FALLBACKS}

    url: str = ""
    """Wyoming: ``tcp://host:port``; OpenAI-compatible: the API's base URL, e.g.
    ``http://speech.lan:8000/v1``."""
    model: str = ""
    """Model name as the server knows it; empty: the server's default (OpenAI API:
    ``whisper-1`` for speech recognition, ``tts-1`` for synthesis)."""
    api_key_env: str = "GUICHET_SPEECH_API_KEY"
    """Environment variable holding the API key of an OpenAI-compatible server (the key
    never goes in files and is never logged)."""
    timeout_s: float = 4.0
    """Budget for one request; past it (or on any error) the fallback answers."""
    fallback: str = "local"
    """"local": the local engine, loaded at start-up, answers when the server cannot;
    "lazy": the same, loaded at the first failure (less memory, a slower first failure);
    "none": no fallback (recognition fails; speech is shown as text only)."""
    retry_after_s: float = 30.0
    """After a failure the server is left alone this long: turns go straight to the
    fallback instead of waiting for a dead server every time."""


@dataclass
class RemoteSttConfig(RemoteConfig):
    """A speech recognition server."""


@dataclass
class RemoteTtsConfig(RemoteConfig):
    """A speech synthesis server."""

    timeout_s: float = 2.0
    """Budget for one sentence; past it (or on any error) the fallback says it."""
    voice: str = ""
    """Voice for the languages not in ``voices`` (OpenAI API default: ``alloy``; a
    Wyoming server left to choose uses its own default voice)."""
    voices: dict[str, str] = field(default_factory=dict)
    """Language -> the server's voice name. When set, the server speaks only these
    languages and the local voices speak the others."""


def endpoint(engine: str, url: str) -> tuple[str, int] | str:
    """Host and port of a Wyoming URL, or the base URL of an OpenAI-compatible API."""
    parts = urlsplit(url.strip())
    if engine == "wyoming":
        if parts.scheme != "tcp" or not parts.hostname or parts.port is None:
            raise ValueError(f"a Wyoming server's url is tcp://host:port, not '{url}'")
        return parts.hostname, parts.port
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"an OpenAI-compatible url is http(s)://host[:port]/v1, not '{url}'")
    return url.strip().rstrip("/")


def shown(url: str) -> str:
    """``url`` fit for a log line: without any user name or password written in it."""
    parts = urlsplit(url.strip())
    if parts.username is None and parts.password is None:
        return url.strip()
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port is not None else host
    return parts._replace(netloc=netloc).geturl()


def check_remote(engine: str, remote: RemoteConfig) -> list[Check]:
    """Problems of an engine choice and its server; empty when they work together."""
    if engine == "local":
        return []
    problems: list[Check] = []
    if not remote.url:
        problems.append((("engine",), f"engine '{engine}' needs remote.url (its address)"))
    else:
        try:
            endpoint(engine, remote.url)
        except ValueError as err:
            problems.append((("remote", "url"), str(err)))
    if remote.timeout_s <= 0:
        problems.append((("remote", "timeout_s"), "remote.timeout_s must be above 0"))
    if remote.retry_after_s < 0:
        problems.append((("remote", "retry_after_s"), "remote.retry_after_s must be 0 or more"))
    return problems
