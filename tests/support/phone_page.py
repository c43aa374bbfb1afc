"""A tour's phone page in real headless Chromium (Debian's, driven by Playwright).

``served_site`` serves a built site with the real tour server on 127.0.0.1; ``phone``
opens it in a phone-sized context and collects the page's console lines ("guichet:..."),
which tests wait on. The site's Content-Security-Policy refuses eval, so everything run
in the page is a function (Playwright evaluates a bare expression with eval()).
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guichet.content.answer.embedded import EmbeddedAnswerer
from guichet.content.pack.loader import Pack
from guichet.kiosk.server.ask_api import ServeConfig
from guichet.kiosk.server.runner import make_server
from guichet.voice.protocols import Recognizer

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CAPTURES = Path(os.environ.get("GUICHET_CAPTURES",
                               Path(tempfile.gettempdir()) / "guichet-captures"))
"""Where the phone screenshots go (for people to look at): $GUICHET_CAPTURES, else a
folder in the temporary directory."""

LAYOUT = """() => {
  const doc = document.documentElement;
  const shown = (e) => e.getClientRects().length > 0 &&
                       getComputedStyle(e).visibility !== "hidden";
  const small = [...document.querySelectorAll("body *")].filter(shown)
    .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
    .map((e) => [e.id || e.className || e.tagName, parseFloat(getComputedStyle(e).fontSize)])
    .filter(([, size]) => size < 16);
  const wide = [...document.querySelectorAll("body *")].filter(shown)
    .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 0.5)
    .map((e) => e.id || e.className || e.tagName);
  return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, small, wide };
}"""


@contextmanager
def served_site(site: Path, pack: Pack, languages: tuple[str, ...] = ("fr", "en"),
                recognizer: Recognizer | None = None, hotwords: tuple[str, ...] = ()
                ) -> Iterator[str]:
    """The tour server on a free port of 127.0.0.1, answering from ``pack`` (spoken
    questions too when given a ``recognizer``)."""
    server = make_server(site, EmbeddedAnswerer(pack), languages, ServeConfig(port=0),
                         recognizer, hotwords)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Phone:
    page: Any
    context: Any
    console: list[str] = field(default_factory=list)

    def wait_for(self, needle: str, timeout: float = 20.0) -> None:
        """Until a console line contains ``needle``; Playwright delivers console events
        only while it runs: wait through it, not with sleep."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(needle in m for m in self.console):
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"never saw {needle!r}; console: {self.console[-20:]}")

    def lines(self, prefix: str) -> list[str]:
        return [m for m in self.console if m.startswith(prefix)]

    def walk_into(self, lat: float, lon: float) -> None:
        """Arrive in a zone from wherever the phone was, faster than any walker: the
        geofence takes the new place once 3 fixes agree over 10 s (its rule 2, as after a
        bus ride), then a second fix inside the zone enters it. Fixes a few metres apart,
        as a phone's."""
        for step, wait in enumerate((5200, 5200, 150, 150)):
            self.context.set_geolocation({"latitude": lat + step * 0.00002,
                                          "longitude": lon, "accuracy": 8})
            self.page.wait_for_timeout(wait)

    def fast_audio(self, rate: float = 16.0) -> None:
        """Narrations at ``rate`` times their speed, for this one and every next one."""
        self.page.evaluate("""(rate) => { const p = document.getElementById("player");
            p.defaultPlaybackRate = rate; p.playbackRate = rate; }""", rate)

    def layout(self) -> dict[str, Any]:
        return dict(self.page.evaluate(LAYOUT))

    def capture(self, name: str) -> Path:
        """The whole page as ``NAME.png`` and the phone's screen as ``NAME-screen.png``,
        in CAPTURES (for people to look at; the tests assert on the page itself)."""
        CAPTURES.mkdir(parents=True, exist_ok=True)
        path = CAPTURES / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.page.evaluate("() => window.scrollTo(0, 0)")
        self.page.screenshot(path=str(CAPTURES / f"{name}-screen.png"), full_page=False)
        return path


@contextmanager
def phone(url: str, width: int, locale: str = "en-GB", height: int = 800,
          flags: tuple[str, ...] = (), permissions: tuple[str, ...] = (),
          lat: float = 47.3140, lon: float = 4.8300,
          init_script: str | None = None) -> Iterator[Phone]:
    """A phone ``width`` CSS pixels wide, GPS granted, at ``url``; ``init_script`` runs
    in every page before its own scripts (to stand for what a browser here cannot do)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*FLAGS, *flags])
        try:
            context = browser.new_context(
                locale=locale, viewport={"width": width, "height": height},
                device_scale_factor=2, is_mobile=True, has_touch=True,
                permissions=["geolocation", "screen-wake-lock", *permissions],
                geolocation={"latitude": lat, "longitude": lon, "accuracy": 10})
            if init_script is not None:
                context.add_init_script(init_script)
            page = context.new_page()
            device = Phone(page, context)
            page.on("console", lambda message: device.console.append(message.text))
            page.goto(url)
            yield device
        finally:
            browser.close()
