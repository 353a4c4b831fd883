"""The TLS setting an AWS client gets for its endpoint (functions/shared/endpoints.py)."""

from __future__ import annotations

import pytest

from functions.shared.endpoints import tls_verify


@pytest.mark.parametrize(
    ("endpoint", "verify"),
    [
        (None, None),  # AWS's own endpoint: the SDK's default, verified against its bundle
        ("https://dynamodb.eu-west-1.amazonaws.com", None),
        ("https://localhost:4566", None),  # TLS somewhere else is verified too
        ("http://127.0.0.1:5000", False),  # no TLS: nothing to verify, no context made
        ("HTTP://localhost:8000", False),
    ],
)
def test_only_a_plain_http_endpoint_skips_tls(endpoint: str | None, verify: bool | None) -> None:
    assert tls_verify(endpoint) is verify
