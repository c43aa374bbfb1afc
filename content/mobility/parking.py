"""Car parks: the French open-data schema "lieux de stationnement", and live availability.

Rows that cannot be read are reported with file and line and skipped; a file too large
(:data:`MAX_BYTES`) or unreadable past a line is an error and none of its rows are used.
Availability carries its own timestamp: an answer built on an old count says how old it is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from guichet.content.mobility.csvrows import CsvBroken, dict_rows
from guichet.content.mobility.geo import distance
from guichet.content.pack.yamlsrc import Problem

MAX_BYTES = 16 * 1024 * 1024
"""Largest car park file read: France's national file of car parks is some 5 MB."""


@dataclass(frozen=True)
class CarPark:
    """One car park, as the town publishes it."""

    id: str
    name: str
    address: str
    places: int | None
    """Total places (``nb_places``)."""
    disabled_places: int | None
    """Places for disabled drivers (``nb_pmr``)."""
    free: bool | None
    """``gratuit``: True when parking costs nothing."""
    price_1h: str
    """``tarif_1h`` in euros, as written ("1.50"); empty when free or unknown."""
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Availability:
    """Free places counted at a moment."""

    free_places: int
    measured: dt.datetime


def _int(value: str) -> int | None:
    return int(float(value)) if value.strip() else None


def _bool(value: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in ("true", "vrai", "1", "oui", "yes"):
        return True
    if lowered in ("false", "faux", "0", "non", "no"):
        return False
    if not lowered:
        return None
    raise ValueError(f"gratuit must be true or false, not {value!r}")


class _Unusable(Exception):
    """The file is too large or broken: reported once, none of its rows used."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _Unusable(Problem(file, 0, f"{size / 1024 / 1024:,.1f} MB, more than "
                                    f"{MAX_BYTES // 1024 // 1024} MB: not a town's car parks"))
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from dict_rows(handle, file)
    except CsvBroken as err:
        raise _Unusable(err.problem) from None
    except OSError as err:
        raise _Unusable(Problem(file, 0, f"cannot read: {err.strerror}")) from None


def load_car_parks(path: Path) -> tuple[list[CarPark], list[Problem]]:
    """Car parks of ``path``; unreadable rows are skipped and reported."""
    parks: list[CarPark] = []
    problems: list[Problem] = []
    try:
        for line, row in _rows(path):
            try:
                lat = float(row["Ylat"]) if row.get("Ylat") else None
                lon = float(row["Xlong"]) if row.get("Xlong") else None
                parks.append(CarPark(
                    row["id"], row["nom"], row.get("adresse", ""), _int(row.get("nb_places", "")),
                    _int(row.get("nb_pmr", "")), _bool(row.get("gratuit", "")),
                    row.get("tarif_1h", ""), lat, lon))
            except (KeyError, ValueError) as err:
                problems.append(Problem(str(path), line,
                                        f"unreadable car park, skipped ({err})", "warning"))
    except _Unusable as err:
        return [], [*problems, err.problem]
    return parks, problems


def load_availability(path: Path) -> tuple[dict[str, Availability], list[Problem]]:
    """Free places per car park id, each with its measurement time."""
    found: dict[str, Availability] = {}
    problems: list[Problem] = []
    try:
        for line, row in _rows(path):
            try:
                measured = dt.datetime.fromisoformat(row["horodatage"])
                if measured.tzinfo is None:
                    raise ValueError("horodatage needs a UTC offset, e.g. +01:00")
                found[row["id"]] = Availability(int(row["nb_places_disponibles"]), measured)
            except (KeyError, ValueError) as err:
                problems.append(Problem(str(path), line,
                                        f"unreadable availability, skipped ({err})", "warning"))
    except _Unusable as err:
        return {}, [*problems, err.problem]
    return found, problems


def choose(parks: list[CarPark], near: tuple[float, float] | None, only_free: bool,
           need_disabled: bool, count: int = 3) -> list[CarPark]:
    """The car parks to suggest: filtered, nearest first when a position is known."""
    chosen = [p for p in parks if (not only_free or p.free) and
              (not need_disabled or (p.disabled_places or 0) > 0)]
    if near is not None:
        chosen.sort(key=lambda p: distance(near[0], near[1], p.lat, p.lon)
                    if p.lat is not None and p.lon is not None else math.inf)
    return chosen[:count]
