"""Distances on the Earth: the one great-circle distance of Guichet.

The nearest car park and the tour's checks (content, tours) and the phone's geofence
(``tours/geofence.py``) all measure with :func:`distance`. The geofence's JavaScript twin,
``tours/web/geofence.js``, mirrors it operation by operation so that the page and Python
compute the same doubles (tests/unit/test_geofence.py checks both against shared vectors
and against geopy): change one, change the other.
"""

from __future__ import annotations

import math

EARTH_RADIUS = 6_371_008.8
"""Mean Earth radius in metres (IUGG; geopy's 6371.009 km rounds it), the sphere of every
distance here."""

_RAD = math.pi / 180


def distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine); mirrored operation by operation in JS."""
    phi1 = lat1 * _RAD
    phi2 = lat2 * _RAD
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = (lon2 * _RAD - lon1 * _RAD) / 2
    s_phi = math.sin(half_dphi)
    s_lambda = math.sin(half_dlambda)
    a = s_phi * s_phi + math.cos(phi1) * math.cos(phi2) * s_lambda * s_lambda
    # min(): rounding can push a just above 1 for antipodal points, out of asin's domain.
    return 2 * EARTH_RADIUS * math.asin(min(1.0, math.sqrt(a)))
