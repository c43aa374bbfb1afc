"""Day and month names per language, as written (display) and folded (matching)."""

from __future__ import annotations

from guichet.content.understand.text import fold

DAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
FOLDED_DAYS = {lang: [fold(d) for d in names] for lang, names in DAYS.items()}
FOLDED_MONTHS = {lang: [fold(m) for m in names] for lang, names in MONTHS.items()}
