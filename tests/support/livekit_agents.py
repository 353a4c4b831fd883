"""The LiveKit stub's AgentDispatchService and SendData (tests/support/livekit_stub.py).

The stub stands in for the agent worker too: a dispatched agent joins the room (as the
identity in its dispatch metadata, else `agent-<dispatch id>`) and leaves when its
dispatch is deleted; data messages are kept as participants would receive them.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from google.protobuf.message import Message
from livekit.protocol import agent_dispatch, models, room

DISPATCH_PREFIX = "/twirp/livekit.AgentDispatchService/"
# AgentDispatchService (same shape; its paths have DISPATCH_PREFIX).
DISPATCH_METHODS: dict[str, tuple[type[Message], str, bool]] = {
    "CreateDispatch": (agent_dispatch.CreateAgentDispatchRequest, "roomAdmin", True),
    "DeleteDispatch": (agent_dispatch.DeleteAgentDispatchRequest, "roomAdmin", True),
    "ListDispatch": (agent_dispatch.ListAgentDispatchRequest, "roomAdmin", True),
}


class TwirpError(Exception):
    def __init__(
        self, status: int, code: str, msg: str, meta: dict[str, str] | None = None
    ) -> None:
        super().__init__(msg)
        self.status, self.code, self.msg, self.meta = status, code, msg, meta or {}


@dataclass(frozen=True)
class DataMessage:
    """A SendData request as participants would receive it."""

    room: str
    topic: str
    data: bytes
    reliable: bool


class AgentWorker:
    """Agent dispatch and data messages, mixed into LiveKitStub (which owns the rooms)."""

    rooms: dict[str, Any]
    data_messages: list[DataMessage]
    _lock: threading.Lock
    _room: Callable[..., Any]  # LiveKitStub._room: a room by name (create=True: made if new)

    def dispatches(self, room_name: str) -> list[agent_dispatch.AgentDispatch]:
        with self._lock:
            found = self.rooms.get(room_name)
            return list(found.dispatches.values()) if found else []

    def _agents(self, method: str, request: Any) -> Message:
        """Agent dispatch and data messages. The stub stands in for the agent worker too: a
        dispatched agent joins the room (as the identity in its metadata, else
        `agent-<dispatch id>`) and leaves when its dispatch is deleted."""
        if method == "SendData":
            self._room(request.room)
            reliable = request.kind == models.DataPacket.Kind.RELIABLE
            self.data_messages.append(
                DataMessage(request.room, request.topic, request.data, reliable)
            )
            return room.SendDataResponse()
        if method == "CreateDispatch":
            target = self._room(request.room, create=True)
            dispatch = agent_dispatch.AgentDispatch(
                id=f"AD_{sum(len(r.dispatches) for r in self.rooms.values()) + 1}",
                agent_name=request.agent_name,
                room=request.room,
                metadata=request.metadata,
            )
            target.dispatches[dispatch.id] = dispatch
            identity = (json.loads(request.metadata or "{}") or {}).get("identity")
            identity = identity or f"agent-{dispatch.id}"
            target.participants[identity] = models.ParticipantInfo(
                sid=f"PA_{dispatch.id}",
                identity=identity,
                metadata=dispatch.id,
                state=models.ParticipantInfo.ACTIVE,
                kind=models.ParticipantInfo.Kind.AGENT,
            )
            target.info.num_participants = len(target.participants)
            return dispatch
        target = self._room(request.room)
        if method == "ListDispatch":
            found = [
                d
                for d in target.dispatches.values()
                if not request.dispatch_id or d.id == request.dispatch_id
            ]
            return agent_dispatch.ListAgentDispatchResponse(agent_dispatches=found)
        if request.dispatch_id not in target.dispatches:
            raise TwirpError(404, "not_found", "dispatch does not exist")
        gone = target.dispatches.pop(request.dispatch_id)
        for identity, person in list(target.participants.items()):
            if person.metadata == gone.id:
                del target.participants[identity]
        target.info.num_participants = len(target.participants)
        return gone
