"""How people type and speak, as data: SMS writing and everyday words for the pack's words.

Pure tables, no logic (``spelling`` uses them). Keys are folded (lowercase, no accents);
an expansion is written as a person would write it in full. A town adds its own words
with the pack's ``synonyms`` section, which comes before these built-in groups.
"""

from __future__ import annotations

# SMS and chat writing -> the words in full. Only what is unambiguous at a town hall's
# kiosk: "sa" (possessive or "ça") and "mat" (a word) are left alone.
SMS: dict[str, dict[str, str]] = {
    "fr": {
        "c": "c'est", "ct": "c'était", "koi": "quoi", "kwa": "quoi", "ki": "qui",
        "ke": "que", "k": "que", "kel": "quel", "kl": "quel", "kele": "quelle",
        "kelle": "quelle", "kels": "quels", "kelles": "quelles", "keske": "qu'est-ce que",
        "kesk": "qu'est-ce que", "kske": "qu'est-ce que", "pr": "pour", "pour1": "pour un",
        "ds": "dans", "bcp": "beaucoup", "jsp": "je sais pas", "jsais": "je sais",
        "chai": "je sais", "svp": "s'il vous plaît", "stp": "s'il te plaît",
        "slt": "salut", "bjr": "bonjour", "bsr": "bonsoir", "mrc": "merci", "mci": "merci",
        "tt": "tout", "ts": "tous", "tte": "toute", "ttes": "toutes", "qd": "quand",
        "kan": "quand", "kand": "quand", "cb": "combien", "cmb": "combien",
        "cbien": "combien", "cmt": "comment", "cmnt": "comment", "koman": "comment",
        "komen": "comment", "koment": "comment", "pk": "pourquoi", "pq": "pourquoi",
        "pkoi": "pourquoi", "pourkoi": "pourquoi", "ya": "il y a", "yen": "il y en",
        "g": "j'ai", "jai": "j'ai", "jpeux": "je peux", "jpx": "je peux",
        "jveux": "je veux", "jvx": "je veux", "jfais": "je fais", "jfai": "je fais",
        "jsuis": "je suis", "chui": "je suis",
        "chuis": "je suis", "jvais": "je vais", "vs": "vous", "ns": "nous",
        "tjrs": "toujours", "tjs": "toujours", "mtn": "maintenant", "mnt": "maintenant",
        "auj": "aujourd'hui", "ajd": "aujourd'hui", "aujd": "aujourd'hui",
        "ojd": "aujourd'hui", "dem1": "demain", "2main": "demain", "2m1": "demain",
        "aprem": "après-midi", "aprm": "après-midi", "qqn": "quelqu'un",
        "qqun": "quelqu'un", "qqch": "quelque chose", "pb": "problème",
        "pbm": "problème", "dsl": "désolé", "ac": "avec", "avc": "avec", "dc": "donc",
        "ms": "mais", "pa": "pas", "num": "numéro", "tel": "téléphone",
        "rdv": "rendez-vous", "ptit": "petit", "ptite": "petite", "cest": "c'est",
        "quest": "qu'est", "dun": "d'un", "dune": "d'une", "jusqua": "jusqu'à",
        "ve": "veux", "jve": "je veux", "aujourdhui": "aujourd'hui", "sil": "s'il",
        "quil": "qu'il", "quon": "qu'on", "lheure": "l'heure", "jusquau": "jusqu'au",
        "questce": "qu'est-ce",
    },
    "en": {
        "u": "you", "r": "are", "ur": "your", "ya": "you", "pls": "please",
        "plz": "please", "thx": "thanks", "thnx": "thanks", "ty": "thank you",
        "2day": "today", "tdy": "today", "2moro": "tomorrow", "2morrow": "tomorrow",
        "2mrw": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow", "tomoz": "tomorrow",
        "2nite": "tonight", "tonite": "tonight", "wat": "what", "wot": "what",
        "wut": "what", "wen": "when", "wher": "where", "whr": "where", "hw": "how",
        "cn": "can", "cuz": "because", "coz": "because", "b4": "before",
        "wanna": "want to", "gonna": "going to", "gotta": "have to", "dunno": "don't know",
        "im": "I'm", "dont": "don't", "cant": "can't", "wknd": "weekend",
        "whats": "what's", "wats": "what's", "fone": "phone", "hrs": "hours",
        "tel": "telephone", "num": "number", "addr": "address",
        "tues": "Tuesday", "weds": "Wednesday", "thurs": "Thursday",
    },
}

# Everyday and informal words -> the word a pack is likely to use (the first of a group).
# Verbs of a task too: "renouveler" or "remplacer" a passport is "refaire" it.
COLLOQUIAL: dict[str, tuple[tuple[str, ...], ...]] = {
    "fr": (
        ("déchetterie", "déchèterie"),  # both spellings are right
        ("enfant", "gosse", "gamin", "gamine", "môme", "mioche", "marmot", "bambin"),
        ("repas", "bouffe"),
        ("refaire", "renouveler", "remplacer", "renouvellement", "remplacement"),
        ("perdu", "paumé", "égaré"),
        ("médecin", "toubib", "docteur"),
        ("voiture", "bagnole"),
        ("travail", "boulot", "taf"),
        ("argent", "fric", "thune"),
        ("police", "flic", "keuf"),
        ("vélo", "bécane"),
        ("toilettes", "chiottes", "wc"),
    ),
    "en": (
        ("child", "kid", "kiddo"),
        ("renew", "replace", "renewal", "replacement"),
        ("doctor", "gp"),
        ("toilet", "loo", "restroom", "bathroom", "wc"),
        ("rubbish", "trash", "garbage"),
        ("bike", "bicycle"),
        ("lost", "mislaid"),
        # Irregular past forms the stemmer cannot bring back to their verb.
        ("buy", "bought"), ("build", "built"), ("sell", "sold"), ("pay", "paid"),
    ),
}
