"""python -m bench [part ...] [--runs N] [--functions a,b]: measure and print the ratios."""

from __future__ import annotations

import argparse
import sys

PARTS = (
    "cold",
    "snapstart",
    "warm",
    "loop",
    "sizes",
    "events",
    "fidelity",
    "routing",
    "stats",
    "requests",
    "cost",
    "partitions",
    "pages",
    "local",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("parts", nargs="*", metavar="part", help=f"any of {', '.join(PARTS)}")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per cold cell")
    parser.add_argument("--functions", default="", help="comma-separated function names")
    parser.add_argument(
        "--prefill",
        type=int,
        default=0,
        help="loop: items in the table first; pages, local: transfers stored (2000)",
    )
    parser.add_argument(
        "--base", default="", help="local: a git ref measured first, as the baseline"
    )
    args = parser.parse_args(argv)
    parts = args.parts or list(PARTS)
    if unknown := set(parts) - set(PARTS):
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {PARTS}")
    only = [f for f in args.functions.split(",") if f] or None
    runs = max(1, min(args.runs, 50))
    missed: list[str] = []
    for part in parts:
        print(f"== {part}", file=sys.stderr, flush=True)
        if part == "cold":
            from bench import cold

            text, miss = cold.report(cold.measure(runs, only))
        elif part == "snapstart":
            from bench import snapstart

            text, miss = snapstart.report(snapstart.measure(runs, only))
        elif part == "sizes":
            from bench import sizes

            text, miss = sizes.report(sizes.measure())
        elif part == "loop":
            from bench import loop

            text, miss = loop.report(loop.measure(max(0, min(args.prefill, 100_000))))
        elif part == "events":
            from bench import events

            text, miss = events.report(events.measure())
        elif part == "warm":
            from bench import warm

            text, miss = warm.report(warm.measure())
        elif part == "routing":
            from bench import routing

            text, miss = routing.report(routing.measure())
        elif part == "fidelity":
            from bench import fidelity

            text, miss = fidelity.report(fidelity.measure())
        elif part == "stats":
            from bench import kpis

            text, miss = kpis.report(kpis.measure())
        elif part == "pages":
            from bench import pages

            text, miss = pages.report(pages.measure(max(100, min(args.prefill or 2000, 20_000))))
        elif part == "local":
            from bench import local

            stored = max(100, min(args.prefill or 2000, 20_000))
            text, miss = local.report(local.measure(args.base or None, stored))
        elif part == "requests":
            from bench import requests

            text, miss = requests.report(requests.measure())
        elif part == "cost":
            from bench import cost

            text, miss = cost.report(cost.measure())
        elif part == "partitions":
            from bench import partitions

            text, miss = partitions.report(partitions.measure())
        else:
            raise SystemExit(f"unknown part {part}")
        print(text + "\n", flush=True)
        missed += miss
    if missed:
        print("Targets missed:\n" + "\n".join(f"- {m}" for m in missed))
    else:
        print("All targets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
