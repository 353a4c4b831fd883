"""Words the briefings read per language: a small stopword detector and the cue words the
extraction uses (introductions, reference words, questions, reasons, filler), in English,
Spanish, German, French and Portuguese. The phrases briefings write: briefing_phrases.py.

Pure data and text; no SDK. Cue words are matched case-insensitively as whole words.
"""

from __future__ import annotations

import re
from collections import Counter

LANGUAGES = ("en", "es", "de", "fr", "pt")
DEFAULT = "en"
UNDETERMINED = "und"  # BCP 47 for "no language could be told"


def _split(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The commonest short words of each language; a call's caller turns vote with them.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _split(
        "the and is my i you to it of that this was for have not with me can what please yes "
        "thank thanks hi hello it's i'm my name order number your but are"
    ),
    "es": _split(
        "el la los las que y es mi un una por con no para hola gracias sí está tengo quiero "
        "me lo su se del al pedido número llamo pero como muy"
    ),
    "de": _split(
        "der die das und ist ich nicht mein meine ein eine mit auf für bitte danke hallo ja "
        "nein wie sie es zu haben habe ihr wurde noch auch aber bestellung"
    ),
    "fr": _split(
        "le la les de des et est je mon ma un une pour pas avec bonjour merci oui vous que ce "
        "c'est j'ai ne au commande suis mes mais très"
    ),
    "pt": _split(
        "o a os as de do da que e é meu minha um uma para com não olá obrigado obrigada sim "
        "você está tenho quero número encomenda pedido mas muito"
    ),
}
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes kept inside ("c'est", "it's")."""
    return [w.replace("\u2019", "'") for w in _WORD.findall(text.lower())]


def detect_language(text: str) -> str:
    """The language whose stopwords the text uses most ("und" when none are used)."""
    counts: Counter[str] = Counter()
    for word in words(text):
        for lang, stop in _STOPWORDS.items():
            if word in stop:
                counts[lang] += 1
    if not counts:
        return UNDETERMINED
    # Ties go to the order of LANGUAGES (English first): deterministic.
    return max(LANGUAGES, key=lambda lang: counts[lang])


def primary(tag: str | None) -> str:
    """The primary subtag of a BCP 47 tag, lower-cased: "pt-BR" -> "pt"."""
    return (tag or DEFAULT).split("-")[0].lower()


# ---- cue words (any language; the extraction does not need to know which) -----------------

# Said before the caller's own name.
INTRODUCTIONS = (
    "my name is", "my name's", "my full name is", "the name is", "name's", "this is", "i am",
    "i'm", "it's", "call me", "customer", "caller", "client", "you're speaking with",
    "me llamo", "mi nombre es", "mi nombre completo es", "soy", "le habla", "habla",
    "mein name ist", "mein vollständiger name ist", "ich heiße", "ich heisse", "ich bin",
    "hier ist", "hier spricht", "je m'appelle", "je m\u2019appelle", "mon nom est", "moi c'est",
    "c'est", "je suis", "ici", "meu nome é", "o meu nome é", "me chamo", "eu me chamo",
    "chamo-me", "eu sou", "sou o", "sou a", "sou", "aqui é", "aqui fala", "fala",
)  # fmt: skip
# Lower-case words allowed inside a name between capitalised ones ("Anna van Dijk").
NAME_PARTICLES = _split(
    "de del della di da das dos do du van von der den ter ten zu le la bin ibn al"
)
# Capitalised words that are not names (sentence starts, nouns German capitalises, places
# a product may be called).
NOT_NAMES = _split(
    """Calling Sorry Not Just Very So Really Here Trying Having Looking The A An About Still
    Ringing Phoning Okay Ok Fine Good Great Fed Tired Sure Afraid Unhappy Happy Angry In On At
    With Your My Ridiculous Unacceptable Annoyed Frustrated Service Services Support Care Name
    Number Account Order I Yes Yeah No Hi Hello Hey Thanks Thank Well Oh Um Uh And But Please
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Sí Si Claro Hola Gracias Bueno Vale
    Pues Ja Nein Hallo Danke Genau Also Kunde Kundin Mitglied Problem Frage Oui Non Bonjour
    Merci Alors Bon Sim Não Olá Obrigado Obrigada Bem Cliente Client Customer Llamo Rufe
    Appelle Ligo Estou Tengo Habe Quiero Wegen Muy Sehr Très Muito Today Yesterday Tomorrow
    Hoy Heute Aujourd'hui Hoje I'm I'll I've I'd It's That's We're You're"""
)

