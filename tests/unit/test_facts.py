"""Dialogue-aware extraction, per kind and per language.

These calls are written apart from the benchmark's (bench/fidelity_calls.json) so neither
set tunes the other.
"""

from __future__ import annotations

import pytest

from functions.text.facts import Fact, asked_kinds, extract

Line = tuple[str, str]


def found(*lines: Line) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in extract(list(lines)).items]


# ---- references --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # An id given as the answer to the question that asked for it.
        (
            [("ai", "Could you read me the booking number?"), ("caller", "ZT-4410.")],
            [("booking", "ZT-4410")],
        ),
        # A bare number as the answer, and one after "Yes,".
        (
            [("agent", "What is your membership number?"), ("caller", "61200934")],
            [("membership", "61200934")],
        ),
        (
            [("agent", "Do you have the invoice number to hand?"), ("caller", "Yes, 730019.")],
            [("invoice", "730019")],
        ),
        # The answer may come one turn late.
        (
            [
                ("ai", "What's the case number?"),
                ("caller", "Hold on, let me find it."),
                ("caller", "Okay, it's 55-9031."),
            ],
            [("case", "55-9031")],
        ),
        # Every reference is kept, not only the first.
        (
            [("caller", "Order 88120 came late and my refund ticket RT-7719 is still open.")],
            [("order", "88120"), ("ticket", "RT-7719")],
        ),
        # A `#` prefix and a free-standing id with letters and digits.
        ([("caller", "It was #30551, the one with the blue lid.")], [("reference", "30551")]),
        ([("caller", "The code on the parcel says PX-77A1.")], [("reference", "PX-77A1")]),
    ],
)
def test_references_in_english(lines: list[Line], expected: list[tuple[str, str]]) -> None:
    assert found(*lines) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mi número de pedido es el 99-4410.", [("order", "99-4410")]),
        ("Tengo la reserva 771203 para el viernes.", [("booking", "771203")]),
        ("Meine Kundennummer lautet 5512093.", [("customer", "5512093")]),
        ("Es geht um die Bestellung Nr. 20931.", [("order", "20931")]),
        ("Ma commande numéro 66-1200 n'est pas là.", [("order", "66-1200")]),
        ("Le numéro de dossier est AB-3391.", [("case", "AB-3391")]),
        ("A minha encomenda 440912 atrasou.", [("order", "440912")]),
        ("O número do pedido é 3301-X.", [("order", "3301-X")]),
    ],
)
def test_references_in_other_languages(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(("caller", text)) == expected


def test_a_question_in_another_language_makes_the_next_turn_its_answer() -> None:
    assert found(("ai", "¿Cuál es su número de cliente?"), ("caller", "Claro, 8812004.")) == [
        ("customer", "8812004")
    ]
    assert found(("ai", "Wie lautet Ihre Vertragsnummer bitte?"), ("caller", "VX-100")) == [
        ("reference", "VX-100")
    ]


def test_a_reference_word_shortly_before_names_the_id() -> None:
    text = "It's about my account, which is 90-1733, and it's locked."
    assert found(("caller", text)) == [("account", "90-1733")]
    # Not across a sentence, and not when the number is said as a phone.
    assert found(("caller", "I placed an order. Reach me on 0161 496 0000.")) == [
        ("phone", "0161 496 0000")
    ]


def test_numbers_that_are_not_references() -> None:
    # Years, quantities, units and dates are not ids, even when a reference was asked for.
    lines = [("ai", "What's the order number?"), ("caller", "I ordered 2 kettles in 2023.")]
    assert found(*lines) == []
    assert found(("caller", "My account is locked since 3pm.")) == []


# ---- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        ([("ai", "Who am I speaking with?"), ("caller", "Tomás Ruiz.")], "Tomás Ruiz"),
        ([("ai", "Can I take your name?"), ("caller", "Sure, Grace O'Malley.")], "Grace O'Malley"),
        ([("caller", "Hi, my name is Ewan McAllister.")], "Ewan McAllister"),
        ([("caller", "This is Pieter de Groot calling.")], "Pieter de Groot"),
        ([("caller", "Me llamo Ana María da Costa.")], "Ana María da Costa"),
        ([("caller", "Mi nombre es Rodrigo Peña.")], "Rodrigo Peña"),
        ([("caller", "Guten Tag, mein Name ist Lena von Brandt.")], "Lena von Brandt"),
        ([("caller", "Ich heiße Björn Weiß.")], "Björn Weiß"),
        ([("caller", "Bonjour, je m'appelle Chloé Lemaire.")], "Chloé Lemaire"),
        ([("caller", "Olá, meu nome é Inês Araújo.")], "Inês Araújo"),
        ([("caller", "Bom dia, aqui é o Paulo Souza.")], "Paulo Souza"),
    ],
)
def test_names(lines: list[Line], name: str) -> None:
    assert extract(lines).names == [name]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        ([("caller", "Morning, Felix Brandt here, about my router.")], "Felix Brandt"),
        ([("caller", "Bonjour, Jean Petit à l'appareil.")], "Jean Petit"),
        ([("ai", "Your full name please?"), ("caller", "yes it's maya de souza")], "Maya de Souza"),
        ([("ai", "And your surname?"), ("caller", "It's Nakamura.")], "Nakamura"),
    ],
)
def test_names_before_here_and_answered_in_lower_case(lines: list[Line], name: str) -> None:
    assert extract(lines).names == [name]


