"""Speech-to-text output as a person would write it (text/speech.py): the cases of issue 29
in the five languages, corrections that leave only the corrected value, and text already
written normally left as it is."""

from __future__ import annotations

import pytest

from functions.text.speech import normalise, normalise_lines


@pytest.mark.parametrize(
    ("language", "said", "written"),
    [
        ("en", "its four one five five five five zero one three four", "its 4155550134"),
        ("en", "double five triple seven oh one two", "55777012"),
        ("en", "my account is a c c nine nine eight one two", "my account is ACC99812"),
        ("en", "o r d dash seven seven one two zero", "ORD-77120"),
        ("en", "it was two hundred and forty nine dollars", "it was 249 dollars"),
        ("en", "a hundred and twenty euros", "120 euros"),
        ("en", "fatima dot zahra at example dot org", "fatima.zahra@example.org"),
        ("en", "the fifth of march", "the 5th of march"),
        (
            "en",
            "um yeah this is maria gonzalez i got charged",
            "yeah this is Maria Gonzalez i got charged",
        ),
        ("es", "son doscientos cuarenta y nueve euros", "son 249 euros"),
        ("es", "ana punto ruiz arroba correo punto es", "ana.ruiz@correo.es"),
        ("de", "zweihundertneunundvierzig euro", "249 euro"),
        ("de", "kundennummer k dash vier null neun eins sieben", "kundennummer K-40917"),
        ("fr", "zéro six un deux trois quatre cinq six sept huit", "0612345678"),
        ("pt", "sete sete um dois zero", "77120"),  # "um" is one here, not a filler
        ("pt", "joao ponto silva arroba exemplo ponto com ponto br", "joao.silva@exemplo.com.br"),
    ],
)
def test_speech_is_written_as_a_person_would(language: str, said: str, written: str) -> None:
    assert normalise(said, language) == written


@pytest.mark.parametrize(
    ("language", "said", "kept", "withdrawn"),
    [
        (
            "en",
            "my order is five five one two zero sorry no five five two one zero",
            "55210",
            "55120",
        ),
        ("en", "it's 4471, I mean 4472", "4472", "4471"),
        ("es", "cuatro cuatro siete uno perdón cuatro cuatro siete dos", "4472", "4471"),
        ("de", "vier vier sieben eins nein ich meine vier vier sieben zwei", "4472", "4471"),
        ("fr", "trois trois un neuf pardon trois trois un huit", "3318", "3319"),
        ("pt", "cinco cinco nove um desculpa cinco cinco nove dois", "5592", "5591"),
    ],
)
def test_a_value_taken_back_is_gone_and_the_correction_stays(
    language: str, said: str, kept: str, withdrawn: str
) -> None:
    out = normalise(said, language)
    assert kept in out and withdrawn not in out


@pytest.mark.parametrize(
    "text",
    [
        "Order ORD-77120 arrived broken, I paid $249.99 on 12/05.",
        "Call me on 415 555 0100 or +44 20 7946 0958.",
        "Invoice 2210-77, 59,90 € on 2026-06-03.",
        "I'm sorry, I have one question about my bill.",
        "My card is [card •••• 1111] and the code [cvv].",
        "It's 415 555 0100. This is ridiculous, I want a person.",
        "this is ridiculous i want a person",  # "this is" before no name
    ],
)
def test_written_text_stays_as_written_and_normalising_twice_changes_nothing(text: str) -> None:
    assert normalise(text) == text
    assert normalise(normalise("its four one five five five five zero one three four")) == (
        "its 4155550134"
    )


def test_a_call_is_normalised_in_the_language_its_callers_speak() -> None:
    lines = [("ai", "en qué le puedo ayudar"), ("caller", "son doscientos euros por favor")]
    assert normalise_lines(lines)[1] == ("caller", "son 200 euros por favor")
