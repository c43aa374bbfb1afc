"""What a tour's phone page answers from: the tour's own stops, and its town's facts
only when the tour names a pack.

Pure: from the ``tour.json`` of a built site (what ``guichet tour serve`` has) and the
town's pack if any, a :class:`Pack` for the embedded answerer. Each stop becomes an
anecdote (its name as the place, its narration as the story, its coordinates); the
town's own anecdotes are kept unless a stop's narration already tells them. A tour that
names no pack gets a town of its own (the tour's id, title and languages) whose decline
says the walk does not know, with no town's phone number: never another town's facts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from guichet.content.pack.model import Anecdote, Pack, Town

DECLINE = {
    "fr": "Je n'ai pas cette information sur ce parcours.",
    "en": "I do not have this information about this walk.",
}


class TourSiteError(ValueError):
    """The site's ``tour.json`` is not what ``guichet tour build`` writes."""


def _texts(value: Any, what: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise TourSiteError(f"{what} must map languages to texts")
    return {k: v for k, v in value.items() if v.strip()}


def _stop_story(stop: Any, index: int) -> Anecdote:
    if not isinstance(stop, dict) or not isinstance(stop.get("id"), str):
        raise TourSiteError(f"stop {index + 1} has no id")
    what = f"stop '{stop['id']}'"
    lat, lon = stop.get("lat"), stop.get("lon")
    return Anecdote(
        id=f"stop-{stop['id']}", place=_texts(stop.get("name"), f"the name of {what}"),
        text=_texts(stop.get("transcript"), f"the transcript of {what}"),
        lat=float(lat) if isinstance(lat, (int, float)) else None,
        lon=float(lon) if isinstance(lon, (int, float)) else None,
        tags=("parcours", "tour"), source=f"tour:{stop['id']}")


def named_town(tour: dict[str, Any]) -> str | None:
    """The id of the town whose pack the tour names, or None."""
    named = tour.get("pack")
    if named is None:
        return None
    if not isinstance(named, dict) or not isinstance(named.get("town"), str):
        raise TourSiteError("'pack' must be {\"town\": ID} or null")
    return str(named["town"])


def tour_pack(tour: dict[str, Any], town: Pack | None) -> Pack:
    """The pack a tour's questions are answered from (``tour``: the site's tour.json;
    ``town``: the pack it names, None when it names none)."""
    languages = tour.get("languages")
    if not isinstance(languages, list) or not languages or not all(
            isinstance(x, str) for x in languages):
        raise TourSiteError("'languages' must be a non-empty list of language codes")
    stops = tour.get("stops")
    if not isinstance(stops, list) or not stops:
        raise TourSiteError("'stops' must be a non-empty list")
    stories = [_stop_story(stop, i) for i, stop in enumerate(stops)]
    if town is None:
        title = _texts(tour.get("title"), "the title")
        return Pack(town=Town(id=str(tour.get("id", "tour")),
                              name=title.get(languages[0]) or str(tour.get("id", "")),
                              languages=tuple(languages), desk_phone="",
                              referral={**{x: DECLINE["en"] for x in languages},
                                        **DECLINE}),
                    faq=[], root=Path("."), anecdotes=stories)
    told = [" ".join(s.text.values()) for s in stories]
    kept = [a for a in town.anecdotes
            if not any(text and text in narration for narration in told
                       for text in a.text.values())]
    return dataclasses.replace(town, anecdotes=[*stories, *kept])

