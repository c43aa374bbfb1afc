"""Whisper on short audio without paying for 30 seconds of encoder.

Whisper's encoder always reads a 30-s window; a 3-s question is padded with 27 s of
silence and the encoder spends ~90 % of its time on that padding. Encoding only the audio
(plus a little silence) is ~10× faster, but a decoder that sees a short encoder output
is out of its training distribution and loops ("How much is a passport? How much is a
passport? How…"). So the speech part is encoded alone and the rest of the window is
filled with the encoder's output for pure silence, computed once at load: the decoder
sees the usual 1,500 frames. Measured on the demo's spoken questions, its word error rate
stays within a point of the padded encoder's (see ``bench/README.md``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from guichet.voice.audio import STT_RATE

_LOGGER = logging.getLogger(__name__)

FRAMES = 3000
"""Mel frames in Whisper's 30-s window (10 ms each); the encoder halves them."""
PAD_S = 1.0
"""Silence appended to the speech before encoding, so words at the end keep their
context."""
MAX_SHORT_S = 25.0
"""Longer audio goes through faster-whisper's usual path."""
NO_SPEECH = 0.6
"""Whisper's no-speech probability from which a piece's text is dropped (a breath, a
cough taken for a word) if the decoder was also unsure (faster-whisper's rule)."""
LOGPROB_FLOOR = -1.0
"""Average token log-probability below which the decoder counts as unsure."""
TOKENS_PER_S = 8
"""Ceiling on tokens decoded per second of audio (speech is 3–5 tokens/s): a decoder that
starts to loop stops there."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from one piece of audio."""

    text: str
    """The words, stripped."""
    no_speech: float
    """Whisper's probability that the piece holds no speech."""
    avg_logprob: float = 0.0
    """Average log-probability of the decoded tokens."""

    @property
    def silent(self) -> bool:
        """Nothing worth keeping: no words, or likely no speech and an unsure decoder."""
        return not self.text or (self.no_speech > NO_SPEECH
                                 and self.avg_logprob < LOGPROB_FLOOR)


