"""The offline briefing in the agent's language, and the language detector."""

from __future__ import annotations

import pytest

from functions.domain.models.briefing import SPOKEN_MAX_WORDS
from functions.domain.models.call import TranscriptLine
from functions.text.briefing_phrases import PHRASES, prompt_instruction
from functions.text.languages import detect_language
from functions.text.offline_briefing import stated_reason, summarise


def lines(*pairs: tuple[str, str]) -> list[TranscriptLine]:
    return [TranscriptLine(speaker=s, text=t) for s, t in pairs]


SPANISH_CALL = lines(
    ("ai", "Hola, ¿en qué puedo ayudarle?"),
    ("caller", "Hola, soy Carmen Vidal. Me cobraron dos veces la factura 2210-77."),
    ("ai", "Lo siento mucho. ¿Un teléfono de contacto?"),
    ("caller", "El 655 123 987."),
    ("ai", "Gracias, le paso con un agente."),
    ("caller", "Vale."),
    ("caller", "Gracias."),
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hi, my order never arrived and I want a refund.", "en"),
        ("Hola, mi pedido no ha llegado y quiero un reembolso.", "es"),
        ("Hallo, meine Bestellung ist nicht angekommen, ich möchte mein Geld zurück.", "de"),
        ("Bonjour, ma commande n'est pas arrivée et je veux être remboursé.", "fr"),
        ("Olá, a minha encomenda não chegou e quero o reembolso.", "pt"),
        ("4471 2290", "und"),
    ],
)
def test_detects_the_callers_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("tag", "about", "label"),
    [
        ("en", "Carmen Vidal is calling about:", "Invoice number: 2210-77"),
        ("es", "Carmen Vidal llama por:", "Número de factura: 2210-77"),
        ("de-AT", "Carmen Vidal ruft an wegen:", "Rechnungsnummer: 2210-77"),
        ("fr", "Carmen Vidal appelle pour :", "Numéro de facture: 2210-77"),
        ("pt-BR", "Carmen Vidal está ligando sobre:", "Número da fatura: 2210-77"),
    ],
)
def test_offline_phrases_follow_the_briefing_language(tag: str, about: str, label: str) -> None:
    b = summarise(SPANISH_CALL, reason=None, context=None, caller=None, language=tag)
    assert b.spoken.startswith(about)
    assert label in b.key_facts
    assert b.reason == "Me cobraron dos veces la factura 2210-77."  # the caller's own words
    assert b.headline == "Carmen Vidal: Me cobraron dos veces la factura 2210-77"
    assert b.customer.phone == "655 123 987"
    assert len(b.spoken.split()) <= SPOKEN_MAX_WORDS


def test_an_unknown_briefing_language_is_english_and_says_so() -> None:
    b = summarise(SPANISH_CALL, reason=None, context=None, caller=None, language="ja")
    assert b.spoken.startswith("Carmen Vidal is calling about:")
    assert PHRASES["en"]["fallback"].format(tag="ja") in b.key_facts


def test_every_language_has_every_phrase() -> None:
    keys = set(PHRASES["en"]) - {"fallback"}
    for phrases in PHRASES.values():
        assert keys <= set(phrases)


def test_the_reason_skips_filler_and_answers() -> None:
    said = ["Hello?", "Okay, no problem.", "Sure.", "Zoe Park.", "The app logs me out every hour."]
    assert stated_reason(said, answers=frozenset({3})) == "The app logs me out every hour."
    assert stated_reason(["Okay.", "No problem at all.", "Sure, thanks."]) is None


def test_headline_names_the_caller_and_the_reason_not_a_late_filler_turn() -> None:
    call = lines(
        ("ai", "How can I help?"),
        ("caller", "My name is Owen Price and my parcel went to the wrong address."),
        ("ai", "I see. Let me check."),
        ("caller", "Okay."),
        ("caller", "No problem."),
    )
    b = summarise(call, reason=None, context=None, caller=None)
    assert b.headline == "Owen Price: My parcel went to the wrong address"
    assert "Owen Price" in b.spoken and "wrong address" in b.spoken


def test_the_spoken_text_names_caller_reason_and_main_reference_within_60_words() -> None:
    long_reason = "I need help because " + "the box was crushed and " * 20 + "it is broken."
    call = lines(
        ("ai", "What's your order number?"),
        ("caller", "QP-3310"),
        ("caller", "Hi, I'm Ruth Adeyemi. " + long_reason),
    )
    b = summarise(call, reason="damaged delivery", context=None, caller=None)
    words = b.spoken.split()
    assert len(words) <= SPOKEN_MAX_WORDS
    assert "Ruth Adeyemi" in b.spoken and "QP-3310" in b.spoken and "crushed" in b.spoken


def test_the_llm_is_told_the_language_whatever_the_caller_spoke() -> None:
    assert "in Portuguese (pt-BR)" in prompt_instruction("pt-BR")
    assert "BCP 47 tag nl-BE" in prompt_instruction("nl-BE")


def test_many_kinds_of_fact_all_fit_in_the_key_facts() -> None:
    call = lines(
        ("caller", "I'm Lars Olsen. Order 11-220, ticket TK-3301, invoice 88120 and case 4410-Z."),
        ("caller", "Also booking BK-7741 and membership M-2210. Call me on 0161 496 0001."),
        ("caller", "Mail lars.o@example.dk; I paid €42 on 4 May. My wife Karin Olsen agrees."),
        ("caller", "Thanks."),
    )
    b = summarise(call, reason="several complaints", context=None, caller=None)
    assert len(b.key_facts) <= 10
    shown = " ".join(b.key_facts)
    for value in ("11-220", "TK-3301", "88120", "4410-Z", "BK-7741", "M-2210", "0161 496 0001"):
        assert value in shown
    assert "lars.o@example.dk" in shown and "€42" in shown and "4 May" in shown
    # Facts, never transcript lines (issue 29).
    assert not any(f.startswith(("caller:", "ai:", "agent:")) for f in b.key_facts)


@pytest.mark.parametrize(
    "text",
    [
        "order" + " " * 3000 + "x",  # once took minutes: three \s* in a row split every way
        "my order " + "A1-" * 3000 + "Z",  # one id longer than a next step may be
        "send it to " + "a dot " * 2000 + "at x",
    ],
)
def test_hostile_turns_still_brief(text: str) -> None:
    b = summarise(
        lines(("ai", "Your email?"), ("caller", text)), reason=None, context=None, caller=None
    )
    assert all(len(step) <= 300 for step in b.next_steps)
    assert len(b.spoken) <= 600
