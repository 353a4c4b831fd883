"""LiveKit SIP: dial a phone into a room (CreateSIPParticipant), and transfer a caller's
phone call out to another number (SIP REFER), with the transfer's id and a short briefing
in SIP headers for the far end."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from functions.domain.errors import LiveKitFailed, LiveKitTimeout, SipNotConfigured
from functions.livekit.rooms import _call, _sdk, remove_participant
from functions.shared.settings import get_settings

# SIP headers travel in one INVITE/REFER: a far end (a PBX, a CRM's softphone) keeps them
# short and ASCII.
SUMMARY_MAX_BYTES = 1024


@dataclass(frozen=True)
class TransferredOut:
    ok: bool
    reason: str  # LiveKit's SIPTransferReason name, e.g. STR_COMPLETED, STR_REJECTED


@dataclass(frozen=True)
class Dialled:
    """How a dial ended: answered, or not with the SIP final response (None: no response,
    e.g. it rang past our bound) and whether it rang out."""

    answered: bool
    sip_status: int | None = None
    timed_out: bool = False
    detail: str = ""


async def _ringing(what: str, request: Any, ring: int) -> Any:
    """A SIP request that rings a phone for at most `ring` seconds: the SDK's own timeout
    just above it, and ours above that (livekit-api waits for the SIP answer)."""
    request.ringing_timeout.seconds = ring
    method = {
        "CreateSIPParticipant": "create_sip_participant",
        "TransferSIPParticipant": "transfer_sip_participant",
    }[what]

    async def send(lk: Any) -> Any:
        return await getattr(lk.sip, method)(request, timeout=ring + 2)

    return await _call(what, send, bound=ring + 3)


def outbound_trunk() -> str:
    trunk = get_settings().livekit_sip_outbound_trunk_id
    if not trunk:
        raise SipNotConfigured("dialling a phone needs LIVEKIT_SIP_OUTBOUND_TRUNK_ID")
    return trunk


async def dial(
    room: str,
    identity: str,
    phone: str,
    *,
    ring_seconds: int,
    dtmf: str | None,
    headers: dict[str, str],
) -> Dialled:
    """Dial `phone` into `room` as `identity` and wait until it answers or fails (LiveKit's
    wait_until_answered), bounded by the ringing timeout plus a margin so the caller of this
    (a timer function) never waits past its own time. A dial still ringing at the bound is
    hung up (the participant removed) and counts as not answered."""
    api = _sdk()
    settings = get_settings()
    request = api.CreateSIPParticipantRequest(
        sip_trunk_id=outbound_trunk(),
        sip_call_to=phone,
        sip_number=settings.sip_caller_id or "",
        room_name=room,
        participant_identity=identity,
        participant_name=phone,
        dtmf=dtmf or "",
        headers=headers,
        wait_until_answered=True,
    )
    try:
        await _ringing("CreateSIPParticipant", request, ring_seconds)
    except LiveKitTimeout:
        with suppress(LiveKitFailed):
            await remove_participant(room, identity)  # still ringing: hang it up
        return Dialled(False, timed_out=True, detail="rang past the ringing timeout")
    except LiveKitFailed as exc:
        raw = exc.extra.get("sip_status")
        code = exc.extra.get("livekit_code")
        return Dialled(
            False,
            sip_status=int(str(raw)) if raw and str(raw).isdigit() else None,
            timed_out=code == "deadline_exceeded",
            detail=exc.detail,
        )
    return Dialled(True)


def ascii_summary(text: str) -> str:
    """The briefing as a SIP header value: ASCII, one line, at most SUMMARY_MAX_BYTES."""
    flat = " ".join(text.split()).encode("ascii", errors="replace").decode()
    return flat[:SUMMARY_MAX_BYTES]


async def transfer_out(
    room: str, identity: str, phone: str, headers: dict[str, str]
) -> TransferredOut:
    """Transfer the SIP participant `identity` of `room` to `phone` (cold: LiveKit's
    TransferSIPParticipant, SIP REFER). Bounded by the ringing timeout plus a margin, so a
    Lambda never waits past its own time."""
    api = _sdk()
    ring = get_settings().sip_ringing_timeout_seconds
    request = api.TransferSIPParticipantRequest(
        participant_identity=identity,
        room_name=room,
        transfer_to=f"tel:{phone}",
        play_dialtone=True,
        headers=headers,
    )
    try:
        answer = await _ringing("TransferSIPParticipant", request, ring)
    except LiveKitFailed as exc:
        return TransferredOut(False, str(exc.extra.get("livekit_code") or exc.detail))
    status = api.SIPTransferStatus.Name(answer.status) if answer is not None else ""
    reason = api.SIPTransferReason.Name(answer.reason) if answer is not None else ""
    return TransferredOut(status != "STS_TRANSFER_FAILED", reason or status)
