"""Webhooks for platforms (Standard Webhooks): subscriptions, queueing, delivery attempts.

A subscriber gets each transfer event as a signed JSON POST. Deliveries go through a
queue: one message per (event, subscription), retried with exponential backoff, then
kept in a dead-letter queue with the attempts made.
"""

from __future__ import annotations

import base64
import ipaddress
import logging
import secrets
import uuid
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, StringConstraints, field_validator

from functions.domain.actor import Actor
from functions.domain.errors import DomainError, NotFound
from functions.domain.models import Input, ShortText, Timestamp
from functions.domain.models.transfer import EVENT_TYPES, OPT_IN_EVENT_TYPES
from functions.messaging import queue
from functions.services.events import batch_reads
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.webhooks import WebhookRepository
from functions.webhooks import sender

log = logging.getLogger("warm_transfer.webhooks")

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]


class TargetRefused(DomainError):
    status, slug, title = 422, "webhook-target-refused", "Webhook target not allowed"


class CreateWebhookRequest(Input):
    url: Annotated[str, StringConstraints(min_length=8, max_length=2048)] = Field(
        description="Where to POST events: https, to a public address",
        examples=["https://crm.example.com/hooks/transfers"],
    )

    @field_validator("url")
    @classmethod
    def _well_formed(cls, url: str) -> str:
        """A URL a request can be sent to: it parses, has a host of valid labels (or an IP
        address in brackets), and a port in 1-65535 (a 422 naming `url`, never a 500)."""
        try:
            parts = urlsplit(url)
            port = parts.port
            host = parts.hostname
        except ValueError as exc:
            raise ValueError(f"not a valid URL: {exc}") from exc
        if not host:
            raise ValueError("the URL has no host")
        if (port is not None and not 1 <= port <= 65_535) or port == 0:
            raise ValueError("the port must be 1-65535")
        if ":" not in host:  # a name (or an IPv4 address): labels of 1-63 characters
            labels = host.rstrip(".").split(".")
            if any(not 1 <= len(label) <= 63 for label in labels) or len(host) > 253:
                raise ValueError("the host name is not valid")
        return url

    events: list[EventType] | None = Field(
        default=None,
        min_length=1,
        max_length=len(EVENT_TYPES),
        description="Event types to receive; omitted: all of them but call.read (one per "
        "read of a transcript or briefing: name it to receive it)",
    )
    description: ShortText | None = Field(None, description="A note for people")


class Webhook(BaseModel):
    webhook_id: str = Field(description="The subscription's id")
    url: str = Field(description="Where events are posted")
    events: list[str] = Field(
        description="The event types it receives", examples=[["transfer.accepted"]]
    )
    description: str | None = Field(None, description="A note for people")
    created_at: Timestamp = Field(description="When it was made")
    created_by: str = Field(description="The supervisor who made it")


class CreatedWebhook(Webhook):
    """The new subscription with its signing secret: shown in this answer only."""

    secret: str | None = Field(
        description="The Standard Webhooks signing secret; null in an Idempotency-Key replay "
        "(the secret is never stored there)"
    )


class WebhookList(BaseModel):
    items: list[Webhook] = Field(description="The subscriptions, newest first")


async def _webhooks() -> WebhookRepository:
    return await WebhookRepository.over_shared_client()


# ---- SSRF guard ---------------------------------------------------------------------------


# IPv6 ranges that carry an IPv4 address in their last 32 bits: NAT64's well-known and
# local-use prefixes (RFC 6052, 8215), IPv4-compatible (::a.b.c.d) and IPv4-translated
# (::ffff:0:a.b.c.d) addresses. 6to4 (2002::/16) and IPv4-mapped have their own accessors.
_EMBEDDING_V4 = tuple(
    ipaddress.ip_network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96", "::ffff:0:0:0/96")
)


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, compatible,
    translated), which is where a packet to it ends up."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if any(ip in net for net in _EMBEDDING_V4):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_allowed(address: str) -> bool:
    """Public unicast only: no loopback, private, link-local (cloud metadata), CGNAT,
    multicast or reserved addresses, nor IPv6 forms that carry one (mapped, 6to4, NAT64,
    IPv4-compatible or -translated): the embedded IPv4 address is judged."""
    if get_settings().webhook_allow_private_targets:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_v4(ip)
        if embedded is not None:
            return embedded.is_global and not embedded.is_multicast
    return ip.is_global and not ip.is_multicast


