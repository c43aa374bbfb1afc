"""Save the kiosk's main screen, answering a question, as docs/kiosk.svg (for the README).

Runs the real app headless on the demo town, with an ALSA file speaker so the screen
shows no "speaker unavailable" banner on a machine without a sound card.

    .venv/bin/python -m scripts.kiosk_screenshot   (from the repository root)
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from tests.support.alsa import silence_raw, write_home

REPO = Path(__file__).resolve().parent.parent


async def shoot(out: Path) -> None:
    from tests.support.kiosk_pilot import SIZE, ask, loaded, make_app

    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await ask(pilot, "When is the market?")
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="guichet-shot-"))
    os.environ.setdefault("GUICHET_CACHE", str(Path.home() / ".cache" / "guichet"))
    os.environ["HOME"] = str(write_home(folder / "home", folder / "speaker.raw",
                                        silence_raw(folder / "silence.raw")))
    out = REPO / "docs" / "kiosk.svg"
    out.parent.mkdir(exist_ok=True)
    asyncio.run(shoot(out))
    print(out)


if __name__ == "__main__":
    main()
