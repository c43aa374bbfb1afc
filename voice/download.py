"""``guichet voices add``: a Piper voice fetched by Piper's own downloader.

``piper.download_voices`` (the module behind ``python -m piper.download_voices``) knows
where a voice lives on the voice hub (``{base}/fr/fr_FR/siwis/medium/fr_FR-siwis-medium
.onnx`` and ``.onnx.json``). Here it downloads into a folder beside the voice folder, the
two files are checked (a model, a config naming its language), then moved in: the kiosk
never sees half a voice. The hub's address can be replaced (``$GUICHET_VOICES_URL`` or
``--from``): a mirror, a town's own server, or a test's local server.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
import urllib.error
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from guichet.voice.errors import VoiceError

HUB = "https://huggingface.co/rhasspy/piper-voices/resolve/main"
"""Piper's voice hub: the base of ``piper.download_voices.URL_FORMAT``."""
BASE_ENV = "GUICHET_VOICES_URL"
VOICE_LIST = "https://github.com/OHF-Voice/piper1-gpl/blob/main/docs/VOICES.md"
NAME_RE = re.compile(r"^[a-z]{2,3}_[A-Z]{2}-[A-Za-z0-9_]+-(x_low|low|medium|high)$")

EXAMPLES = {"fr": "fr_FR-siwis-medium", "en": "en_GB-alan-medium",
            "de": "de_DE-thorsten-medium", "es": "es_ES-davefx-medium",
            "it": "it_IT-paola-medium", "nl": "nl_NL-mls-medium"}


class VoiceDownloadError(VoiceError):
    """A voice that could not be added; the message says what to do."""


@dataclass(frozen=True)
class AddedVoice:
    name: str
    language: str
    """ISO 639-1 code from the voice's config, e.g. ``fr``."""
    path: Path
    """The installed .onnx file."""


def example_voice(lang: str) -> str:
    """A voice name to suggest for ``lang``."""
    return EXAMPLES.get(lang, f"{lang}_XX-name-medium")


@contextlib.contextmanager
def _hub(base: str) -> Iterator[object]:
    """Piper's downloader, fetching from ``base`` instead of its hub while in the block."""
    try:
        from piper import download_voices
    except ImportError:
        raise VoiceDownloadError("Piper is not installed here: pip install piper-tts "
                                 "(it is in Guichet's requirements)") from None
    original = download_voices.URL_FORMAT
    if not original.startswith(HUB):
        raise VoiceDownloadError(f"this Piper's downloader uses {original}, not {HUB}: "
                                 "update Guichet or piper-tts")
    download_voices.URL_FORMAT = base.rstrip("/") + original[len(HUB):]
    try:
        yield download_voices
    finally:
        download_voices.URL_FORMAT = original


def _language(config: Path) -> str:
    try:
        meta = json.loads(config.read_text(encoding="utf-8"))
        return str(meta["language"]["code"]).split("_")[0].lower()
    except (OSError, ValueError, KeyError, TypeError):
        raise VoiceDownloadError(f"{config.name} is not a Piper voice configuration "
                                 "(no language code): the server sent something else"
                                 ) from None


def add_voice(name: str, folder: Path, base: str = HUB) -> AddedVoice:
    """Download voice ``name`` from ``base`` into ``folder``; return what was installed."""
    if not NAME_RE.match(name):
        raise VoiceDownloadError(f"'{name}' is not a Piper voice name: they read like "
                                 f"fr_FR-siwis-medium (language_COUNTRY-name-quality); "
                                 f"list: {VOICE_LIST}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise VoiceDownloadError(f"cannot create the voice folder {folder}: {err.strerror} "
                                 "(run as the kiosk's user, e.g. sudo -u guichet)") from None
    with tempfile.TemporaryDirectory(prefix=".adding-", dir=folder) as partial:
        staging = Path(partial)
        with _hub(base) as downloader:
            try:
                downloader.download_voice(name, staging)  # type: ignore[attr-defined]
            except urllib.error.HTTPError as err:
                if err.code == 404:
                    raise VoiceDownloadError(f"no voice named {name} at {base} (voice list: "
                                             f"{VOICE_LIST})") from None
                raise VoiceDownloadError(f"{base} answered {err.code} {err.reason} for "
                                         f"{name}: try again later") from None
            except (urllib.error.URLError, OSError) as err:
                reason = getattr(err, "reason", None) or err
                raise VoiceDownloadError(
                    f"cannot download {name} from {base} ({reason}). This needs internet; "
                    f"offline, copy {name}.onnx and {name}.onnx.json from a machine that has "
                    f"them into {folder}") from None
        model, config = staging / f"{name}.onnx", staging / f"{name}.onnx.json"
        if not model.is_file() or model.stat().st_size == 0:
            raise VoiceDownloadError(f"{model.name} came back empty from {base}")
        language = _language(config)
        # The config first: a visible .onnx always has its .onnx.json beside it.
        shutil.move(config, folder / config.name)
        target = folder / model.name
        shutil.move(model, target)
    return AddedVoice(name, language, target)