async def check_target(url: str) -> None:
    """Refuse a URL webhooks may not reach (TargetRefused, a 422)."""
    allow_private = get_settings().webhook_allow_private_targets
    parts = urlsplit(url)
    if parts.scheme != "https" and not (allow_private and parts.scheme == "http"):
        raise TargetRefused("webhook URLs must use https")
    if not parts.hostname or parts.username or parts.password:
        raise TargetRefused("webhook URLs need a host and no credentials")
    try:
        addresses = await sender.resolve(parts.hostname)
    except OSError as exc:
        raise TargetRefused("the webhook host does not resolve") from exc
    if not addresses or not all(address_allowed(a) for a in addresses):
        raise TargetRefused("webhook URLs must reach public addresses")


# ---- subscriptions ------------------------------------------------------------------------


def _new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


async def create(request: CreateWebhookRequest, actor: Actor) -> CreatedWebhook:
    await check_target(request.url)
    created = CreatedWebhook(
        webhook_id=f"wh_{uuid.uuid4().hex}",
        url=request.url,
        events=list(request.events or [e for e in EVENT_TYPES if e not in OPT_IN_EVENT_TYPES]),
        description=request.description,
        created_at=clock.iso(clock.now()),
        created_by=actor.sub,
        secret=_new_secret(),
    )
    await (await _webhooks()).add(created.model_dump())
    return created


async def list_all() -> WebhookList:
    found = await (await _webhooks()).all()
    return WebhookList(items=[Webhook.model_validate(w) for w in found])


async def delete(webhook_id: str) -> None:
    if not await (await _webhooks()).remove(webhook_id):
        raise NotFound("webhook not found")


# ---- deliveries ---------------------------------------------------------------------------


async def enqueue(event_id: str, event_type: str, payload: dict[str, Any]) -> int:
    """Queue one delivery per subscription that wants this event type; how many. The
    subscriptions are read once per stream batch (batch_reads)."""
    queue_url = get_settings().webhook_queue_url
    if queue_url is None:
        return 0
    repo = await _webhooks()
    subscriptions = await batch_reads.once(("webhooks",), repo.all)
    wanted = [w for w in subscriptions if event_type in w["events"]]
    await queue.send_all(
        queue_url,
        [{"webhook_id": w["webhook_id"], "event_id": event_id, "event": payload} for w in wanted],
        [delivery_group(w["webhook_id"], payload) for w in wanted],
    )
    return len(wanted)


def delivery_group(webhook_id: str, payload: dict[str, Any]) -> str:
    """Deliveries in one group reach the subscriber in order, each after the one before
    succeeded or was dead-lettered (SQS FIFO): one group per (subscription, transfer), per
    (subscription, call) for a call's own events, per (subscription, agent) for a status."""
    data = payload.get("data") or {}
    subject = data.get("transfer_id") or (
        f"call.{data['call_id']}" if data.get("call_id") else f"agent.{data.get('agent')}"
    )
    return f"{webhook_id}:{subject}"[:128]


def retry_delay(attempt: int) -> int:
    """Seconds before attempt `attempt + 1`: base * 2^(attempt-1), within SQS's 12 h."""
    return min(get_settings().webhook_retry_base_seconds * 2 ** (attempt - 1), 43_200)


async def attempt(message: dict[str, Any], attempt_no: int, receipt_handle: str) -> bool:
    """One delivery attempt of a queued message. True: done with it (delivered, dropped,
    or dead-lettered); False: it stays queued and comes back after the backoff delay."""
    settings = get_settings()
    webhook = await (await _webhooks()).get(message["webhook_id"])
    if webhook is None:
        return True  # unsubscribed since: nothing to deliver
    outcome = await sender.deliver(
        webhook["url"],
        webhook["secret"],
        message["event_id"],
        message["event"],
        limit_seconds=settings.webhook_timeout_seconds,
        allowed=address_allowed,
    )
    if outcome.ok:
        return True
    log.warning("webhook delivery failed", extra={"error": outcome.error, "count": attempt_no})
    if attempt_no >= settings.webhook_max_attempts or settings.webhook_queue_url is None:
        if settings.webhook_dlq_url is None:
            return True
        await queue.send(
            settings.webhook_dlq_url,
            {
                **message,
                "attempts": attempt_no,
                "last_error": outcome.error,
                "dead_lettered_at": clock.iso(clock.now()),
            },
            delivery_group(message["webhook_id"], message["event"]),
        )
        return True
    await queue.delay(settings.webhook_queue_url, receipt_handle, retry_delay(attempt_no))
    return False
