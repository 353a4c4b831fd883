"""Briefing fidelity: how many labelled facts a briefing keeps, and what the fact check
does to an LLM that invents and drops facts.

Offline: each call of bench/fidelity_calls.json is briefed by the offline summariser in the
call's language; a fact counts as kept when the briefing shows it (ids and phones compared
without spaces and dashes). Groq: the real AsyncGroq against the Groq stub, driven to answer
with a briefing that keeps only every other fact and adds an invented order number, phone,
email and amount; the fact check must remove every invented one and restore the dropped.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.stats import table, verdict


@dataclass(frozen=True)
class LabelledCall:
    call_id: str
    language: str
    turns: tuple[tuple[str, str], ...]
    facts: tuple[tuple[str, str], ...]  # (kind, value as said)
    withdrawn: tuple[str, ...] = ()  # values the caller took back: never to be shown


def _load(name: str) -> tuple[LabelledCall, ...]:
    data = json.loads((Path(__file__).parent / name).read_text("utf-8"))
    return tuple(
        LabelledCall(
            c["call_id"],
            c["language"],
            tuple((t["speaker"], t["text"]) for t in c["turns"]),
            tuple((f["kind"], f["value"]) for f in c["facts"]),
            tuple(c.get("withdrawn", ())),
        )
        for c in data["calls"]
    )


# Written calls, and calls written as speech-to-text without formatting writes them.
CALLS = _load("fidelity_calls.json")
SPEECH_CALLS = _load("fidelity_speech.json")

TARGET_RECALL = 0.95
INVENTED = {
    "order": "ZZ-90417",
    "phone": "+1 202 555 0147",
    "email": "refunds@invented.example",
    "amount": "$1,250.00",
}


def _flat(text: str) -> str:
    return re.sub(r"[\s\-#().]", "", text).lower()


def shows(briefing: Any, kind: str, value: str) -> bool:
    """Whether the briefing shows the fact anywhere a reader would see it."""
    customer = briefing.customer
    parts = [briefing.headline, briefing.reason, briefing.spoken, *briefing.key_facts]
    parts += [customer.name or "", customer.phone or "", customer.account or ""]
    text = "\n".join(parts)
    if kind in ("reference", "phone"):
        return _flat(value) in _flat(text)
    return value.lower() in text.lower()


def _lines(call: LabelledCall) -> list[Any]:
    from functions.domain.models.call import TranscriptLine

    return [TranscriptLine(speaker=s, text=t) for s, t in call.turns]


def measure_offline(calls: tuple[LabelledCall, ...] = CALLS) -> dict[str, Any]:
    from functions.text.offline_briefing import summarise

    kept: Counter[str] = Counter()
    total: Counter[str] = Counter()
    lost: list[str] = []
    withdrawn: list[str] = []
    for call in calls:
        briefing = summarise(
            _lines(call), reason=None, context=None, caller=None, language=call.language
        )
        for kind, value in call.facts:
            for key in (kind, f"lang:{call.language}", "all"):
                total[key] += 1
            if shows(briefing, kind, value):
                for key in (kind, f"lang:{call.language}", "all"):
                    kept[key] += 1
            else:
                lost.append(f"{call.call_id}: {kind} {value!r}")
        shown_back = [v for v in call.withdrawn if _shown_anywhere(briefing, v)]
        withdrawn += [f"{call.call_id}: {v}" for v in shown_back]
    return {"kept": kept, "total": total, "lost": lost, "withdrawn": withdrawn}


def _shown_anywhere(briefing: Any, value: str) -> bool:
    return _flat(value) in _flat(briefing.model_dump_json())


def _lying_answer(call: LabelledCall) -> dict[str, Any]:
    """What a careless LLM writes: every other fact, plus invented ones."""
    keep = [value for i, (_, value) in enumerate(call.facts) if i % 2 == 0]
    return {
        "headline": f"Caller about order {INVENTED['order']}",
        "reason": f"The caller wants {INVENTED['amount']} back.",
        "customer": {"name": None, "phone": INVENTED["phone"], "account": INVENTED["order"]},
        "sentiment": "negative",
        "key_facts": [f"Stated: {v}" for v in keep] + [f"Write to {INVENTED['email']}"],
        "next_steps": [f"Refund {INVENTED['amount']} to the card"],
        "spoken": f"Caller about order {INVENTED['order']}; call back on {INVENTED['phone']}.",
    }


@contextmanager
def _stubbed_groq() -> Iterator[Any]:
    from functions.llm.client import reset_groq_client
    from functions.shared.settings import get_settings
    from tests.support.groq_stub import GroqStub

    saved = dict(os.environ)
    with GroqStub() as stub:
        os.environ.update(GROQ_API_KEY=stub.api_key, GROQ_BASE_URL=stub.url, GROQ_MAX_RETRIES="0")
        get_settings.cache_clear()
        reset_groq_client()
        try:
            yield stub
        finally:
            os.environ.clear()
            os.environ.update(saved)
            get_settings.cache_clear()
            reset_groq_client()


async def _groq_run(stub: Any) -> dict[str, Any]:
    from functions.services.briefing import write_briefing
    from tests.support.groq_stub import reply_json

    counts: Counter[str] = Counter()
    shown: list[str] = []
    for call in CALLS:
        stub.queue("chat", reply_json(_lying_answer(call)))
        result = await write_briefing(
            _lines(call), reason=None, context=None, caller=None, language=call.language
        )
        assert result.provider == "groq", result.fallback_reason
        counts.update(c.action for c in result.corrections)
        for kind, value in INVENTED.items():
            if shows(result.briefing, "reference" if kind == "order" else kind, value):
                shown.append(f"{call.call_id}: {value}")
        counts["facts"] += len(call.facts)
        counts["kept"] += sum(shows(result.briefing, k, v) for k, v in call.facts)
    return {"counts": counts, "shown": shown}


def measure() -> dict[str, Any]:
    with _stubbed_groq() as stub:
        groq = asyncio.run(_groq_run(stub))
    return {
        "offline": measure_offline(),
        "speech": measure_offline(SPEECH_CALLS),
        "groq": groq,
    }


def report(result: dict[str, Any]) -> tuple[str, list[str]]:
    off = result["offline"]
    kept, total = off["kept"], off["total"]
    recall = kept["all"] / total["all"]
    ok = recall >= TARGET_RECALL
    order = sorted(total, key=lambda key: (key == "all", key.startswith("lang:"), key))
    rows = [[key, f"{kept[key]}/{total[key]}", f"{kept[key] / total[key]:.0%}"] for key in order]
    text = (
        f"Offline briefing fidelity, {len(CALLS)} calls: target recall >= "
        f"{TARGET_RECALL:.0%} ({verdict(ok)})\n" + table(["facts", "kept", "recall"], rows)
    )
    if off["lost"]:
        text += "\nlost: " + "; ".join(off["lost"])
    sp = result["speech"]
    sp_recall = sp["kept"]["all"] / sp["total"]["all"]
    sp_ok = sp_recall >= TARGET_RECALL and not sp["withdrawn"]
    sp_order = sorted(sp["total"], key=lambda key: (key == "all", key.startswith("lang:"), key))
    sp_rows = [
        [key, f"{sp['kept'][key]}/{sp['total'][key]}", f"{sp['kept'][key] / sp['total'][key]:.0%}"]
        for key in sp_order
    ]
    text += (
        f"\n\nSpeech series (speech-to-text without formatting), {len(SPEECH_CALLS)} calls: "
        f"target recall >= {TARGET_RECALL:.0%} and 0 withdrawn values shown ({verdict(sp_ok)})\n"
        + table(["facts", "kept", "recall"], sp_rows)
        + f"\nwithdrawn values shown: {len(sp['withdrawn'])}"
    )
    if sp["lost"]:
        text += "\nlost: " + "; ".join(sp["lost"])
    if sp["withdrawn"]:
        text += "\nshown though withdrawn: " + "; ".join(sp["withdrawn"])
    groq = result["groq"]
    counts, shown = groq["counts"], groq["shown"]
    clean = not shown
    text += (
        f"\n\nFact check on the Groq stub (an answer inventing an order number, phone, email "
        f"and amount, and dropping every other fact), {len(CALLS)} calls: "
        f"{counts['removed']} removed, {counts['added']} added back; invented numbers shown: "
        f"{len(shown)} (target 0: {verdict(clean)}); facts kept after the check: "
        f"{counts['kept']}/{counts['facts']}"
    )
    missed = [] if ok else [f"offline fidelity recall {recall:.0%} < {TARGET_RECALL:.0%}"]
    if not sp_ok:
        missed.append(
            f"speech series recall {sp_recall:.0%} (target {TARGET_RECALL:.0%}), "
            f"{len(sp['withdrawn'])} withdrawn values shown (target 0)"
        )
    if not clean:
        missed.append(f"invented numbers shown after the check: {', '.join(shown)}")
    return text, missed
