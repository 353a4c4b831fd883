"""The price of a transfer on AWS: `bench requests`' counts x the handlers' measured
durations at their configured memory (serverless.yml) x list prices, per 1,000 transfers.

Runs `bench requests` in a child process whose stdout is counted, so the bytes the
functions log (their access lines and EMF metrics: what CloudWatch Logs ingests) are
measured per step too. Durations are warm, in-process, against moto on this machine:
DynamoDB on AWS answers in a few ms as moto does here, so they are of the right order,
not a forecast. Index writes are bench requests' estimate (the index keys each write
holds or names).

    python -m bench cost
"""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

# us-east-1 list prices. Not re-read today (no internet on this machine): as published
# on AWS's pricing pages as of the date below; check them before quoting a figure.
PRICES_AS_OF = "2025-01 (DynamoDB on-demand after the 2024-11-01 cut)"
PRICES: dict[str, tuple[float, str]] = {
    "lambda_gb_s": (0.0000133334, "Lambda arm64, per GB-second"),
    "lambda_request": (0.20 / 1e6, "Lambda, per request"),
    "dynamodb_wru": (0.625 / 1e6, "DynamoDB on-demand, per write request unit"),
    "dynamodb_rru": (0.125 / 1e6, "DynamoDB on-demand, per read request unit"),
    "http_request": (1.00 / 1e6, "HTTP API, per request (first 300 M a month)"),
    "ws_message": (1.00 / 1e6, "WebSocket API, per message (first 1 B a month)"),
    "sqs_fifo_request": (0.50 / 1e6, "SQS FIFO, per request (64 KB chunks)"),
    "logs_gb": (0.50, "CloudWatch Logs (EMF included), per GB ingested"),
    "groq_in": (0.59 / 1e6, "Groq llama-3.3-70b-versatile, per input token"),
    "groq_out": (0.79 / 1e6, "Groq llama-3.3-70b-versatile, per output token"),
}
TRANSFERS = 1000


class _Counting(io.TextIOWrapper):
    """stdout that counts what is written to it (then drops it)."""

    count = 0

    def write(self, text: str) -> int:
        _Counting.count += len(text.encode())
        return len(text)


def child(out_path: str) -> None:
    """In the child: count stdout from before the functions' loggers are made."""
    sys.stdout = _Counting(io.BytesIO())
    from bench import requests

    steps = requests.measure(written=lambda: _Counting.count)
    Path(out_path).write_text(
        json.dumps(
            {
                name: {
                    "calls": dict(s.calls),
                    "rcu": s.rcu,
                    "wcu": s.wcu,
                    "gsi_writes": s.gsi_writes,
                    "invocations": dict(s.invocations),
                    "ms": dict(s.ms),
                    "log_bytes": s.log_bytes,
                }
                for name, s in steps.items()
            }
        )
    )


def _memory() -> dict[str, int]:
    from infra.routes import read_config

    config = read_config()
    default = int(config["provider"].get("memorySize", 1024))
    return {n: int(f.get("memorySize", default)) for n, f in config["functions"].items()}


def _briefing_tokens() -> tuple[int, int]:
    """Input tokens of a 20-turn call's briefing prompt (the project's own estimate) and
    the output cap (settings: the most a briefing may cost)."""
    from functions.llm.prompts import BRIEFING_SYSTEM, estimate_tokens
    from functions.shared.settings import get_settings

    line = "Caller: I was charged twice for my March invoice, reference INV-2291."  # typical
    prompt = BRIEFING_SYSTEM + (line + "\n") * 20
    return estimate_tokens(prompt), get_settings().groq_briefing_max_tokens


def measure() -> dict[str, Any]:
    from bench.services import ROOT

    with tempfile.TemporaryDirectory(prefix="bench-cost-") as work:
        out = Path(work, "steps.json")
        subprocess.run(
            [sys.executable, "-m", "bench.cost", str(out)],
            cwd=ROOT,
            check=True,
            timeout=600,
            stderr=subprocess.DEVNULL,
        )
        steps = json.loads(out.read_text())
    return {"steps": steps, "memory": _memory(), "briefing": _briefing_tokens()}


def _step_dollars(step: dict[str, Any], memory: dict[str, int], http: bool) -> dict[str, float]:
    p = {k: v for k, (v, _) in PRICES.items()}
    gb_s = sum(math.ceil(ms) / 1000 * memory[f] / 1024 for f, ms in step["ms"].items())
    calls = step["calls"]
    ws = calls.get("apigatewaymanagementapi.PostToConnection", 0)
    sqs = sum(n for op, n in calls.items() if op.startswith("sqs."))
    invocations = sum(step["invocations"].values())
    return {
        "Lambda compute": gb_s * p["lambda_gb_s"],
        "Lambda requests": invocations * p["lambda_request"],
        "DynamoDB writes": (step["wcu"] + step["gsi_writes"]) * p["dynamodb_wru"],
        "DynamoDB reads": step["rcu"] * p["dynamodb_rru"],
        "HTTP API": (invocations if http else 0) * p["http_request"],
        "WebSocket messages": ws * p["ws_message"],
        "SQS": sqs * p["sqs_fifo_request"],
        "CloudWatch Logs": step["log_bytes"] / 1e9 * p["logs_gb"],
    }


def report(data: dict[str, Any]) -> tuple[str, list[str]]:
    from bench import requests
    from bench.stats import table

    steps, memory = data["steps"], data["memory"]
    items: dict[str, float] = {}
    rows = []
    for name, step in steps.items():
        http = name in requests.STEPS[:8]  # the steps that are HTTP API requests
        dollars = _step_dollars(step, memory, http)
        for k, v in dollars.items():
            items[k] = items.get(k, 0.0) + v
        fns = ", ".join(
            f"{f} {memory[f]} MB {step['ms'][f] / step['invocations'][f]:.1f} ms x{n}"
            for f, n in step["invocations"].items()
        )
        rows.append(
            [name, fns, f"{step['log_bytes']:,}", f"{sum(dollars.values()) * TRANSFERS:.5f}"]
        )
    total = sum(items.values()) * TRANSFERS
    rows.append(["whole transfer", "", "", f"{total:.5f}"])
    ranked = sorted(items.items(), key=lambda kv: -kv[1])
    by_item = [
        [k, f"{v * TRANSFERS:.5f}", f"{v / max(sum(items.values()), 1e-12):.0%}"] for k, v in ranked
    ]
    tokens_in, tokens_out = data["briefing"]
    groq = (tokens_in * PRICES["groq_in"][0] + tokens_out * PRICES["groq_out"][0]) * TRANSFERS
    price_rows = [[label, f"{value:.10g}"] for value, label in PRICES.values()]
    text = "\n\n".join(
        [
            "AWS cost per 1,000 transfers (us-east-1, on demand, arm64; warm durations "
            "measured here; GSI writes estimated)\n"
            + table(
                ["step", "functions (memory, mean ms, invocations)", "log bytes", "$ / 1,000"], rows
            ),
            "By item, largest first\n" + table(["item", "$ / 1,000", "share"], by_item),
            f"Beside it, Groq for the briefing (20 turns: ~{tokens_in} input tokens, at most "
            f"{tokens_out} output): ${groq:.3f} per 1,000 transfers at most "
            f"({groq / max(total, 1e-12):.0f}x the AWS total)",
            f"Prices (list, us-east-1, as of {PRICES_AS_OF}; not re-read here)\n"
            + table(["price", "USD"], price_rows),
        ]
    )
    return text, []


if __name__ == "__main__":
    child(sys.argv[1])
