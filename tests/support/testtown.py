"""A small town written in a test (opening-hours tests build their services on it)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
WEDNESDAY = dt.datetime(2026, 11, 25, 10, 15, tzinfo=PARIS)
"""The eval's moment: Wednesday 25 November 2026, 10:15 in Paris."""

TOWN = """town:
  id: t
  name: Testville
  languages: [fr, en]
  desk_phone: "03 53 01 99 99"
"""
"""``town.yaml`` of the test town."""
