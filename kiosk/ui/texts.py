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
        "Appuyez sur Espace ou sur le bouton, puis parlez — ou tapez votre question",
        "Press Space or the button, then speak — or type your question"),
    (Phase.READY, "hands_free"): ("Parlez, je vous écoute — ou tapez votre question",
                                  "Just speak — or type your question"),
    (Phase.LISTENING, ""): ("Parlez… Espace quand vous avez fini",
                            "Speak… Space when you are done"),
    (Phase.THINKING, ""): ("Un instant…", "One moment…"),
    (Phase.SPEAKING, ""): ("Espace pour m'interrompre · R pour répéter",
                           "Space to interrupt · R to repeat"),
}

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
    "language": ("Langue", "Language"),
    "seniors": ("Mode seniors", "Seniors mode"),
    "volume": ("Volume", "Volume"),
    "welcome": ("Bonjour ! Posez votre question à la mairie.",
                "Hello! Ask the town hall your question."),
}

def both(pair: tuple[str, str]) -> str:
    """"français / English" (once when both say the same)."""
    return pair[0] if pair[0] == pair[1] else f"{pair[0]} / {pair[1]}"


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
