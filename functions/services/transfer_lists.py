"""Lists of transfers: a page of an inbox, a status or everyone's, newest first, behind
a signed cursor; and the older API's single page of a caller's room."""

from __future__ import annotations

from functions.domain.actor import Actor
from functions.domain.errors import Forbidden, ServiceUnavailable
from functions.domain.models import Role, TransferStatus
from functions.domain.models.transfer import Transfer, TransferPage
from functions.services import cursors
from functions.shared import cursor
from functions.shared.settings import get_settings
from functions.store.transfers import get_transfers_repo


async def list_transfers(
    actor: Actor,
    *,
    status: TransferStatus | None,
    agent: str | None,
    limit: int | None,
    cursor_token: str | None,
    caller_room: str | None = None,
) -> TransferPage:
    """Newest first, of the caller's room when given. An agent lists only its own inbox
    (transfers sent to it)."""
    agent = _list_scope(actor, agent)
    settings = get_settings()
    if settings.cursor_secret is None:
        raise ServiceUnavailable("listing is not configured (CURSOR_SECRET)")
    secret = settings.cursor_secret.get_secret_value().encode()
    scope = f"agent={agent}|status={status.value if status else ''}"
    if caller_room is not None:
        scope += f"|caller_room={caller_room}"
    start = cursors.read(cursor_token, scope, secret)
    items, resume = await (await get_transfers_repo()).list_page(
        agent=agent,
        status=status.value if status else None,
        limit=limit or settings.list_default_limit,
        start=start,
        caller_room=caller_room,
    )
    return TransferPage(
        items=[Transfer(**i.attributes) for i in items],
        next_cursor=cursor.encode(resume, scope, secret) if resume else None,
    )


def _list_scope(actor: Actor, agent: str | None) -> str | None:
    """The agent whose inbox a list reads: an agent's own, whatever it asked for."""
    if actor.role is Role.agent:
        if agent not in (None, actor.sub):
            raise Forbidden("agents may list only their own transfers")
        return actor.sub
    return agent


async def newest(actor: Actor, *, caller_room: str | None, limit: int) -> list[Transfer]:
    """The newest `limit` transfers (of a caller's room), one page and no cursor: the older
    API's list, which had no paging (an agent: its own inbox)."""
    items, _ = await (await get_transfers_repo()).list_page(
        agent=_list_scope(actor, None),
        status=None,
        limit=limit,
        start=None,
        caller_room=caller_room,
    )
    return [Transfer(**i.attributes) for i in items]
