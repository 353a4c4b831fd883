"""Redaction's quality set: card numbers in the forms callers give them (written, spoken
digit by digit in five languages), their codes and expiry dates before and after them,
IBANs, the national ids of each supported country, a customer's own pattern, and the near
misses that must stay as said (a 16-digit order number failing Luhn, phone numbers,
amounts, dates, account and case references)."""

from __future__ import annotations

import re

import pytest

from functions.text.redaction import KINDS, enabled, redact
from functions.text.spoken_digits import digit_runs

VISA, MASTERCARD, AMEX = "4111111111111111", "5555555555554444", "378282246310005"

CARDS = [
    (f"my card number is {VISA}", "1111"),
    ("it's 4111 1111 1111 1111", "1111"),
    ("5555-5555-5555-4444 is the card", "4444"),
    ("amex 3782 822463 10005", "0005"),
    ("four one one one one one one one one one one one one one one one", "1111"),
    ("five five five five, five five five five, five five five five, four four four four", "4444"),
    ("cuatro uno uno uno uno uno uno uno uno uno uno uno uno uno uno uno", "1111"),
    ("vier eins eins eins eins eins eins eins eins eins eins eins eins eins eins eins", "1111"),
    ("quatre un un un un un un un un un un un un un un un", "1111"),
    ("quatro um um um um um um um um um um um um um um um", "1111"),
    ("four one double one double one one one one one one one one one one one", "1111"),
]


@pytest.mark.parametrize(("said", "last4"), CARDS)
def test_every_card_form_is_masked_to_its_last_four(said: str, last4: str) -> None:
    out = redact(said)
    assert f"[card •••• {last4}]" in out.text
    assert out.kinds == ("card",)
    assert not re.search(r"\d{5,}", out.text)  # nothing of the number left but the last four


CODES = [
    f"card {VISA} cvv 737",
    f"the security code is 737 and the card is {VISA}",
    f"{VISA}, 08/29, 737",
    f"{VISA} and 737",
    "my card is four one one one one one one one one one one one one one one one, "
    "security code seven three seven",
    "the three digits on the back are seven three seven",
    f"card {VISA} código de seguridad 737",
]


@pytest.mark.parametrize("said", CODES)
def test_a_security_code_before_or_after_the_number_is_redacted(said: str) -> None:
    out = redact(said)
    assert "[cvv]" in out.text
    assert "737" not in out.text and "seven three seven" not in out.text
    assert "cvv" in out.kinds


@pytest.mark.parametrize(
    "said",
    [
        f"{VISA} expiry 12/27",
        "my card expires 08/29",
        "card valid until March 2027",
        "la tarjeta vence en marzo de 2027",
    ],
)
def test_a_card_expiry_is_redacted(said: str) -> None:
    out = redact(said)
    assert "[card expiry]" in out.text and not re.search(r"27|29", out.text)


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("IBAN DE89 3704 0044 0532 0130 00 please", "[iban DE •••• 3000]"),
        ("send it to GB82WEST12345698765432", "[iban GB •••• 5432]"),
        ("my SSN is 123-45-6789", "[national id US]"),
        ("social security number 123 45 6789", "[national id US]"),
        ("National Insurance AB 12 34 56 C", "[national id GB]"),
        ("mi DNI es 12345678Z", "[national id ES]"),
        ("mi NIE es X1234567L", "[national id ES]"),
        ("meine Steuer-ID ist 36574261809", "[national id DE]"),
    ],
)
def test_ibans_and_national_ids_are_redacted(said: str, shown: str) -> None:
    out = redact(said)
    assert shown in out.text
    assert not re.search(r"\d{4}", out.text.replace(shown, ""))


NEAR_MISSES = [
    "my order number is 1234567812345678",  # 16 digits, fails Luhn
    "order ORD-77120 for account AC-991, case 55123",
    "call me on 0044 7911 123456",  # Luhn holds by chance: a phone, not a card
    "it's 415 555 0100",
    "I paid $249.99 on 12/05 and then 1,200 euros",
    "my subscription expires 12/26",  # no card in sight
    "flat 123, the code on the gate is 4521",
    "I was born in March 1990",
    "DE89 3704 0044 0532 0130 02",  # an IBAN shape that fails mod 97
    "12345678A",  # a DNI shape with the wrong letter
    "the number is 123-45-6789",  # nine digits, not named an SSN
]


@pytest.mark.parametrize("said", NEAR_MISSES)
def test_near_misses_stay_as_said(said: str) -> None:
    out = redact(said)
    assert (out.text, out.kinds) == (said, ())


def test_recall_is_complete_on_the_card_and_code_cases() -> None:
    cards = sum("[card" in redact(s).text for s, _ in CARDS)
    codes = sum("[cvv]" in redact(s).text for s in CODES)
    assert (cards, codes) == (len(CARDS), len(CODES))


def test_detectors_follow_the_setting_and_a_customer_pattern_names_its_kind() -> None:
    said = f"card {VISA}, member MEM-123456, iban GB82WEST12345698765432"
    only_iban = redact(said, enabled("iban"))
    assert VISA in only_iban.text and only_iban.kinds == ("iban",)
    custom = redact(said, enabled("card"), {"member_id": re.compile(r"MEM-\d{6}")})
    assert custom.text == "card [card •••• 1111], member [member_id], iban GB82WEST12345698765432"
    assert custom.kinds == ("card", "member_id")
    assert redact(said, enabled("")).text == said
    with pytest.raises(ValueError, match="unknown REDACT kinds"):
        enabled("card,passport")
    assert set(KINDS) == set(enabled("card,cvv,iban,national_id"))


@pytest.mark.parametrize(
    ("said", "runs"),
    [
        ("double five triple seven oh one", ["5577701"]),
        ("oh I see, it's one two", ["12"]),
        ("4111-1111 exp 12/27", ["41111111", "12", "27"]),
        ("cinq cinq, deux", ["552"]),
        ("I have one question", []),
    ],
)
def test_spoken_digit_runs(said: str, runs: list[str]) -> None:
    assert [r.digits for r in digit_runs(said)] == runs
    for run in digit_runs(said):
        assert said[run.start : run.end].split()[0].lower() in said.lower()


def test_every_text_of_a_briefing_is_redacted() -> None:
    from functions.domain.models.briefing import Briefing
    from functions.services.privacy import redaction as redacting

    written = Briefing(
        headline=f"Refund to card {VISA}",
        reason="wants a refund, cvv 737",
        customer={"name": "Dana", "phone": "415 555 0100", "account": VISA},
        key_facts=[f"Card {VISA}", "Account AC-991"],
        next_steps=["Refund to IBAN DE89 3704 0044 0532 0130 00"],
        spoken=f"Dana, card {VISA}.",
    )
    seen = redacting.briefing(written).model_dump_json()
    assert VISA not in seen and "737" not in seen and "0532" not in seen
    assert "AC-991" in seen and "415 555 0100" in seen


def test_customer_patterns_keep_the_settings_hashable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings are cached per object (the console's files, the clients): a dict field made
    them unhashable and every console page a 500."""
    from functions.shared.settings import Settings

    monkeypatch.setenv("REDACT_PATTERNS", '{"member_id": "MEM-\\\\d{6}"}')
    settings = Settings()
    assert settings.redact_patterns == (("member_id", r"MEM-\d{6}"),)
    assert isinstance(hash(settings), int)
    monkeypatch.setenv("REDACT_PATTERNS", '{"Bad Name": "x"}')
    with pytest.raises(ValueError, match="REDACT_PATTERNS name"):
        Settings()
