"""The agent's only use of the warm-transfer API, through the generated client
(clients/python): open the call, record turns, transfer to a queue, read the transfer,
record a callback. Swapping an API shape is a change here only."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, TypeVar

from warm_transfer_client import AuthenticatedClient
from warm_transfer_client.api.calls import append_turns, create_call, get_call, request_callback
from warm_transfer_client.api.transfers import get_transfer, initiate_transfer
from warm_transfer_client.models import (
    AppendTurnsRequest,
    Call,
    Callback,
    CallbackRequest,
    Caller,
    CallPage,
    CreateCallRequest,
    InitiatedTransfer,
    InitiateTransferRequest,
    Transfer,
    TurnIn,
)
from warm_transfer_client.models.speaker import Speaker
from warm_transfer_client.types import UNSET, Response

log = logging.getLogger("voice_agent.backend")
T = TypeVar("T")


class ApiError(Exception):
    """The API refused or failed a request: its status and problem detail."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status


@dataclass(frozen=True)
class Waiting:
    """What the caller is told of a transfer."""

    transfer_id: str
    call_id: str
    status: str
    queue: str | None
    position: int | None
    estimated_wait_seconds: int | None
    outcome: str | None
    spoken_briefing: str


def _value(res: Response[T | object], kind: type[T]) -> T:
    if isinstance(res.parsed, kind):
        return res.parsed
    raise ApiError(int(res.status_code), res.content.decode(errors="replace")[:300])


def _opt(value: object) -> Any:
    return None if value is UNSET else value


def _waiting(t: Transfer | InitiatedTransfer) -> Waiting:
    status = t.status.value if hasattr(t.status, "value") else str(t.status)
    outcome = _opt(getattr(t, "outcome", UNSET))
    return Waiting(
        transfer_id=t.transfer_id,
        call_id=t.call_id,
        status=status,
        queue=_opt(t.queue),
        position=_opt(t.position),
        estimated_wait_seconds=_opt(t.estimated_wait_seconds),
        outcome=getattr(outcome, "value", outcome),
        spoken_briefing=str(_opt(t.briefing.spoken) or t.briefing.headline),
    )


class Backend:
    def __init__(self, api_url: str, token: str, *, retries: int = 3) -> None:
        self._client = AuthenticatedClient(base_url=api_url, token=token)
        self._retries = retries

    async def open_call(self, call_id: str, caller_phone: str | None) -> str:
        caller = Caller(phone=caller_phone) if caller_phone else UNSET
        body = CreateCallRequest(call_id=call_id, caller=caller)
        res = await create_call.asyncio_detailed(client=self._client, body=body)
        if res.status_code == 409:  # the job restarted: the call is open already
            return call_id
        return _value(res, Call).call_id

    async def record_turns(self, call_id: str, turns: list[tuple[str, str, str]]) -> None:
        """(turn_id, speaker, text) turns, appended once each (turn ids make a retry safe);
        retried with backoff, never raised: a lost write must not stop the conversation."""
        body = AppendTurnsRequest(
            turns=[TurnIn(speaker=Speaker(s), text=t, turn_id=i) for i, s, t in turns]
        )
        for attempt in range(self._retries + 1):
            try:
                res = await append_turns.asyncio_detailed(call_id, client=self._client, body=body)
                if res.status_code < 500 and res.status_code != 429:
                    if res.status_code >= 400:
                        log.warning("turns refused", extra={"status": res.status_code})
                    return
            except Exception:  # the API unreachable: try again
                log.warning("turns not written", exc_info=True)
            await asyncio.sleep(0.2 * 2**attempt)
        log.error("turns dropped after retries", extra={"count": len(turns)})

    async def transfer_to_queue(self, call_id: str, queue: str, reason: str) -> Waiting:
        body = InitiateTransferRequest(call_id=call_id, to_queue=queue, reason=reason)
        res = await initiate_transfer.asyncio_detailed(client=self._client, body=body)
        return _waiting(_value(res, InitiatedTransfer))

    async def transfer(self, transfer_id: str) -> Waiting:
        res = await get_transfer.asyncio_detailed(transfer_id, client=self._client)
        return _waiting(_value(res, Transfer))

    async def request_callback(self, call_id: str, phone: str, when: str | None) -> None:
        body = CallbackRequest(phone=phone, preferred_time=when if when else UNSET)
        res = await request_callback.asyncio_detailed(call_id, client=self._client, body=body)
        _value(res, Callback)

    async def transcript(self, call_id: str) -> list[tuple[str, str]]:
        """(speaker, text) of the call's turns so far (its first page)."""
        res = await get_call.asyncio_detailed(call_id, client=self._client)
        turns = _opt(_value(res, CallPage).turns) or []
        return [(str(getattr(t.speaker, "value", t.speaker)), t.text) for t in turns]

    async def aclose(self) -> None:
        await self._client.get_async_httpx_client().aclose()