# Words that name a kind of reference, in every language, to the kind.
REFERENCE_WORDS: dict[str, str] = {
    **dict.fromkeys(_split("account acct cuenta konto kundenkonto compte conta"), "account"),
    **dict.fromkeys(_split("customer cliente kunden client"), "customer"),
    **dict.fromkeys(_split("order orden pedido bestellung auftrag commande encomenda"), "order"),
    **dict.fromkeys(
        _split("booking reservation reserva buchung reservierung réservation"), "booking"
    ),
    **dict.fromkeys(
        _split("membership member socio mitglied mitgliedschaft adhérent membre sócio"),
        "membership",
    ),
    **dict.fromkeys(_split("case caso fall vorgang dossier processo aktenzeichen"), "case"),
    **dict.fromkeys(_split("ticket incidencia chamado protocolo"), "ticket"),
    **dict.fromkeys(
        _split("reference ref referencia referenz référence referência confirmation"),
        "reference",
    ),
    **dict.fromkeys(_split("invoice factura rechnung facture fatura"), "invoice"),
    **dict.fromkeys(_split("policy póliza poliza police apólice"), "policy"),
    **dict.fromkeys(_split("tracking seguimiento sendung suivi rastreio"), "tracking"),
    # German says "customer number" in one word.
    "kundennummer": "customer", "kontonummer": "account", "bestellnummer": "order",
    "auftragsnummer": "order", "buchungsnummer": "booking", "mitgliedsnummer": "membership",
    "vorgangsnummer": "case", "fallnummer": "case", "ticketnummer": "ticket",
    "referenznummer": "reference", "rechnungsnummer": "invoice", "sendungsnummer": "tracking",
    "versicherungsnummer": "policy", "policennummer": "policy", "kundenummer": "customer",
}  # fmt: skip
# "number" and its kin, between a reference word and the id.
NUMBER_WORDS = (
    "number", "no.", "no", "num", "nr.", "nr", "nº", "n°", "n.", "id", "code", "reference",
    "ref", "número", "numero", "núm.", "nro.", "nummer", "numéro", "code",
)  # fmt: skip
# Words that may sit between "order number" and the id ("is", "es el", "lautet", "c'est le").
CONNECTORS = (
    "is", "was", "it's", "its", "'s", "the", "it", "es", "era", "el", "la", "ist", "lautet",
    "war", "die", "der", "das", "est", "c'est", "le", "é", "o", "a", "foi", "de", "do", "da",
)  # fmt: skip

# What an agent's question asks for: words that mark each kind (reference kinds use
# REFERENCE_WORDS).
ASK_NAME = (
    "name", "who am i speaking", "who i'm speaking", "nombre", "con quién hablo", "quién habla",
    "wie heißen", "wie heissen", "ihr name", "ihren namen", "mit wem spreche", "nom",
    "qui est à l'appareil", "vous appelez comment", "nome", "com quem falo", "quem fala",
    "surname", "apellido", "apellidos", "nachname", "vorname", "prénom", "sobrenome",
    "apelido", "speaking with", "speaking to", "who's calling", "who is calling",
    "hablo con", "con quién", "spreche ich", "à qui", "falo com",
)  # fmt: skip
ASK_PHONE = (
    "phone", "telephone", "number to call", "number to reach", "reach you", "call you back",
    "callback", "contact number", "mobile", "cell", "teléfono", "telefono", "móvil", "celular",
    "telefonnummer", "handynummer", "rückrufnummer", "telefon", "erreichen", "téléphone",
    "portable", "rappeler", "joindre", "telefone", "telemóvel", "contato", "contacto",
    "calling from", "call me", "ring me", "reach me", "text me", "llámame", "llámeme",
    "rufen sie mich", "ruf mich", "appelez-moi", "rappelez-moi", "me ligue", "ligue-me",
    "call you", "contact you", "ring you", "llamarle", "llamarte", "contactarle",
    "zurückrufen", "anrufen", "vous joindre", "vous rappeler", "ligar para", "te ligar",
)  # fmt: skip
# Said after the caller's own name ("Irene Walsh here", "Jean Petit à l'appareil").
NAME_SUFFIXES = (
    "here", "speaking", "calling", "al habla", "am apparat", "hier", "à l'appareil",
    "falando",
)  # fmt: skip
ASK_EMAIL = ("email", "e-mail", "mail", "correo", "courriel", "adresse mail")
# Words that make an agent's turn a request even without a question mark.
REQUEST_WORDS = (
    "please", "could you", "can you", "can i have", "may i have", "tell me", "give me",
    "por favor", "puede", "podría", "bitte", "können sie", "nennen sie", "s'il vous plaît",
    "pouvez-vous", "pode", "poderia",
)  # fmt: skip
# A caller's answer often starts with these ("Sure, 55012.").
AFFIRMATIVES = (
    "sure", "yes", "yeah", "yep", "ok", "okay", "of course", "certainly", "it's", "it is",
    "that's", "sí", "si", "claro", "vale", "es", "ja", "genau", "klar", "natürlich", "oui",
    "bien sûr", "c'est", "sim", "claro", "é",
)  # fmt: skip

