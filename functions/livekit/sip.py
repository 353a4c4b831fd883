"""LiveKit SIP: transfer a caller's phone call out to another number (SIP REFER), with the
transfer's id and a short briefing in SIP headers for the far end."""

from __future__ import annotations

from dataclasses import dataclass

from functions.domain.errors import LiveKitFailed
from functions.livekit.rooms import _call, _sdk
from functions.shared.settings import get_settings

# SIP headers travel in one INVITE/REFER: a far end (a PBX, a CRM's softphone) keeps them
# short and ASCII.
SUMMARY_MAX_BYTES = 1024


@dataclass(frozen=True)
class TransferredOut:
    ok: bool
    reason: str  # LiveKit's SIPTransferReason name, e.g. STR_COMPLETED, STR_REJECTED


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
    request.ringing_timeout.seconds = ring

    async def send(lk: object) -> object:
        return await lk.sip.transfer_sip_participant(request, timeout=ring + 2)  # type: ignore[attr-defined]

    try:
        answer = await _call("TransferSIPParticipant", send, bound=ring + 3)
    except LiveKitFailed as exc:
        return TransferredOut(False, str(exc.extra.get("livekit_code") or exc.detail))
    status = api.SIPTransferStatus.Name(answer.status) if answer is not None else ""
    reason = api.SIPTransferReason.Name(answer.reason) if answer is not None else ""
    return TransferredOut(status != "STS_TRANSFER_FAILED", reason or status)
