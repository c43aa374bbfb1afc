"""Stop names from speech: fuzzy, accent-insensitive (rapidfuzz), stations with platforms.

Whisper hears "la gare", "gare SNCF", "Place de la Halle": each is matched to the feed's
stop names (and the town's aliases), all stops of the same name together (both sides
of the street), a station with its platforms.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from guichet.content.mobility.gtfs import Feed
from guichet.content.understand.text import fold


@dataclass(frozen=True)
class StopMatch:
    """A place the visitor named."""

    name: str
    """The stop's name as the feed writes it."""
    stop_ids: tuple[str, ...]
    """Every boarding stop with that name (platforms of a station included)."""
    score: float
    """rapidfuzz score, 0..100."""
    start: int = -1
    """Where in the sentence the name was heard (``find_in``), else -1."""


class StopNames:
    """The stops of a feed, searchable by what people say."""

    def __init__(self, feed: Feed, aliases: dict[str, list[str]] | None = None) -> None:
        self.feed = feed
        self._by_name: dict[str, set[str]] = {}
        self._label: dict[str, str] = {}
        for stop in feed.stops.values():
            # Platforms are found through their station; a lone stop by its own name.
            if stop.parent and stop.parent in feed.stops:
                continue
            key = fold(stop.name)
            self._by_name.setdefault(key, set()).update(feed.children(stop.id))
            self._label.setdefault(key, stop.name)
        for stop_id, names in (aliases or {}).items():
            if stop_id in feed.stops:
                target = fold(feed.stops[stop_id].name)
                for alias in names:
                    self._by_name.setdefault(fold(alias), set()).update(
                        self._by_name.get(target, set(feed.children(stop_id))))
                    self._label.setdefault(fold(alias), feed.stops[stop_id].name)

    def names(self) -> list[str]:
        """Every stop name, for speech-recognition hotwords."""
        return sorted(set(self._label.values()))

    def match(self, spoken: str, min_score: float = 80) -> StopMatch | None:
        """The stop ``spoken`` names (an id, a name or part of a sentence), or None."""
        if spoken in self.feed.stops:
            stop = self.feed.stops[spoken]
            return StopMatch(stop.name, tuple(self.feed.children(spoken)), 100.0)
        query = fold(spoken).strip()
        if not query:
            return None
        best = process.extractOne(query, list(self._by_name), scorer=fuzz.WRatio,
                                  score_cutoff=min_score)
        if best is None:
            return None
        key, score, _ = best
        return StopMatch(self._label[key], tuple(sorted(self._by_name[key])), float(score))

    def find_in(self, sentence: str, min_score: float = 85) -> list[StopMatch]:
        """Stops mentioned anywhere in ``sentence``, best first, without overlaps."""
        text = fold(sentence)
        found = []
        for key in self._by_name:
            if len(key) < 3:
                continue
            aligned = fuzz.partial_ratio_alignment(key, text)
            if aligned is not None and aligned.score >= min_score:
                # Longer names first on a tie: "gare sncf" beats "gare" for the same words.
                found.append(StopMatch(self._label[key], tuple(sorted(self._by_name[key])),
                                       float(aligned.score) + len(key) / 100,
                                       aligned.dest_start))
        found.sort(key=lambda m: -m.score)
        kept: list[StopMatch] = []
        for match in found:
            if not any(set(match.stop_ids) & set(k.stop_ids) for k in kept):
                kept.append(match)
        return kept