@pytest.mark.parametrize("answer", ["not sure", "hold on", "I forgot it", "one moment please"])
def test_an_answer_that_is_not_a_name(answer: str) -> None:
    assert extract([("ai", "May I have your name?"), ("caller", answer)]).names == []


def test_a_name_said_late_completes_an_early_one() -> None:
    lines = [
        ("caller", "Hi, I'm Nadia."),
        ("ai", "Hi Nadia, what can I do for you?"),
        ("caller", "My card was declined."),
        ("ai", "And your full name, for the record?"),
        ("caller", "Nadia Karimi."),
    ]
    assert extract(lines).names == ["Nadia Karimi"]


def test_names_said_by_the_ai_and_nouns_are_not_the_callers() -> None:
    lines = [("ai", "Hi, this is Max from support."), ("caller", "Ich bin Kunde seit Jahren.")]
    assert extract(lines).names == []


# ---- phones, emails, amounts, dates ------------------------------------------------------


def test_phones_asked_for_and_said_in_passing() -> None:
    lines = [
        ("ai", "What's the best number to reach you?"),
        ("caller", "020 7946 0011"),
        ("caller", "Or my mobile, +49 151 2345 6789."),
    ]
    assert extract(lines).of("phone") == ["020 7946 0011", "+49 151 2345 6789"]


def test_a_bare_number_asked_as_a_reference_is_not_a_phone() -> None:
    lines = [("ai", "Your account number please?"), ("caller", "4471 2290 11")]
    assert found(*lines) == [("account", "4471 2290 11")]


@pytest.mark.parametrize(
    ("lines", "email"),
    [
        (
            [("caller", "Send it to Kim.Lee+orders@example.org please.")],
            "kim.lee+orders@example.org",
        ),
        (
            [("ai", "What's your email address?"), ("caller", "kim dot lee at example dot org")],
            "kim.lee@example.org",
        ),
        (
            [("ai", "¿Su correo electrónico?"), ("caller", "ana punto gil arroba correo punto es")],
            "ana.gil@correo.es",
        ),
    ],
)
def test_emails(lines: list[Line], email: str) -> None:
    assert extract(lines).of("email") == [email]


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("They took $1,240.00 and then another $15.", ["$1,240.00", "$15"]),
        ("I paid €35 for shipping, 12,50 € more for insurance.", ["€35", "12,50 €"]),
        ("The fee was £9.99, or 40 pounds in total.", ["£9.99", "40 pounds"]),
        ("It cost 200 USD, about EUR 185.", ["200 USD", "EUR 185"]),
        ("Me cobraron 80 euros y 15 dólares.", ["80 euros", "15 dólares"]),
        ("Paguei R$ 99,90 ontem.", ["R$ 99,90"]),
    ],
)
def test_amounts_with_their_currency(text: str, amounts: list[str]) -> None:
    assert extract([("caller", text)]).of("amount") == amounts


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("It was due on 2026-02-14 and came on 02/03/2026.", ["2026-02-14", "02/03/2026"]),
        ("Delivery was promised for June 9th.", ["June 9th"]),
        ("Llegó el 5 de octubre.", ["5 de octubre"]),
        ("Bestellt am 12. Mai 2026.", ["12. Mai 2026"]),
        ("Livré le 7 juillet.", ["7 juillet"]),
        ("Chegou em 21 de setembro.", ["21 de setembro"]),
    ],
)
def test_dates(text: str, dates: list[str]) -> None:
    assert extract([("caller", text)]).of("date") == dates


# ---- questions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Can I have your name and order number?", ["name", "order"]),
        ("What's a good phone number for you?", ["phone"]),
        ("Please give me the email on the account.", ["email", "account"]),
        ("Who do I have the pleasure of speaking with?", ["name"]),
        ("Is there a number we can call you on?", ["phone"]),
        ("Are you an existing customer?", []),
        ("I'll check that for you now.", []),
        ("¿Me da su número de teléfono?", ["phone"]),
        ("Nennen Sie mir bitte Ihre Bestellnummer.", ["order"]),
        ("Quel est votre nom ?", ["name"]),
    ],
)
def test_what_a_question_asks_for(text: str, kinds: list[str]) -> None:
    assert asked_kinds(text) == kinds


def test_facts_keep_the_turn_they_were_said_in() -> None:
    facts = extract([("ai", "Order number?"), ("caller", "ZK-1200"), ("caller", "ok")])
    assert facts.items == [Fact("order", "ZK-1200", 1)]
    assert facts.answers == {1}
