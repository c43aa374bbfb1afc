"""The question log behind the staff report: opt-in, and minimal by construction.

A record holds the question's text, its language, whether it was answered and the hour
(day and hour, no minutes): no audio, no identifier, nothing that links two questions to
one visitor. One JSON object a line, appended; a damaged line is skipped with a warning.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from guichet.voice import dirs

_LOGGER = logging.getLogger(__name__)

FILE_NAME = "questions.jsonl"


@dataclass(frozen=True)
class QuestionRecord:
    """One question asked at the kiosk."""

    hour: str
    """Day and hour it was asked, ``YYYY-MM-DDTHH`` (local time)."""
    question: str
    """The question as heard or typed."""
    language: str
    """Its language (ISO 639-1)."""
    answered: bool
    """False when the kiosk declined and referred the visitor to the desk."""

    @property
    def day(self) -> date:
        return date.fromisoformat(self.hour[:10])


def log_folder(data_dir: str) -> Path:
    """The question log's folder: ``privacy.data_dir``, else the user's data folder."""
    return Path(data_dir) if data_dir else dirs.data_dir()


class QuestionLog:
    """Appends and reads :class:`QuestionRecord` lines in ``folder/questions.jsonl``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._lock = threading.Lock()  # turns run in threads

    def add(self, question: str, language: str, answered: bool,
            when: datetime | None = None) -> None:
        record = QuestionRecord((when or datetime.now()).strftime("%Y-%m-%dT%H"),
                                question.strip(), language, answered)
        line = json.dumps(asdict(record), ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line)

    def read(self, since: date | None = None) -> list[QuestionRecord]:
        """Records from ``since`` (inclusive) on, oldest first; [] when there is no log."""
        if not self.path.is_file():
            return []
        records: list[QuestionRecord] = []
        with self.path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    record = QuestionRecord(str(data["hour"]), str(data["question"]),
                                            str(data["language"]), bool(data["answered"]))
                    day = record.day
                except (ValueError, KeyError, TypeError) as err:
                    _LOGGER.warning("%s:%d: skipping a damaged line (%s)", self.path, number,
                                    err)
                    continue
                if since is None or day >= since:
                    records.append(record)
        return records


def question_log(store_questions: bool, data_dir: str) -> QuestionLog | None:
    """The log when the town turned it on (``privacy.store_questions``), else None."""
    if not store_questions:
        return None
    return QuestionLog(log_folder(data_dir))
