"""The local stand-in of API Gateway's Management API (POST /@connections/{id}): AWS takes
only the account's signed requests; locally only this process knows the endpoint's path
secret, so nobody else can push frames into an agent's console, and a body over API
Gateway's 128 KB is refused without being read further."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from infra.websocket_gateway import MAX_POST_BYTES
from tests.support.events_stack import EventsStack, events_stack


@pytest.fixture
def stack(
    moto_endpoint: str, store_env: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[EventsStack]:
    with events_stack(moto_endpoint, monkeypatch, pollers=False) as running:
        yield running


def test_without_the_path_secret_a_post_is_forbidden(stack: EventsStack) -> None:
    # The secret is checked before the connection id is even looked at.
    forged = httpx.post(f"{stack.base_url}/@connections/any-id", content=b'{"x":1}')
    assert forged.status_code == 403
    assert forged.headers["x-amzn-errortype"] == "ForbiddenException"
    gone = httpx.post(f"{stack.management_url}/@connections/nobody", content=b"{}")
    assert gone.status_code == 410  # with the secret: the Management API's own answer


def test_a_body_over_128_kb_is_refused(stack: EventsStack) -> None:
    big = httpx.post(
        f"{stack.management_url}/@connections/nobody", content=b"x" * (MAX_POST_BYTES + 1)
    )
    assert big.status_code == 413
    assert big.headers["x-amzn-errortype"] == "PayloadTooLargeException"
