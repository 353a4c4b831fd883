"""Webhook targets (issue 24, points 4 and 6), through the real handler: malformed URLs and
impossible ports are a 422 naming `url`, never a 500; IPv6 forms that carry a private IPv4
address (NAT64, 6to4, IPv4-compatible, -translated, -mapped) are refused like the address."""

from __future__ import annotations

import pytest

from functions.services.events import connections
from tests.support import api
from tests.support.tokens import Tokens

MALFORMED = [
    "https://[::1/x",
    "https://[zzz]/",
    "https://a]b/",
    "https://a..b/",
    f"https://{'a' * 64}.example.com/",
    "https://crm.example.com:0/",
    "https://crm.example.com:99999/",
]
EMBEDDING_METADATA = [
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b:1::a9fe:a9fe",
    "2002:a9fe:a9fe::1",  # 6to4
    "::a9fe:a9fe",  # IPv4-compatible
    "::ffff:0:a9fe:a9fe",  # IPv4-translated
    "::ffff:a9fe:a9fe",  # IPv4-mapped
]


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_url_is_a_422_naming_the_field(
    store_env: str, tokens: Tokens, url: str
) -> None:
    res = api.create_webhook({"url": url}, token=tokens.supervisor())
    assert res.status == 422, res.body
    assert res.headers["content-type"] == api.PROBLEM
    assert [e["field"] for e in res.json["errors"]] == ["body.url"]


@pytest.mark.parametrize("address", EMBEDDING_METADATA)
def test_ipv6_that_carries_a_private_ipv4_is_refused(
    store_env: str, tokens: Tokens, address: str
) -> None:
    res = api.create_webhook({"url": f"https://[{address}]/hook"}, token=tokens.supervisor())
    assert res.status == 422, res.body
    assert res.json["type"].endswith("webhook-target-refused")


def test_a_deeply_nested_socket_frame_is_ignored() -> None:
    assert connections.reply("[" * 100_000) is None
    assert connections.reply('{"action": "ping"}') == '{"type": "pong"}'
