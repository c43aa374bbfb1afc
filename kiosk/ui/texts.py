"""What the kiosk's screen says: French first, then English, and the suggested questions."""

from __future__ import annotations

from guichet.content.pack.loader import Pack
from guichet.kiosk.session import Phase

STATUS: dict[Phase, tuple[str, str]] = {
    Phase.LOADING: ("Un instant…", "One moment…"),
    Phase.READY: ("Prêt", "Ready"),
    Phase.LISTENING: ("J'écoute", "Listening"),
    Phase.THINKING: ("Je réfléchis", "Thinking"),
    Phase.SPEAKING: ("Je parle", "Speaking"),
}

_HINTS: dict[tuple[Phase, str], tuple[str, str]] = {
    (Phase.LOADING, ""): ("Je me prépare", "Getting ready"),
    (Phase.READY, "push_to_talk"): (
        "Tapez votre question puis Entrée, ou Espace (ou le bouton) pour parler",
        "Type your question then Enter, or Space (or the button) to talk"),
    (Phase.READY, "hands_free"): ("Parlez, je vous écoute — ou tapez votre question",
                                  "Just speak — or type your question"),
    (Phase.LISTENING, ""): ("Parlez… puis Espace ou F1 quand vous avez fini",
                            "Speak… then Space or F1 when you are done"),
    (Phase.THINKING, ""): ("Un instant…", "One moment…"),
    (Phase.SPEAKING, ""): ("Espace ou F1 pour m'interrompre · F2 pour répéter",
                           "Space or F1 to interrupt · F2 to repeat"),
}

VOICE_LOADING: tuple[str, str] = (
    "Chargement de la voix… Tapez votre question : je réponds déjà par écrit",
    "Loading voice… Type your question: written answers work already")
"""The hint while the speech models load behind a screen that already answers typed
questions."""

BANNERS: dict[str, tuple[str, str]] = {
    "microphone": ("Microphone indisponible — tapez votre question",
                   "Microphone unavailable — type your question"),
    "speaker": ("Haut-parleur indisponible — lisez la réponse à l'écran",
                "Speaker unavailable — read the answer on screen"),
    "stt": ("Reconnaissance vocale indisponible — tapez votre question",
            "Speech recognition unavailable — type your question"),
    "engines": ("Le guichet ne peut pas répondre pour l'instant — adressez-vous à l'accueil",
                "The kiosk cannot answer for now — please ask the desk"),
}

LABELS: dict[str, tuple[str, str]] = {
    "asked": ("Vous avez demandé", "You asked"),
    "nothing_heard": ("(rien entendu)", "(nothing heard)"),
    "source": ("Source", "Source"),
    "no_source": ("aucune : adressez-vous à l'accueil", "none: please ask the desk"),
    "text_only": ("réponse écrite seulement : pas de voix pour cette langue",
                  "written answer only: no voice for this language"),
    "suggestions": ("Questions fréquentes", "Frequent questions"),
    "placeholder": ("Tapez votre question puis Entrée", "Type your question, then Enter"),
    "seniors": ("Mode seniors", "Seniors mode"),
    "volume": ("Volume", "Volume"),
    "welcome": ("Bonjour ! Posez votre question à la mairie.",
                "Hello! Ask the town hall your question."),
    "more_below": ("▼ suite : ↓ ou PgSuiv", "more: ↓ or PgDn"),
    "more_above": ("▲ début : ↑ ou PgPréc", "top: ↑ or PgUp"),
}

NOTICES: dict[str, tuple[str, str]] = {
    "quit_armed": ("Personnel : Ctrl+Q encore une fois dans les 2 s pour arrêter le guichet",
                   "Staff: Ctrl+Q once more within 2 s to stop the kiosk"),
    "no_microphone": ("Pas de microphone : tapez votre question au clavier, puis Entrée",
                      "No microphone: type your question on the keyboard, then Enter"),
    "no_recognition": ("Reconnaissance vocale indisponible : tapez votre question, puis Entrée",
                       "Speech recognition unavailable: type your question, then Enter"),
    "voice_loading": ("La voix se charge encore : tapez votre question en attendant",
                      "The voice is still loading: type your question meanwhile"),
}
"""Short messages shown for a few seconds after a key."""

KEYS: tuple[tuple[str, tuple[str, str], tuple[str, str]], ...] = (
    # key, (French, English), (short French, short English)
    ("F1", ("Parler", "Talk"), ("Parler", "Talk")),
    ("F2", ("Répéter", "Repeat"), ("Répéter", "Repeat")),
    ("F3", ("Langue", "Language"), ("Langue", "Lang.")),
    ("F4", ("Mode seniors", "Seniors mode"), ("Seniors", "Seniors")),
    ("F5", ("Volume −", "Volume −"), ("Vol −", "Vol −")),
    ("F6", ("Volume +", "Volume +"), ("Vol +", "Vol +")),
    ("Échap", ("Nouveau visiteur", "New visitor"), ("Effacer", "Clear")),
)
"""The visitor's keys, as the key line shows them. Letters, Space, "+" and "-" type:
only keys that cannot be part of a question act (Space talks only in an empty box)."""

def both(pair: tuple[str, str]) -> str:
    """"français / English" (once when both say the same)."""
    return pair[0] if pair[0] == pair[1] else f"{pair[0]} / {pair[1]}"


def key_lines(width: int) -> list[str]:
    """The key line for a screen ``width`` columns wide: full labels when they fit on one
    line, else short ones, wrapped between keys (never inside one)."""
    gap = "   "
    full = [f"{key} {both(pair)}" for key, pair, _ in KEYS]
    if len(gap.join(full)) <= width:
        return [gap.join(full)]
    gap = "  "
    lines: list[str] = []
    for key, _, short in KEYS:
        item = f"{key} {both(short)}"
        if lines and len(lines[-1]) + len(gap) + len(item) <= width:
            lines[-1] += gap + item
        else:
            lines.append(item)
    return lines


def hint(phase: Phase, listen_mode: str) -> str:
    pair = _HINTS.get((phase, listen_mode)) or _HINTS[(phase, "")]
    return both(pair)


def suggested_questions(pack: Pack, lang: str, count: int) -> list[str]:
    """``count`` questions a visitor may ask, one per topic first, in the pack's order.

    The first phrasing of each entry in ``lang`` (or the town's language); entries whose
    first tag was already used come last, so the list covers several topics.
    """
    first: list[str] = []
    rest: list[str] = []
    topics: set[str] = set()
    for entry in pack.faq:
        phrasings = entry.questions.get(lang) or entry.questions.get(pack.town.language)
        if not phrasings:
            continue
        topic = entry.tags[0] if entry.tags else entry.id
        (rest if topic in topics else first).append(phrasings[0])
        topics.add(topic)
    return (first + rest)[:count]
