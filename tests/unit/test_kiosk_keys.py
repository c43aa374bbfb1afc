"""The kiosk's key line: every key, in order, within the width, never cut inside a key."""

from __future__ import annotations

import pytest

from guichet.kiosk.ui.texts import KEYS, both, key_lines


@pytest.mark.parametrize("width", [58, 78, 98, 118, 158, 198])
def test_key_line_fits_and_keeps_every_key_whole(width: int) -> None:
    lines = key_lines(width)
    assert all(len(line) <= width for line in lines)
    text = "  ".join(lines)
    positions = [text.index(f"{key} ") for key, _, _ in KEYS]
    assert positions == sorted(positions)  # F1 … F6, then Esc
    for key, full, short in KEYS:
        assert f"{key} {both(full)}" in text or f"{key} {both(short)}" in text


def test_full_labels_when_they_fit_short_ones_on_a_console() -> None:
    assert key_lines(200) == ["   ".join(f"{k} {both(full)}" for k, full, _ in KEYS)]
    assert len(key_lines(78)) == 2 and "Échap Effacer / Clear" in key_lines(78)[-1]
    assert all("Talk" in lines[0] for lines in (key_lines(78), key_lines(200)))