class ShortWhisper:
    """Encode and decode short audio with a loaded faster-whisper model."""

    def __init__(self, model: Any, beam_size: int = 1) -> None:
        self.model = model
        """A ``faster_whisper.WhisperModel``."""
        self.beam_size = beam_size
        self.multilingual = bool(model.model.is_multilingual)
        self._tokenizers: dict[str, Any] = {}
        self._suppress = self._suppressed(self.tokenizer("en"))
        silence = np.zeros(FRAMES * 160, dtype=np.float32)
        self._silence = self._encode_features(self._features(silence)[:, :FRAMES])

    def tokenizer(self, language: str) -> Any:
        from faster_whisper.tokenizer import Tokenizer

        if language not in self._tokenizers:
            self._tokenizers[language] = Tokenizer(
                self.model.hf_tokenizer, self.multilingual, task="transcribe",
                language=language if self.multilingual else "en")
        return self._tokenizers[language]

    @staticmethod
    def _suppressed(tokenizer: Any) -> list[int]:
        from faster_whisper.transcribe import get_suppressed_tokens

        return list(get_suppressed_tokens(tokenizer, [-1]))

    def _features(self, samples: np.ndarray) -> np.ndarray:
        return np.asarray(self.model.feature_extractor(samples, padding=0))

    def _encode_features(self, features: np.ndarray) -> np.ndarray:
        import ctranslate2

        frames = features.shape[-1] - features.shape[-1] % 2  # the encoder's stride is 2
        batch = np.ascontiguousarray(features[None, :, :frames], dtype=np.float32)
        out = self.model.model.encode(ctranslate2.StorageView.from_array(batch), to_cpu=True)
        return np.asarray(out)

    @staticmethod
    def fits(samples: np.ndarray) -> bool:
        return len(samples) <= MAX_SHORT_S * STT_RATE

    def encode(self, samples: np.ndarray) -> Any:
        """The encoder output of ``samples`` (≤ :data:`MAX_SHORT_S`), silence after."""
        import ctranslate2

        padded = np.concatenate([samples.astype(np.float32, copy=False),
                                 np.zeros(int(PAD_S * STT_RATE), dtype=np.float32)])
        speech = self._encode_features(self._features(padded)[:, :FRAMES])
        full = np.concatenate([speech, self._silence[:, speech.shape[1]:]], axis=1)
        return ctranslate2.StorageView.from_array(np.ascontiguousarray(full))

    def detect_language(self, encoded: Any, languages: tuple[str, ...]) -> tuple[str, float]:
        """The likeliest of ``languages`` and its probability (among all languages)."""
        if not self.multilingual:
            return "en", 1.0
        ranked = [(token[2:-2], float(p)) for token, p in
                  self.model.model.detect_language(encoded)[0]]
        allowed = [(lang, p) for lang, p in ranked if lang in languages]
        return allowed[0] if allowed else (languages[0], 0.0)

    def decode(self, encoded: Any, language: str, seconds: float, previous: str = "",
               hotwords: str = "") -> Decoded:
        """Greedy (or beam) decoding of ``encoded`` in ``language``.

        ``previous`` is the text already heard in this question (Whisper's prompt keeps
        spelling and casing consistent across pieces); ``hotwords`` are names to favour.
        """
        context = " ".join(x for x in (hotwords.strip(), previous.strip()) if x)
        decoded = self._generate(encoded, language, seconds, context)
        if looping(decoded.text) and context:
            # A prompt (names, the words before) can set the decoder repeating itself on
            # a short piece: decode again without it.
            decoded = self._generate(encoded, language, seconds, "")
        if looping(decoded.text):
            decoded = Decoded(collapse_repeats(decoded.text), decoded.no_speech,
                              decoded.avg_logprob)
        return decoded

    def _generate(self, encoded: Any, language: str, seconds: float, context: str
                  ) -> Decoded:
        tokenizer = self.tokenizer(language)
        prompt: list[int] = []
        if context:
            half = self.model.max_length // 2 - 1
            prompt = [tokenizer.sot_prev, *tokenizer.encode(" " + context)[-half:]]
        prompt += [*tokenizer.sot_sequence, tokenizer.no_timestamps]
        budget = int(seconds * TOKENS_PER_S) + 8
        result = self.model.model.generate(
            encoded, [prompt], beam_size=self.beam_size,
            max_length=min(len(prompt) + budget, self.model.max_length),
            suppress_blank=True, suppress_tokens=self._suppress, return_no_speech_prob=True,
            return_scores=True,
        )[0]
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        # CTranslate2 scores are length-normalised; faster-whisper's average, likewise.
        average = float(result.scores[0]) * len(tokens) / (len(tokens) + 1) if tokens else 0
        return Decoded(tokenizer.decode(tokens).strip(), float(result.no_speech_prob),
                       average)


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?…").lower() for w in text.split()]


def looping(text: str) -> bool:
    """True when a phrase of two words or more comes twice in a row (decoder loop)."""
    words = _words(text)
    for size in range(2, len(words) // 2 + 1):
        for i in range(len(words) - 2 * size + 1):
            if words[i:i + size] == words[i + size:i + 2 * size]:
                return True
    return False


def collapse_repeats(text: str) -> str:
    """``text`` with phrases repeated back to back said once."""
    original = text.split()
    words = _words(text)
    size = 2
    while size <= len(words) // 2:
        i = 0
        changed = False
        while i + 2 * size <= len(words):
            if words[i:i + size] == words[i + size:i + 2 * size]:
                del words[i + size:i + 2 * size]
                del original[i + size:i + 2 * size]
                changed = True
            else:
                i += 1
        size = 2 if changed else size + 1
    return " ".join(original)