# Phrases callers use to say why they called; a sentence holding one is a reason.
REASON_CUES = (
    # English
    r"(?:calling|called|rang|phoned) (?:about|because|regarding|to)", "regarding",
    r"i(?:'m| am) (?:calling|ringing|phoning)", r"i (?:need|want|would like|'d like)",
    r"problems?", r"issues?", "trouble", "help with", "wrong", "broken", "charged", "refund",
    "cancel", "can't", "cannot", "couldn't", "won't", "doesn't", "didn't", "never arrived",
    "missing",
    # Spanish
    r"llamo (?:por|porque|para)", "quiero", "quería", "necesito", "me gustaría", r"problemas?",
    r"no (?:me )?(?:ha|han) llegado", "no llegó", r"cobr(?:aron|ado|ó)", "reembolso",
    "devolución", "cancelar", "anular", r"rot[oa]", r"dañad[oa]", "no funciona", "no puedo",
    "queja",
    # German
    "ich rufe", "rufe an", "wegen", "ich möchte", "ich will", "ich brauche", r"probleme?",
    "nicht angekommen", "nicht erhalten", "doppelt", "abgebucht", "erstattung", "stornieren",
    "kündigen", "kaputt", "beschädigt", "funktioniert nicht", "fehler", "kann nicht",
    "beschwerde", "falsch",
    # French
    r"j['\u2019]appelle", "je vous appelle", "je voudrais", "je veux", r"j['\u2019]ai besoin",
    r"problèmes?", "pas reçu", "pas arrivé", "jamais arrivé", "débité", "remboursement",
    "annuler", "résilier", "cassé", "abîmé", "endommagé", "ne fonctionne pas",
    "ne marche pas", "erreur", "je ne peux pas", "plainte",
    # Portuguese
    "estou ligando", "liguei", "quero", "queria", "preciso", "gostaria", "não chegou",
    "não recebi", r"cobrad[oa]s?", "cobraram", "devolução", r"quebrad[oa]",
    r"danificad[oa]", "não consigo", "reclamação",
)  # fmt: skip
# Words that carry no reason: a sentence made only of these is filler ("Okay, no problem.").
FILLER = _split(
    """ok okay sure no problem yes yeah yep fine thanks thank you that's that is it great
    alright right please hello hi hey sorry bye goodbye perfect good got see understand wait
    hold on one moment um uh hmm mhm cool lovely sounds so and well oh i i'm a sec second
    just of course yes sí si vale claro gracias de acuerdo bueno perfecto muy bien un momento
    hola adiós entendido ja nein danke genau gut okay kein problem alles klar bitte moment
    hallo tschüss verstanden oui non merci d'accord parfait très bien bon bonjour au revoir
    sim não obrigado obrigada certo tá beleza perfeito olá tchau entendi muito there at all
    the to for me we us it's is was be this that's there's here yes can could would will do
    did me llamo soy es el la lo ich bin ist es das je suis c'est est le sou é o a meu nome
    my name call good morning afternoon evening buenos buenas días tardes noches guten morgen
    tag abend bonsoir bom boa dia tarde noite hear you me le les te se nos os lhe mich dich
    sie wir ihr uns euch il elle nous vous on eu você ele ela nós oigo escucho höre entends
    ouço oiço loud clear"""
)
