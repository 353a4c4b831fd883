"""The fixed phrases of a briefing per language: what the offline summariser writes around
the caller's words, the labels of reference kinds, and the LLM's language instruction."""

from __future__ import annotations

from functions.text.languages import DEFAULT, REFERENCE_WORDS, primary

# ---- the offline briefing's fixed phrases -------------------------------------------------

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "caller": "The caller", "about": "{who} is calling about: {why}.",
        "no_reason": "no reason stated", "a_transfer": "a transfer",
        "transfer_reason": "Transfer reason", "phone": "Phone", "email": "Email",
        "amount": "Amount", "date": "Date", "also_named": "Also named",
        "upset": "The caller sounds upset.", "unhappy": "The caller is unhappy.",
        "acknowledge": "Acknowledge the caller's frustration before anything else.",
        "verify": "Verify the caller's identity and pull up {label} {ref}.",
        "confirm": "Confirm the issue in the caller's own words before acting.",
        "fallback": "Briefing written in English: no offline phrases for '{tag}'.",
    },
    "es": {
        "caller": "El cliente", "about": "{who} llama por: {why}.",
        "no_reason": "sin motivo indicado", "a_transfer": "una transferencia",
        "transfer_reason": "Motivo de la transferencia", "phone": "Teléfono",
        "email": "Correo", "amount": "Importe", "date": "Fecha",
        "also_named": "También nombrados", "upset": "El cliente parece muy alterado.",
        "unhappy": "El cliente no está contento.",
        "acknowledge": "Reconozca la frustración del cliente antes de nada.",
        "verify": "Verifique la identidad del cliente y abra {label} {ref}.",
        "confirm": "Confirme el problema con las palabras del cliente antes de actuar.",
    },
    "de": {
        "caller": "Der Anrufer", "about": "{who} ruft an wegen: {why}.",
        "no_reason": "kein Grund genannt", "a_transfer": "eine Übergabe",
        "transfer_reason": "Grund der Übergabe", "phone": "Telefon", "email": "E-Mail",
        "amount": "Betrag", "date": "Datum", "also_named": "Ebenfalls genannt",
        "upset": "Der Anrufer klingt sehr aufgebracht.",
        "unhappy": "Der Anrufer ist unzufrieden.",
        "acknowledge": "Zuerst den Ärger des Anrufers anerkennen.",
        "verify": "Identität prüfen und {label} {ref} aufrufen.",
        "confirm": "Das Anliegen in den Worten des Anrufers bestätigen, bevor Sie handeln.",
    },
    "fr": {
        "caller": "L'appelant", "about": "{who} appelle pour : {why}.",
        "no_reason": "aucun motif donné", "a_transfer": "un transfert",
        "transfer_reason": "Motif du transfert", "phone": "Téléphone", "email": "E-mail",
        "amount": "Montant", "date": "Date", "also_named": "Également nommés",
        "upset": "L'appelant semble très contrarié.",
        "unhappy": "L'appelant est mécontent.",
        "acknowledge": "Reconnaître d'abord la frustration de l'appelant.",
        "verify": "Vérifier l'identité de l'appelant et ouvrir {label} {ref}.",
        "confirm": "Reformuler le problème avec les mots de l'appelant avant d'agir.",
    },
    "pt": {
        "caller": "O cliente", "about": "{who} está ligando sobre: {why}.",
        "no_reason": "nenhum motivo indicado", "a_transfer": "uma transferência",
        "transfer_reason": "Motivo da transferência", "phone": "Telefone", "email": "E-mail",
        "amount": "Valor", "date": "Data", "also_named": "Também nomeados",
        "upset": "O cliente parece muito irritado.", "unhappy": "O cliente está insatisfeito.",
        "acknowledge": "Reconheça primeiro a frustração do cliente.",
        "verify": "Verifique a identidade do cliente e abra {label} {ref}.",
        "confirm": "Confirme o problema com as palavras do cliente antes de agir.",
    },
}  # fmt: skip
# What each kind of reference is called, per language ("Order number", "Bestellnummer").
LABELS: dict[str, dict[str, str]] = {
    "en": {k: f"{k.capitalize()} number" for k in set(REFERENCE_WORDS.values())},
    "es": {
        "account": "Número de cuenta", "customer": "Número de cliente",
        "order": "Número de pedido", "booking": "Número de reserva",
        "membership": "Número de socio", "case": "Número de caso", "ticket": "Número de ticket",
        "reference": "Referencia", "invoice": "Número de factura", "policy": "Número de póliza",
        "tracking": "Número de seguimiento",
    },
    "de": {
        "account": "Kontonummer", "customer": "Kundennummer", "order": "Bestellnummer",
        "booking": "Buchungsnummer", "membership": "Mitgliedsnummer", "case": "Fallnummer",
        "ticket": "Ticketnummer", "reference": "Referenz", "invoice": "Rechnungsnummer",
        "policy": "Policennummer", "tracking": "Sendungsnummer",
    },
    "fr": {
        "account": "Numéro de compte", "customer": "Numéro client",
        "order": "Numéro de commande", "booking": "Numéro de réservation",
        "membership": "Numéro d'adhérent", "case": "Numéro de dossier",
        "ticket": "Numéro de ticket", "reference": "Référence",
        "invoice": "Numéro de facture", "policy": "Numéro de police",
        "tracking": "Numéro de suivi",
    },
    "pt": {
        "account": "Número da conta", "customer": "Número de cliente",
        "order": "Número da encomenda", "booking": "Número da reserva",
        "membership": "Número de sócio", "case": "Número do processo",
        "ticket": "Número do chamado", "reference": "Referência",
        "invoice": "Número da fatura", "policy": "Número da apólice",
        "tracking": "Código de rastreio",
    },
}  # fmt: skip
# Language names for the LLM prompt; other tags are passed as they are.
NAMES = {"en": "English", "es": "Spanish", "de": "German", "fr": "French", "pt": "Portuguese"}


def phrases(tag: str | None) -> tuple[dict[str, str], dict[str, str], bool]:
    """(phrases, reference labels, whether the language was known) for a BCP 47 tag."""
    lang = primary(tag)
    if lang in PHRASES:
        return PHRASES[lang], LABELS[lang], True
    return PHRASES[DEFAULT], LABELS[DEFAULT], False


def label(kind: str, tag: str | None) -> str:
    """ "Order number" for ("order", "en"); unknown kinds read "Reference"."""
    labels = phrases(tag)[1]
    return labels.get(kind) or labels["reference"]


def prompt_instruction(tag: str) -> str:
    """The system message that sets the LLM briefing's language and its fact rules."""
    name = NAMES.get(primary(tag), f"the language with BCP 47 tag {tag}")
    return (
        f"Write every text value of the JSON (headline, reason, key_facts, next_steps, "
        f"spoken) in {name} ({tag}), whatever language the caller spoke; keep the JSON keys "
        "and the sentiment value in English. The facts between <facts> and </facts> were "
        "found in the whole call (turns may have been left out of the transcript to fit): "
        "keep every one of them, exactly as written, in customer or key_facts. Never write an "
        "id, phone number, email address or amount of money that is not in the material."
    )
