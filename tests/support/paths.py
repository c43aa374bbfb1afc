"""Where things are in the checkout, for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
DATA = TESTS / "data"
"""Real third-party data shipped with the tests (see data/README.md)."""
DEMO = REPO / "content" / "demo"
"""The demo town's pack."""
DEMO_TRANSPORT = DEMO / "transport"
DEMO_TOUR = REPO / "tours" / "demo" / "vieille-ville.yaml"
