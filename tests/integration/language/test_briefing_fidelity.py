"""POST /initiate-transfer: the briefing language, and the fact check of Groq's briefing.

The real handler (API Gateway v2 events), the store on a moto server and the real
AsyncGroq against the Groq stub, which is driven to invent numbers and drop facts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support import api
from tests.support.flows import open_call
from tests.support.groq_stub import VALID_BRIEFING, GroqStub, reply_json
from tests.support.tokens import Tokens

Env = Callable[..., GroqStub]
# A Spanish call whose facts come after a greeting and are followed by many turns.
TURNS = [
    {"speaker": "ai", "text": "Hola, gracias por llamar a la tienda. ¿Me oye bien?"},
    {"speaker": "caller", "text": "Sí, le oigo bien, buenos días."},
    {"speaker": "ai", "text": "Perfecto. ¿En qué puedo ayudarle hoy?"},
    {"speaker": "caller", "text": "Hola, me llamo Sofía Ortega. Mi pedido 60-3318 llegó roto."},
    {"speaker": "ai", "text": "Lo siento. ¿Cuál es su número de cliente?"},
    {"speaker": "caller", "text": "Claro, 7200419."},
    {"speaker": "caller", "text": "Pagué 120 euros. Mi correo es sofia.o@example.es"},
] + [
    {"speaker": s, "text": f"{'Vale' if s == 'caller' else 'Un momento'}, turno {i}."}
    for i, s in enumerate(["ai", "caller"] * 15)
]


def _start(tokens: Tokens, call_id: str, **body: Any) -> dict[str, Any]:
    open_call(tokens, call_id, TURNS)
    started = api.initiate({"call_id": call_id, "to_agent": "bob", **body}, token=tokens.service())
    assert started.status == 201, started.body
    stored = api.get_transfer(started.json["transfer_id"], token=tokens.agent("bob"))
    assert stored.status == 200, stored.body
    for key in ("briefing", "briefing_language", "transcript_language", "briefing_corrections"):
        assert stored.json[key] == started.json[key]
    return dict(stored.json)


def _prompt(stub: GroqStub) -> tuple[str, str]:
    """(the system messages, the user message) of the one briefing request."""
    (request,) = stub.received("chat")
    messages = request.json["messages"]
    system = "\n".join(m["content"] for m in messages if m["role"] == "system")
    return system, next(m["content"] for m in messages if m["role"] == "user")


def test_groq_is_asked_for_the_briefing_language_and_given_the_facts(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    # A budget so small that the turns holding the facts are cut from the transcript.
    stub = groq_env(BRIEFING_TRANSCRIPT_TOKEN_BUDGET="200")
    transfer = _start(tokens, "call-fid-de", briefing_language="de")

    system, user = _prompt(stub)
    assert "in German (de), whatever language the caller spoke" in system
    transcript = user[user.index("<transcript>") : user.index("</transcript>")]
    assert "7200419" not in transcript  # cut to the budget...
    facts = user[user.index("<facts>") : user.index("</facts>")]
    for fact in ("name: Sofía Ortega", "order: 60-3318", "customer: 7200419", "amount: 120 euros"):
        assert f'"{fact}"' in facts  # ...yet the facts reach the LLM
    assert transfer["briefing_provider"] == "groq"
    assert transfer["briefing_language"] == "de"
    assert transfer["transcript_language"] == "es"


def test_the_default_briefing_language_comes_from_the_setting(
    store_env: str, groq_env: Env, tokens: Tokens, monkeypatch: Any
) -> None:
    stub = groq_env(BRIEFING_DEFAULT_LANGUAGE="fr")
    transfer = _start(tokens, "call-fid-default")
    assert "in French (fr)" in _prompt(stub)[0]
    assert transfer["briefing_language"] == "fr"


def test_invented_numbers_are_removed_and_dropped_facts_added(
    store_env: str, groq_env: Env, tokens: Tokens
) -> None:
    stub = groq_env()
    careless = {
        **VALID_BRIEFING,
        "headline": "Pedido 99-0000 roto",
        "customer": {"name": "Sofía Ortega", "phone": "+34 600 000 111", "account": "60-3318"},
        "key_facts": ["Reembolso de 450 euros prometido", "Pedido 60-3318 roto"],
        "next_steps": ["Escribir a soporte@invented.example"],
        "spoken": "Sofía Ortega, pedido 99-0000 roto.",
    }
    stub.queue("chat", reply_json(careless))
    transfer = _start(tokens, "call-fid-check", briefing_language="es")

    briefing = transfer["briefing"]
    shown = " ".join(
        [briefing["headline"], briefing["spoken"], *briefing["key_facts"], *briefing["next_steps"]]
    )
    for invented in ("99-0000", "600 000 111", "450", "invented.example"):
        assert invented not in shown
    assert briefing["customer"]["phone"] is None  # the caller gave none
    assert briefing["headline"] == "Pedido roto"
    assert "Número de cliente: 7200419" in briefing["key_facts"]
    assert "Correo: sofia.o@example.es" in briefing["key_facts"]
    fixes = {
        (c["action"], c["kind"], c["value"], c["where"]) for c in transfer["briefing_corrections"]
    }
    assert fixes >= {
        ("removed", "id", "99-0000", "headline"),
        ("removed", "phone", "+34 600 000 111", "customer.phone"),
        ("removed", "amount", "450 euros", "key_facts"),
        ("removed", "email", "soporte@invented.example", "next_steps"),
        ("added", "customer", "7200419", "key_facts"),
        ("added", "email", "sofia.o@example.es", "key_facts"),
    }


def test_offline_briefing_is_written_in_the_briefing_language(
    store_env: str, tokens: Tokens
) -> None:
    transfer = _start(tokens, "call-fid-offline", briefing_language="pt-BR")
    briefing = transfer["briefing"]
    assert transfer["briefing_provider"] == "offline"
    assert (transfer["briefing_language"], transfer["transcript_language"]) == ("pt-BR", "es")
    assert briefing["spoken"].startswith("Sofía Ortega está ligando sobre: Mi pedido 60-3318")
    assert "Número da encomenda: 60-3318" in briefing["key_facts"]
    assert "Número de cliente: 7200419" in briefing["key_facts"]
    assert transfer["briefing_corrections"] == []


def test_a_briefing_language_that_is_not_a_language_tag_is_refused(
    store_env: str, tokens: Tokens
) -> None:
    open_call(tokens, "call-fid-bad", TURNS[:4])
    res = api.initiate(
        {"call_id": "call-fid-bad", "to_agent": "bob", "briefing_language": "Deutsch bitte!"},
        token=tokens.service(),
    )
    assert res.status == 422
    assert res.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in res.json["errors"]] == ["body.briefing_language"]
