"""Small sample data shared by tests: a two-file pack, a filled question log, the demo
town's questions file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml

from guichet.kiosk.staff.journal import QuestionLog
from tests.support.paths import REPO

DEMO_QUESTIONS = REPO / "content" / "demo" / "eval" / "questions.yaml"

TOWN = """town:
  id: testville
  name: Testville
  languages: [fr, en]
  desk_phone: "03 53 01 99 99"
"""

ENTRY = """faq:
  - id: mairie
    tags: [mairie]
    questions:
      fr: ["Quand la mairie est-elle ouverte ?"]
      en: ["When is the town hall open?"]
    answer:
      fr: "La mairie ouvre à 9 h."
      en: "The town hall opens at 9 am."
"""


def make_pack(tmp_path: Path, faq: str, town: str = TOWN) -> Path:
    (tmp_path / "town.yaml").write_text(town, encoding="utf-8")
    (tmp_path / "faq.yaml").write_text(faq, encoding="utf-8")
    return tmp_path


def fill_journal(log: QuestionLog) -> None:
    asked = [
        ("2026-11-02 09:15", "When is the market?", "en", True),
        ("2026-11-02 10:40", "when is the market", "en", True),
        ("2026-11-02 11:05", "Combien coûte la cantine ?", "fr", True),
        ("2026-11-04 14:30", "Où recharger ma voiture électrique ?", "fr", False),
        ("2026-11-04 15:00", "Où recharger ma voiture électrique ?", "fr", False),
        ("2026-11-05 16:20", "When is the market?", "en", True),
    ]
    for when, question, lang, answered in asked:
        log.add(question, lang, answered, datetime.strptime(when, "%Y-%m-%d %H:%M"))


def demo_counts() -> tuple[int, int]:
    items = yaml.safe_load(DEMO_QUESTIONS.read_text(encoding="utf-8"))
    declines = sum(1 for item in items if item.get("decline"))
    return len(items) - declines, declines
