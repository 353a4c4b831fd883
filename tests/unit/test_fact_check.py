"""The fact check of an LLM briefing: invented numbers go, dropped facts come back."""

from __future__ import annotations

from typing import Any

from functions.domain.models.briefing import Briefing
from functions.text.fact_check import Known, check, money, prompt_messages
from functions.text.facts import extract

CALL = [
    ("caller", "Hi, I'm Omar Haddad. My order 51-7730 never came and I paid €64.20."),
    ("ai", "Sorry to hear that. What's the best number to reach you?"),
    ("caller", "07911 123456, or email omar.h@example.net"),
    ("ai", "Thanks. Anything else?"),
    ("caller", "Ticket TT-4021 was opened on 2 May."),
]
MATERIAL = [text for _, text in CALL]


def briefing(**fields: Any) -> Briefing:
    base: dict[str, Any] = {
        "headline": "Missing order 51-7730",
        "reason": "Order 51-7730 never arrived; the caller paid €64.20.",
        "customer": {"name": "Omar Haddad", "phone": "07911 123456", "account": "51-7730"},
        "sentiment": "negative",
        "key_facts": ["Ticket TT-4021 opened on 2 May", "Email omar.h@example.net"],
        "next_steps": ["Check the courier"],
        "spoken": "Omar Haddad, order 51-7730 missing.",
    }
    return Briefing.model_validate({**base, **fields})


def run(b: Briefing) -> tuple[Briefing, list[tuple[str, str, str, str]]]:
    checked, fixes = check(b, material=MATERIAL, facts=extract(CALL), language="en")
    return checked, [(f.action, f.kind, f.value, f.where) for f in fixes]


def test_a_faithful_briefing_is_left_alone() -> None:
    b = briefing()
    assert run(b) == (b, [])


def test_numbers_said_differently_still_count_as_said() -> None:
    known = Known(MATERIAL)
    assert known.has("phone", "+44 7911 123456")  # the same number with a country code
    assert known.has("id", "517730") and known.has("id", "#51-7730")
    assert known.has("amount", "64.20 EUR") and not known.has("amount", "$640")
    assert known.has("email", "Omar.H@example.net")
    assert money("1.240,50 €") == money("$1,240.50")


def test_invented_numbers_are_removed_and_recorded() -> None:
    b = briefing(
        headline="Missing order 99-0001 for Omar",
        customer={"name": "Omar Haddad", "phone": "+1 202 555 0199", "account": "AC-77"},
        key_facts=[
            "Ticket TT-4021 opened on 2 May",
            "Refund of $500 promised",
            "Email omar.h@example.net",
        ],
        next_steps=["Email refunds@example.com", "Check the courier"],
        spoken="Omar Haddad, order 99-0001 (#99-0001) missing.",
    )
    checked, fixes = run(b)
    assert checked.headline == "Missing order for Omar"
    assert checked.spoken == "Omar Haddad, order missing."
    assert checked.customer.phone == "07911 123456"  # emptied, then filled from the call
    assert checked.customer.account == "51-7730"
    assert "Refund of $500 promised" not in checked.key_facts
    assert checked.next_steps == ["Check the courier"]
    removed = {(kind, value, where) for action, kind, value, where in fixes if action == "removed"}
    assert removed >= {
        ("id", "99-0001", "headline"),
        ("phone", "+1 202 555 0199", "customer.phone"),
        ("id", "AC-77", "customer.account"),
        ("amount", "$500", "key_facts"),
        ("email", "refunds@example.com", "next_steps"),
    }
    text = " ".join([checked.headline, checked.spoken, *checked.key_facts, *checked.next_steps])
    for invented in ("99-0001", "0199", "$500", "refunds@", "AC-77"):
        assert invented not in text


def test_dropped_facts_are_added_back_in_the_briefing_language() -> None:
    b = briefing(
        headline="Pedido perdido",
        reason="El pedido no llegó.",
        customer={"name": None, "phone": None, "account": None},
        key_facts=["El cliente está molesto"],
        spoken="Omar llama por un pedido perdido.",
    )
    checked, fixes = check(b, material=MATERIAL, facts=extract(CALL), language="es-MX")
    assert checked.customer.name == "Omar Haddad"
    assert checked.customer.account == "51-7730"
    assert checked.customer.phone == "07911 123456"
    assert checked.key_facts[0] == "El cliente está molesto"
    added = checked.key_facts[1:]
    assert "Número de ticket: TT-4021" in added
    assert "Importe: €64.20" in added and "Correo: omar.h@example.net" in added
    assert "Fecha: 2 May" in added
    assert {(a, k, v) for a, k, v, _ in [(f.action, f.kind, f.value, f.where) for f in fixes]} >= {
        ("added", "ticket", "TT-4021"),
        ("added", "amount", "€64.20"),
        ("added", "email", "omar.h@example.net"),
    }


def test_key_facts_stay_within_the_limit_when_many_are_added() -> None:
    b = briefing(
        customer={"name": None, "phone": None, "account": None},
        key_facts=[f"fact {i}" for i in range(10)],
        headline="Call",
        reason="A call.",
        spoken="A call.",
    )
    checked, _ = run(b)
    assert len(checked.key_facts) == 10
    assert "TT-4021" in checked.key_facts[-1] and "omar.h@example.net" in checked.key_facts[-1]


def test_the_prompt_carries_the_language_and_the_facts_outside_the_transcript() -> None:
    messages = [
        {"role": "system", "content": "rules"},
        {"role": "user", "content": "<transcript>\n...\n</transcript>"},
    ]
    out = prompt_messages(messages, language="de", facts=extract(CALL))
    assert [m["role"] for m in out] == ["system", "user"]
    assert out[0]["content"].startswith("rules") and "in German (de)" in out[0]["content"]
    user = out[1]["content"]
    facts = user[user.index("<facts>") : user.index("</facts>")]
    assert '"order: 51-7730"' in facts and '"phone: 07911 123456"' in facts
    assert user.count("</facts>") == 1 and user.endswith("</transcript>")


def test_an_invented_amount_that_looks_like_a_date_is_still_removed() -> None:
    b = briefing(key_facts=["Refund of $12.10 promised", "Ticket TT-4021 opened on 2 May"])
    checked, fixes = run(b)
    assert checked.key_facts[0] == "Ticket TT-4021 opened on 2 May"
    assert ("removed", "amount", "$12.10", "key_facts") in fixes
