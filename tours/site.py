"""The static site of a tour: page files, tour.json, plan of the stops, manifest, worker.

Pure file writing from already-rendered audio: no speech synthesis here. The page, its
script and styles are files of the package (``tours/web``), copied as they are; only the
service worker's asset list and version are filled in. Every file is replaced in one step
(:mod:`guichet.tours.atomic`): a failed build leaves the previous site's files whole.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from xml.sax.saxutils import escape

from guichet.tours.atomic import SiteWriteError, copy_file, write_text
from guichet.tours.model import INTRO, Tour

WEB = Path(__file__).parent / "web"
PAGE_FILES = ("index.html", "app.js", "texts.js", "player.js", "where.js", "ask.js",
              "languages.js", "saved.js", "geofence.js", "style.css", "icon.svg")


def tour_json(tour: Tour, audio: dict[tuple[str, str], str | None],
              images: dict[Path, str]) -> dict:
    """What the page needs: stops, zones, transcripts and audio paths per language; and
    the id of the town whose pack the tour names (``tour serve`` answers from it)."""
    return {
        "id": tour.id, "title": tour.title, "intro": tour.intro,
        "languages": list(tour.languages), "travel": tour.travel,
        "pack": {"town": tour.pack.town.id} if tour.pack is not None else None,
        "intro_audio": {lang: audio.get((INTRO, lang)) for lang in tour.languages},
        "stops": [{
            "id": stop.id, "name": stop.name, "lat": stop.lat, "lon": stop.lon,
            "radius": stop.radius, "exit_radius": stop.exit_radius,
            "requires": list(stop.requires), "mode": stop.mode,
            "transcript": stop.narration,
            "audio": {lang: audio.get((stop.id, lang)) for lang in tour.languages},
            "images": [images[p] for p in stop.images],
        } for stop in tour.stops],
    }


def _attribute(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def plan_svg(tour: Tour, lang: str, width: int = 360, margin: int = 24) -> str:
    """A plan of the stops drawn from their coordinates (no map tiles: works offline).

    Stops are numbered discs whose numbers are those of the page's list (its legend):
    names on the plan collided and shrank to unreadable sizes on a phone. The viewBox is
    about a phone's width, so the 18-unit numbers are drawn at about 16 px."""
    lat0 = sum(s.lat for s in tour.stops) / len(tour.stops)
    scale_x = 111_320 * math.cos(math.radians(lat0))  # metres per degree of longitude
    xs = [s.lon * scale_x for s in tour.stops]
    ys = [-s.lat * 110_540 for s in tour.stops]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    zone = max(s.radius for s in tour.stops)  # the widest zone is drawn whole too
    px = (width - 2 * margin) / (span + 2 * zone)
    edge = margin + zone * px
    height = int((max(ys) - min(ys)) * px + 2 * edge)

    def at(i: int) -> tuple[float, float]:
        return edge + (xs[i] - min(xs)) * px, edge + (ys[i] - min(ys)) * px

    names = ", ".join(f"{i + 1} {stop.name.get(lang) or next(iter(stop.name.values()))}"
                      for i, stop in enumerate(tour.stops))
    title = tour.title.get(lang, tour.id)
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i) for i in range(len(xs))))
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{_attribute(f"{title}: {names}")}">'),
             (f'<polyline points="{points}" fill="none" stroke="#7a869a" stroke-width="2.5" '
             'stroke-dasharray="6 5"/>')]
    for i, stop in enumerate(tour.stops):
        x, y = at(i)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{max(stop.radius * px, 6):.1f}" '
                     f'fill="#1d6fb8" fill-opacity="0.15" stroke="#1d6fb8" '
                     f'data-stop="{escape(stop.id)}"/>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="13" fill="#1d6fb8" '
                     'stroke="#fff" stroke-width="2"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + 6:.1f}" text-anchor="middle" '
                     f'font-size="18" font-weight="700" font-family="sans-serif" '
                     f'fill="#fff">{i + 1}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def manifest(tour: Tour) -> dict:
    lang = tour.languages[0]
    return {"name": tour.title.get(lang, tour.id), "short_name": tour.id,
            "start_url": "./index.html", "display": "standalone", "lang": lang,
            "background_color": "#ffffff", "theme_color": "#1d6fb8",
            "icons": [{"src": "icon.svg", "sizes": "any", "type": "image/svg+xml"}]}


def _folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SiteWriteError(path, err, "create the folder") from None


def write_site(tour: Tour, out: Path, audio: dict[tuple[str, str], str | None]) -> list[str]:
    """Write every file of the site into ``out``; return the list of its assets."""
    _folder(out)
    for name in PAGE_FILES:
        copy_file(WEB / name, out / name)
    images: dict[Path, str] = {}
    for stop in tour.stops:
        for path in stop.images:
            target = f"images/{stop.id}-{path.name}"
            _folder(out / "images")
            copy_file(path, out / target)
            images[path] = target
    write_text(out / "tour.json", json.dumps(tour_json(tour, audio, images),
                                             ensure_ascii=False, indent=1))
    for lang in tour.languages:
        write_text(out / f"plan-{lang}.svg", plan_svg(tour, lang))
    write_text(out / "manifest.webmanifest", json.dumps(manifest(tour), ensure_ascii=False))
    assets = sorted({"./", "index.html", "tour.json", "manifest.webmanifest", *PAGE_FILES,
                     *(f"plan-{lang}.svg" for lang in tour.languages), *images.values(),
                     *(a for a in audio.values() if a)})
    # The worker's version changes whenever any asset changes: phones then refresh.
    digest = hashlib.sha256()
    for asset in assets:
        if asset != "./":
            digest.update(asset.encode())
            digest.update((out / asset).read_bytes())
    worker = (WEB / "sw.js").read_text(encoding="utf-8")
    worker = worker.replace("__VERSION__", digest.hexdigest()[:16])
    worker = worker.replace("__ASSETS__", json.dumps(assets))
    write_text(out / "sw.js", worker)
    return assets
