"""The Groq stub fixtures for the privacy tests (see tests/support/groq_stub.py)."""

from tests.support.groq_stub import groq_env, groq_stub

__all__ = ["groq_env", "groq_stub"]
