"""Benchmarks of what Lambda users pay for: cold starts, warm overhead, loop lag, memory, size.

Run with `python -m bench` (see `python -m bench --help`). Not part of the test run:
timings are measured here and never asserted in tests.
"""
