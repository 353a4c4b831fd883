"""The audit of reads: every read of a call's transcript or a transfer's briefing by an
agent or a supervisor is recorded ({who, role, what, when, request_id}), listed to
supervisors (GET /calls/{id}/audit) and sent as `call.read` to webhooks that subscribe to
it (the stream). Reads by services are counted (a metric), not itemised: a voice pipeline
reads the transfer it waits on every second; an item per read would be a write per poll,
and a machine's reads are the operator's own, not a person looking at a caller's data."""

from __future__ import annotations

from typing import Literal

from functions.domain.actor import Actor
from functions.domain.errors import InvalidCursor
from functions.domain.models import Role
from functions.domain.models.privacy import AuditPage, AuditRecord
from functions.services import cursors
from functions.shared import clock, cursor, metrics
from functions.shared.logs import current_correlation_id
from functions.shared.settings import get_settings
from functions.store.privacy.audit import get_audit_repo

What = Literal["transcript", "briefing"]
PAGE = 100


async def read(actor: Actor, call_id: str, what: What, transfer_id: str | None = None) -> None:
    """Record that `actor` read it (a person), or count it (a service)."""
    if actor.role not in (Role.agent, Role.supervisor):
        metrics.count(metrics.SERVICE_READS, what=what)
        return
    moment = clock.now()
    record = AuditRecord(
        call_id=call_id,
        who=actor.sub,
        role=actor.role.value,  # type: ignore[arg-type]
        what=what,
        transfer_id=transfer_id,
        when=clock.iso(moment),
        request_id=current_correlation_id(),
    )
    keep = clock.epoch_after(moment, get_settings().audit_retention_days)
    await (await get_audit_repo()).record(record.model_dump(exclude_none=True), keep)


async def page(call_id: str, limit: int | None, cursor_token: str | None) -> AuditPage:
    """A call's reads, newest first (supervisors)."""
    secret = cursors.secret()
    scope = f"audit={call_id}"
    start = cursors.read(cursor_token, scope, secret)
    if start is not None and not isinstance(start, dict):
        raise InvalidCursor("cursor is malformed")
    found, after = await (await get_audit_repo()).page(call_id, limit or PAGE, start)
    items = [AuditRecord.model_validate(i) for i in found]
    return AuditPage(
        items=items, next_cursor=cursor.encode(after, scope, secret) if after else None
    )
