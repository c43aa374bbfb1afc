"""Computed answers from a service's structured facts: address, prices, rules, handles.

Pure: every sentence is built from the pack's own words (the rule is said as written)
plus a few fixed phrases per language. Prices are said "4 euros", "3 euros 20",
"gratuit" (French) and "4 euros", "3.20 euros", "free" (English).
"""

from __future__ import annotations

from guichet.content.facts.sentences import _a, _cap, _de, contact_answer, lang_of
from guichet.content.pack.model import Price, Service, Text, Town, in_language
from guichet.content.understand.text import words

# Words that make a rule's meaning clear enough to answer a yes/no question with it.
_REFUSED = {
    "fr": {"pas", "interdit", "interdite", "interdits", "interdites", "refuse", "refusee",
           "refuses", "refusees", "jamais", "aucun", "aucune", "ni"},
    "en": {"not", "no", "never", "forbidden", "prohibited", "refused", "banned", "cannot",
           "nor", "t"},
}
_REQUIRED = {
    "fr": {"obligatoire", "obligatoires", "accepte", "acceptee", "acceptes", "acceptees",
           "acceptent", "autorise", "autorisee", "autorises", "autorisees", "requis",
           "requise", "exige", "exigee"},
    "en": {"required", "compulsory", "mandatory", "accepted", "accepts", "accept",
           "allowed", "permitted"},
}


# Phrases that require as clearly as "obligatoire": "uniquement sur rendez-vous".
_REQUIRED_PHRASES = {"fr": ("sur rendez vous",), "en": ("by appointment",)}


def rule_polarity(rule: str, lang: str) -> bool | None:
    """True when the rule requires or accepts, False when it refuses or forbids, None
    when it says neither clearly (a limit, a procedure)."""
    found = words(rule)
    said = set(found)
    if said & _REFUSED.get(lang, set()):
        return False
    padded = f" {' '.join(found)} "
    if said & _REQUIRED.get(lang, set()) or \
            any(f" {phrase} " in padded for phrase in _REQUIRED_PHRASES.get(lang, ())):
        return True
    return None


def fmt_price(amount: float, lang: str) -> str:
    """"gratuit", "4 euros", "3 euros 20" / "free", "4 euros", "3.20 euros"."""
    fr = lang_of(lang) == "fr"
    if amount == 0:
        return "gratuit" if fr else "free"
    euros, cents = divmod(round(amount * 100), 100)
    unit = "euro" if euros == 1 else "euros"
    if not cents:
        return f"{euros} {unit}"
    if not euros:
        return f"{cents} centimes" if fr else f"{cents} cents"
    return f"{euros} {unit} {cents:02d}" if fr else f"{euros}.{cents:02d} euros"


def _item(price: Price, lang: str, fallback: str) -> str:
    what, _ = in_language(price.what, lang, fallback)
    text = f"{what}, {fmt_price(price.price, lang)}"
    if price.note:
        note, _ = in_language(price.note, lang, fallback)
        text += f" ({note})"
    return text


def price_answer(service: Service, items: tuple[Price, ...], town: Town, lang: str,
                 asked_free: bool | None = None, free: bool | None = None) -> str:
    """"Tarifs pour la piscine : entrée adulte : 4 euros ; entrée enfant : 2 euros."; for
    a yes/no question (``asked_free``: True "is it free?", False "is it paying?"), "Oui. "
    or "Non. " first when it is known whether the asked thing is ``free``."""
    lang = lang_of(lang)
    name, _ = in_language(service.name, lang, town.language)
    listed = [_item(p, lang, town.language) for p in items]
    first = ""
    if asked_free is not None and free is not None:
        yes = free == asked_free
        first = ("Oui. " if yes else "Non. ") if lang == "fr" else ("Yes. " if yes else "No. ")
    if lang == "fr":
        return f"{first}Tarifs pour {name} : " + " ; ".join(listed) + "."
    return f"{first}Prices for {name}: " + "; ".join(listed) + "."


def _mentions(text: str, service: Service, lang: str) -> bool:
    """Whether ``text`` names the service (its name without article, or an alias)."""
    said = f" {' '.join(words(text))} "
    names = [" ".join(words(n)[1:]) or " ".join(words(n)) for n in service.name.values()]
    names += [" ".join(words(a)) for a in service.aliases.get(lang, ())]
    return any(f" {n} " in said for n in names if n)


def rule_answer(service: Service, rule: Text, polar: bool, town: Town, lang: str) -> str:
    """The rule as written, "Oui."/"Non." first when the question is a yes/no one and the
    rule's polarity is clear; then the service's phone, to ask more."""
    lang = lang_of(lang)
    name, _ = in_language(service.name, lang, town.language)
    text, used = in_language(rule, lang, town.language)
    fr = lang == "fr"
    polarity = rule_polarity(text, used) if polar else None
    first = "" if polarity is None else \
        ("Oui. " if polarity else "Non. ") if fr else ("Yes. " if polarity else "No. ")
    if _mentions(text, service, used):
        answer = f"{first}{text}"
    else:  # "Can I bring asbestos?" names no place: the rule says where it applies
        answer = f"{first}{_cap(name)} : {text}" if fr else f"{first}{_cap(name)}: {text}"
    if service.phone:
        answer += (f" Renseignements au {service.phone}." if fr else
                   f" More information on {service.phone}.")
    return answer


def address_answer(service: Service, town: Town, lang: str) -> str:
    """"Adresse de la piscine : Avenue des Sports, …" and how to get there."""
    lang = lang_of(lang)
    name, _ = in_language(service.name, lang, town.language)
    text = f"Adresse {_de(name)} : {service.address}." if lang == "fr" else \
        f"Address of {name}: {service.address}."
    if service.access:
        access, _ = in_language(service.access, lang, town.language)
        text += f" {access}"
    return text


def office_answer(service: Service, handle: str, town: Town, lang: str) -> str:
    """Who handles ``handle``, and how to reach them."""
    lang = lang_of(lang)
    name, _ = in_language(service.name, lang, town.language)
    fr = lang == "fr"
    text = f"Pour {handle} : {name}." if fr else f"For {handle}: {name}."
    if service.phone:
        return f"{text} {contact_answer(service, town, None, lang)}"
    if service.address:
        text += (f" Adressez-vous {_a(name)}, {service.address}." if fr else
                 f" Please go to {name}, {service.address}.")
    return text
