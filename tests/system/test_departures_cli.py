"""Mobility answers in the demo town: stops from speech, departures, car parks, the CLI."""

from __future__ import annotations

import json

from tests.support.paths import DEMO_TRANSPORT as TRANSPORT


def test_departures_command_json(guichet) -> None:
    run = guichet("departures", "--gtfs", str(TRANSPORT / "gtfs"), "--stop", "Mairie",
                  "--at", "2026-11-27T23:30", "--towards", "Gare SNCF", "-n", "2", "--json")
    assert run.code == 0, run.err
    rows = json.loads(run.out)
    assert [r["departure"] for r in rows] == ["2026-11-27T23:40", "2026-11-28T00:35"]
    assert rows[1]["trip_id"] == "L1_NUIT_A_2435" and rows[1]["service_date"] == "2026-11-27"
    assert {"trip_id", "route_id", "departure"} <= set(rows[0])
    bad = guichet("departures", "--gtfs", str(TRANSPORT / "gtfs"), "--stop", "Tour Eiffel")
    assert bad.code == 2 and "no stop named" in bad.err and "Traceback" not in bad.err
