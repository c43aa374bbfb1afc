"""The staff report: what visitors asked, what went unanswered, per day and per topic.

Counting is pure (:func:`summarize`); the chart is an HTML page with inline SVG bars
filled from the templates in ``templates/``. A question's topic is the first tag of
the pack entry that answers it *today* (or the service's id), so the report follows the
pack as it grows.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from string import Template

from guichet.content.answer.embedded import EmbeddedAnswerer, EmbeddedConfig
from guichet.content.pack.loader import Pack
from guichet.content.understand.text import fold
from guichet.kiosk.staff.journal import QuestionRecord

TEMPLATES = Path(__file__).parent / "templates"
UNANSWERED = "sans réponse / unanswered"
OTHER = "autre / other"


@dataclass(frozen=True)
class Asked:
    """One question (grouped by its words, whatever the case and punctuation)."""

    question: str
    """The most frequent spelling."""
    language: str
    count: int


@dataclass
class Summary:
    """The report's numbers."""

    total: int
    answered: int
    top: list[Asked]
    """Most asked first."""
    unanswered: list[Asked]
    """Declined questions, most asked first."""
    per_day: list[tuple[str, int]]
    """Every day from the first to the last question (zeros included), ISO dates."""
    per_topic: list[tuple[str, int]]
    """Topics, most asked first."""


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def _group(records: list[QuestionRecord], limit: int) -> list[Asked]:
    spellings: dict[str, Counter[tuple[str, str]]] = {}
    for record in records:
        spellings.setdefault(_key(record.question), Counter())[
            (record.question, record.language)] += 1
    grouped = [Asked(*forms.most_common(1)[0][0], sum(forms.values()))
               for forms in spellings.values()]
    grouped.sort(key=lambda a: (-a.count, a.question))
    return grouped[:limit]


def summarize(records: list[QuestionRecord], topic_of: Callable[[QuestionRecord], str],
              limit: int = 10) -> Summary:
    """Count ``records``: top and unanswered questions, per day, per topic."""
    per_day: list[tuple[str, int]] = []
    if records:
        days = Counter(r.day for r in records)
        day, last = min(days), max(days)
        while day <= last:
            per_day.append((day.isoformat(), days.get(day, 0)))
            day += timedelta(days=1)
    topics = Counter(topic_of(r) for r in records)
    return Summary(
        total=len(records),
        answered=sum(1 for r in records if r.answered),
        top=_group(records, limit),
        unanswered=_group([r for r in records if not r.answered], limit),
        per_day=per_day,
        per_topic=sorted(topics.items(), key=lambda kv: (-kv[1], kv[0])),
    )


def topic_finder(pack: Pack, config: EmbeddedConfig) -> Callable[[QuestionRecord], str]:
    """A record's topic: the first tag of the entry (or story) that answers it today; the
    id of a service or transport source, which have no tags."""
    answerer = EmbeddedAnswerer(pack, config)
    tags = {e.id: e.tags for e in pack.faq} | {a.id: a.tags for a in pack.anecdotes}

    def topic(record: QuestionRecord) -> str:
        if not record.answered:
            return UNANSWERED
        answer = answerer.answer(record.question, record.language)
        if answer.declined or not answer.sources:
            return OTHER
        source = answer.sources[0]
        return next(iter(tags.get(source, ())), source)

    return topic


def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def bar_chart(title: str, values: list[tuple[str, int]], highlight: str = "") -> str:
    """Horizontal bars as inline SVG; the bar labelled ``highlight`` is drawn in red."""
    label_w, bar_max, row_h, bar_h = 220, 420, 24, 16
    peak = max((v for _, v in values), default=0) or 1
    bar = _template("bar.svg")
    rows = []
    for i, (label, value) in enumerate(values):
        width = round(bar_max * value / peak)
        rows.append(bar.substitute(
            css="declined" if label == highlight else "bar", label=html.escape(label),
            label_x=label_w - 8, bar_x=label_w, y=i * row_h + 4, bar_width=width,
            bar_height=bar_h, text_y=i * row_h + 17, value_x=label_w + width + 6,
            value=value))
    return _template("chart.svg").substitute(
        width=label_w + bar_max + 60, height=max(1, len(values)) * row_h + 8,
        title=html.escape(title), bars="\n".join(rows))


def render_html(summary: Summary, town: str, period: str) -> str:
    row = _template("row.html")

    def rows(items: list[Asked]) -> str:
        return "\n".join(row.substitute(count=a.count, question=html.escape(a.question),
                                        language=html.escape(a.language)) for a in items)

    return _template("report.html").substitute(
        town=html.escape(town), period=html.escape(period), total=summary.total,
        answered=summary.answered, declined=summary.total - summary.answered,
        day_chart=bar_chart("Questions par jour / per day", summary.per_day),
        topic_chart=bar_chart("Questions par thème / per topic", summary.per_topic,
                              highlight=UNANSWERED),
        top_rows=rows(summary.top), unanswered_rows=rows(summary.unanswered))


def render_text(summary: Summary, period: str) -> str:
    declined = summary.total - summary.answered
    lines = [f"Questions {period}: {summary.total} ({summary.answered} answered, "
             + f"{declined} unanswered)"]
    for title, items in (("Most asked", summary.top), ("Unanswered", summary.unanswered)):
        lines.append(f"{title}:")
        lines += [f"  {a.count:4d}  {a.question} [{a.language}]" for a in items] or ["  (none)"]
    lines.append("Per topic:")
    lines += [f"  {count:4d}  {topic}" for topic, count in summary.per_topic] or ["  (none)"]
    return "\n".join(lines)


def period_text(since: date | None) -> str:
    return f"since {since.isoformat()}" if since else "all time"
