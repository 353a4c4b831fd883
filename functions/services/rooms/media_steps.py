"""The LiveKit side of a transfer: consult room at initiation, hand-off at completion,
clean-up at cancellation.

Media never decides a transfer's state. The status change is written first; the LiveKit
step follows, and its outcome is recorded on the transfer as `media_status`. A step that
failed (or never got recorded, if the function died in between) is retried by repeating
the same move: POST .../complete on a completed transfer, or .../cancel on a cancelled
one, redoes only the media step. Every step is idempotent (a room or participant already
gone counts as done), so a retry is always safe.

An expired transfer's consult room is not deleted here: it closes itself after the
consult room's empty timeout.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from functions.domain.errors import LiveKitFailed, LiveKitNotConfigured
from functions.domain.lifecycle import MOVES, Action
from functions.domain.models.room import JoinToken, MediaStatus
from functions.domain.models.transfer import Transfer
from functions.domain.routing import answered_by_phone
from functions.livekit import rooms as media
from functions.shared import clock
from functions.shared.settings import get_settings
from functions.store.transfers import TransferRecord, get_transfers_repo

STEP = {Action.complete: "handoff", Action.cancel: "close", Action.abandon: "close"}


def _status(
    step: str, error: str | None, previous: Any, *, not_in_room: bool = False
) -> dict[str, Any]:
    attempts = 1
    if isinstance(previous, dict) and previous.get("step") == step:
        attempts = int(previous.get("attempts", 1)) + 1
    return MediaStatus(
        state="failed" if error else "not_in_room" if not_in_room else "ok",
        step=step,
        error=error,
        at=clock.iso(clock.now()),
        attempts=attempts,
    ).model_dump(mode="json")


async def open_consult(transfer_id: str, caller_room: str | None) -> dict[str, Any]:
    """Transfer fields for a new transfer: its rooms and media_status ({} without LiveKit).

    A failed CreateRoom is recorded, not raised: the transfer still starts, and the agents'
    tokens still work, since LiveKit creates a room when the first participant joins.
    """
    if not media.is_configured():
        return {}
    room = media.consult_room_name(transfer_id)
    error = None
    try:
        await media.create_room(room)
    except (LiveKitFailed, LiveKitNotConfigured) as exc:
        error = exc.detail
    return {
        "consult_room": room,
        "caller_room": caller_room,
        "media_status": _status("open", error, None),
    }


def join_tokens(transfer: Transfer) -> list[JoinToken]:
    """Consult-room tokens for both agents of a new transfer (returned, never stored)."""
    if transfer.consult_room is None or not media.is_configured():
        return []
    agents = dict.fromkeys(
        a
        for a in (
            transfer.from_identity or transfer.from_agent,
            transfer.to_identity or transfer.to_agent,
        )
        if a
    )
    return [media.mint_token(transfer.consult_room, agent) for agent in agents]


def pending(item: TransferRecord, action: Action) -> bool:
    """True when `item` already made `action` but its media step is not recorded as done."""
    step = STEP.get(action)
    if step is None or not item.consult_room or item.status != MOVES[action][1]:
        return False
    done = item.media_status or {}
    return not (done.get("step") == step and done.get("state") == "ok")


async def settle(item: TransferRecord, action: Action, *, first: bool = True) -> TransferRecord:
    """Run the media step of `action` on a transfer that has made it; record the outcome.

    `first`: this request made the move. The first hand-off that finds the first agent
    already out of the caller's room records `not_in_room`; a retry (of a failed step, or
    of one whose outcome was never recorded) may have removed them itself, so there it
    counts as done, unless the previous attempt already found them absent.
    """
    if not pending(item, action):
        return item
    step = STEP[action]
    error = None
    absent = False
    try:
        if action is Action.complete:
            removed = await _hand_off(item)
            previous = item.media_status or {}
            was_absent = previous.get("step") == step and previous.get("state") == "not_in_room"
            absent = not removed and (first or was_absent)
        else:
            await media.delete_room(str(item.consult_room))
    except (LiveKitFailed, LiveKitNotConfigured) as exc:
        error = exc.detail
    status = _status(step, error, item.media_status, not_in_room=absent)
    return await (await get_transfers_repo()).set_media(item.transfer_id, status)


def identities(item: TransferRecord) -> tuple[str | None, str | None]:
    """The (first, receiving) agents' LiveKit identities: recorded, else their ids."""
    return item.from_identity or item.from_agent, item.to_identity or item.to_agent


async def _hand_off(item: TransferRecord) -> bool:
    """Close the consult room and take the first agent out of the caller's room; whether
    the first agent was there to take out (True when there is nobody to take out)."""
    consult, caller = str(item.consult_room), item.caller_room
    first, receiving = identities(item)
    # A phone cannot join with a token: it is always moved.
    moved = get_settings().livekit_handoff == "move" or answered_by_phone(item.to_identity)
    if caller and receiving and moved:
        # The receiving agent must be with the caller before the first agent leaves.
        await media.move_participant(consult, receiving, caller)
    steps: list[Awaitable[bool]] = [media.delete_room(consult)]
    if caller and first:
        steps.append(media.remove_participant(caller, first))
    results = await asyncio.gather(*steps, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return len(results) < 2 or bool(results[1])
