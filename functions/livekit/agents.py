"""An AI voice agent in a room, the serverless way: LiveKit's Agent Dispatch API.

This service runs no agent itself. Starting one asks LiveKit (AgentDispatchService) to
dispatch the named agent (`LIVEKIT_AGENT_NAME`, a separate worker registered with
LiveKit) into the room; stopping deletes the room's dispatches of it; speaking sends the
agent a reliable data message on `SAY_TOPIC` (RoomService SendData), which the worker
reads and speaks. Failures leave as domain errors, as in functions/livekit/rooms.py.
"""

from __future__ import annotations

import json

from functions.livekit.rooms import _call, _sdk, transfer_id_of
from functions.shared.settings import get_settings

# The data message an agent worker listens for: topic, and a JSON body
# {"type": "say", "text": "..."} (README "An AI agent in a room").
SAY_TOPIC = "warm-transfer.agent.say"


async def start(room: str, identity: str | None) -> str:
    """Dispatch the agent into `room`; its dispatch id. `identity`, when given, travels in
    the dispatch metadata for the worker to join under; in a transfer's consult room the
    transfer's id does too (`consult_transfer_id`: the worker briefs the receiving party)."""
    api = _sdk()
    fields = {"identity": identity, "consult_transfer_id": transfer_id_of(room)}
    present = {k: v for k, v in fields.items() if v}
    metadata = json.dumps(present) if present else ""
    request = api.CreateAgentDispatchRequest(
        agent_name=get_settings().livekit_agent_name, room=room, metadata=metadata
    )
    made = await _call("CreateDispatch", lambda lk: lk.agent_dispatch.create_dispatch(request))
    assert made is not None
    return str(made.id)


async def dispatches(room: str) -> list[str]:
    """Ids of this service's agent dispatches in `room` (none when the room does not exist)."""
    name = get_settings().livekit_agent_name
    found = await _call(
        "ListDispatch", lambda lk: lk.agent_dispatch.list_dispatch(room), missing_ok=True
    )
    return [d.id for d in found or [] if d.agent_name == name]


async def stop(room: str) -> int:
    """Delete the agent's dispatches in `room`; how many there were."""
    ids = await dispatches(room)
    for dispatch_id in ids:
        await _call(
            "DeleteDispatch",
            lambda lk, d=dispatch_id: lk.agent_dispatch.delete_dispatch(d, room),  # type: ignore[misc]
            missing_ok=True,
        )
    return len(ids)


async def say(room: str, text: str) -> None:
    """Ask the agent in `room` to speak `text` (a reliable data message on SAY_TOPIC)."""
    api = _sdk()
    request = api.SendDataRequest(
        room=room,
        data=json.dumps({"type": "say", "text": text}).encode(),
        kind=api.DataPacket.Kind.RELIABLE,
        topic=SAY_TOPIC,
    )
    await _call("SendData", lambda lk: lk.room.send_data(request))
