"""Why a stop did not fire on a simulated walk: what the author of a tour needs to hear.

``simulate`` feeds the fixes to the real :class:`~guichet.tours.geofence.Geofence` and shows
each fix, with the fence's state after it, to a :class:`Witness`; the witness only
watches (it decides nothing), and at the end names, for every stop that never played,
the first of these reasons that holds:

- ``requires``: the visitor was in the zone, but a stop it ``requires`` had not played;
- ``closer stop``: fixes came within the radius, but an overlapping stop's centre was
  closer (rule 4);
- ``one fix``: fixes came within the radius, never 2 in a row (rule 3);
- ``accuracy``: fixes came within the radius, but too vague for it (accuracy > radius,
  rule 1): a larger radius, or a walk in the open;
- ``implausible``: fixes within the radius were rejected as moves too fast for the tour's
  travel mode (rule 2);
- ``never within radius``: no fix came within the radius (the closest is said).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guichet.content.mobility.geo import distance

if TYPE_CHECKING:
    from guichet.tours.geofence import Fix, Geofence, Zone

REASONS = ("requires", "closer stop", "one fix", "accuracy", "implausible",
           "never within radius")
"""The reasons, in the order they are looked for."""


@dataclass(frozen=True)
class Missed:
    """A stop that never fired, and why."""

    stop: str
    """The stop's id."""
    reason: str
    """One of :data:`REASONS`."""
    detail: str
    """The reason in a sentence, with the numbers an author can act on."""


@dataclass
class _Seen:
    closest: float = float("inf")
    inside: int = 0  # accepted, precise enough, within the radius
    beaten: int = 0  # ... while another zone was current afterwards
    vague: int = 0  # accepted, within the radius, accuracy larger than the radius
    worst: float = 0.0  # the best accuracy among the vague ones
    rejected: int = 0  # rejected by rule 2, within the radius
    waited: set[str] = field(default_factory=set)  # requirements missing when current


class Witness:
    """Watches a walk fix by fix; says why the stops that never fired did not."""

    def __init__(self, zones: list[Zone], played: Iterable[str] = ()) -> None:
        self._zones = list(zones)
        self._already = set(played)
        self._seen = {zone.id: _Seen() for zone in zones}

    def saw(self, fix: Fix, fence: Geofence) -> None:
        """One fix, once ``fence`` has taken it."""
        for zone in self._zones:
            seen = self._seen[zone.id]
            d = distance(zone.lat, zone.lon, fix.lat, fix.lon)
            seen.closest = min(seen.closest, d)
            if d > zone.radius:
                continue
            if not fence.accepted:
                seen.rejected += 1
            elif fix.accuracy > zone.radius:
                seen.vague += 1
                seen.worst = fix.accuracy if not seen.worst else min(seen.worst, fix.accuracy)
            else:
                seen.inside += 1
                seen.beaten += fence.inside not in (None, zone.id)
        if fence.inside is not None:
            zone = next(z for z in self._zones if z.id == fence.inside)
            missing = {r for r in zone.requires if r not in fence.played}
            self._seen[zone.id].waited |= missing

    def missed(self, fired: set[str]) -> list[Missed]:
        """Every stop neither fired nor played before the walk, with its reason."""
        return [self._why(zone) for zone in self._zones
                if zone.id not in fired and zone.id not in self._already]

    def _why(self, zone: Zone) -> Missed:
        seen = self._seen[zone.id]
        if seen.waited:
            return Missed(zone.id, "requires", f"reached, but it requires "
                          f"{', '.join(sorted(seen.waited))}, not played before it")
        if seen.beaten:
            return Missed(zone.id, "closer stop", f"{seen.inside} fix(es) within its "
                          f"{zone.radius:g} m, but an overlapping stop's centre was closer")
        if seen.inside:
            return Missed(zone.id, "one fix", f"{seen.inside} fix(es) within its "
                          f"{zone.radius:g} m, never 2 in a row (2 are needed)")
        if seen.vague:
            return Missed(zone.id, "accuracy", f"{seen.vague} fix(es) within its "
                          f"{zone.radius:g} m were too vague for it (accuracy {seen.worst:g} m "
                          "or worse): enlarge the radius")
        if seen.rejected:
            return Missed(zone.id, "implausible", f"{seen.rejected} fix(es) within its "
                          f"{zone.radius:g} m were rejected as jumps too fast for the tour's "
                          "travel mode")
        return Missed(zone.id, "never within radius", f"never within its {zone.radius:g} m "
                      f"(closest fix {seen.closest:.0f} m from its centre)")
