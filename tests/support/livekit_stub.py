"""A local HTTP stub of LiveKit's Twirp RoomService and AgentDispatchService, for the real
`livekit.api.LiveKitAPI`.

livekit-api 1.2.2 POSTs binary protobuf (`Content-Type: application/protobuf`) to
`/twirp/livekit.RoomService/<Method>` with `Authorization: Bearer <JWT>` signed by the
API secret, and reads errors as Twirp JSON (`{"code", "msg"}`). The stub speaks that
(and protobuf-JSON when a client sends `application/json`), checks the bearer token and
its grants the way a LiveKit server does, keeps rooms and participants in memory, and
records every request. Failures are programmable per method: an HTTP status with a Twirp
error, or a hang longer than the client's timeout.

Runs in a thread on 127.0.0.1, port 0; `with LiveKitStub(...) as stub:` starts and stops it.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from google.protobuf import json_format
from google.protobuf.message import DecodeError, Message
from livekit.protocol import agent_dispatch, models, room, sip

from functions.livekit import rooms as media
from functions.shared.settings import get_settings
from tests.support.livekit_agents import (
    DISPATCH_METHODS,
    DISPATCH_PREFIX,
    AgentWorker,
    DataMessage,
    TwirpError,
)

API_KEY = "stub-api-key"
API_SECRET = "stub-api-secret-that-is-long-enough-for-hs256"
PREFIX = "/twirp/livekit.RoomService/"
REQUEST_TIMEOUT = 2.0  # seconds: what a programmed hang outlasts, and a loaded machine does not
# (0.5 s: a CreateRoom under 4 xdist workers on 2 cores timed out, 1 fresh-clone run in 3)

# method -> (request type, the grant the real server requires, whether it is room-scoped)
METHODS: dict[str, tuple[type[Message], str, bool]] = {
    "CreateRoom": (room.CreateRoomRequest, "roomCreate", False),
    "ListRooms": (room.ListRoomsRequest, "roomList", False),
    "DeleteRoom": (room.DeleteRoomRequest, "roomCreate", False),
    "ListParticipants": (room.ListParticipantsRequest, "roomAdmin", True),
    "RemoveParticipant": (room.RoomParticipantIdentity, "roomAdmin", True),
    "MoveParticipant": (room.MoveParticipantRequest, "roomAdmin", True),
    "SendData": (room.SendDataRequest, "roomAdmin", True),
}
METHODS |= DISPATCH_METHODS
# The SIP service (its own prefix): a cold transfer out of a caller's phone call.
SIP_PREFIX = "/twirp/livekit.SIP/"
SIP_METHODS: dict[str, tuple[type[Message], str, bool]] = {
    "TransferSIPParticipant": (sip.TransferSIPParticipantRequest, "roomAdmin", True),
    # Dialling out needs the SIP call grant only (the SDK sends empty video grants).
    "CreateSIPParticipant": (sip.CreateSIPParticipantRequest, "", False),
}
# How a dialled phone ends when it does not answer: (HTTP, Twirp code, SIP status, reason),
# as LiveKit reports a failed INVITE (the SIP final response in the error's metadata).
DIAL_FAILURES = {
    "busy": (503, "unavailable", "486", "Busy Here"),
    "no_answer": (504, "deadline_exceeded", "408", "Request Timeout"),
    "failed": (503, "unavailable", "503", "Service Unavailable"),
}
METHODS |= SIP_METHODS


@dataclass
class Recorded:
    method: str
    body: dict[str, Any]  # the request as protobuf-JSON (camelCase names)
    content_type: str
    claims: dict[str, Any] | None
    status: int = 0  # what the stub answered (0: never answered, e.g. a hang)


@dataclass
class _Failure:
    status: int
    code: str
    times: int
    hang: float = 0.0


@dataclass
class _Room:
    info: models.Room
    participants: dict[str, models.ParticipantInfo] = field(default_factory=dict)
    dispatches: dict[str, agent_dispatch.AgentDispatch] = field(default_factory=dict)


class LiveKitStub(AgentWorker):
    def __init__(self, api_key: str = API_KEY, api_secret: str = API_SECRET) -> None:
        self.api_key, self.api_secret = api_key, api_secret
        self.requests: list[Recorded] = []
        self.rooms: dict[str, _Room] = {}
        self.data_messages: list[DataMessage] = []
        self._failures: dict[str, _Failure] = {}
        # How the far end answers a transfer out: "answer" (the caller leaves the room for
        # the number), "busy" (486), "no_answer" (the ringing timeout runs out).
        self.far_end = "answer"
        # How a phone dialled into a room answers: "answer" (it joins the room), or one
        # of DIAL_FAILURES.
        self.phone = "answer"
        self._lock = threading.Lock()
        self._release = threading.Event()  # ends every hang when the stub stops
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._open_connections: set[socket.socket] = set()  # kept alive between requests
        self._connections_lock = threading.Lock()

    # ---- lifecycle -----------------------------------------------------------------------

    def start(self) -> LiveKitStub:
        stub = self

        class Handler(_Handler):
            owner = stub

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = False
        self._server.block_on_close = True  # server_close() joins the request threads
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            # A kept-alive connection's thread waits for the next request: end the wait,
            # or server_close() would join it until the client closed.
            with self._connections_lock:
                waiting = list(self._open_connections)
            for connection in waiting:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            self._server.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> LiveKitStub:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # ---- programming it ------------------------------------------------------------------

    def fail(
        self, method: str, status: int = 503, code: str = "unavailable", times: int = 1
    ) -> None:
        """The next `times` calls of `method` answer `status` with a Twirp error."""
        with self._lock:
            self._failures[method] = _Failure(status, code, times)

    def hang(self, method: str, seconds: float = 30.0, times: int = 1) -> None:
        """The next `times` calls of `method` answer nothing for `seconds` (or until stop)."""
        with self._lock:
            self._failures[method] = _Failure(0, "", times, hang=seconds)

    def add_participant(self, room_name: str, identity: str) -> None:
        """Someone joins (rooms are auto-created on join, as LiveKit does by default)."""
        with self._lock:
            target = self._room(room_name, create=True)
            target.participants[identity] = models.ParticipantInfo(
                sid=f"PA_{identity}", identity=identity, state=models.ParticipantInfo.ACTIVE
            )
            target.info.num_participants = len(target.participants)

    def participants(self, room_name: str) -> list[str]:
        with self._lock:
            found = self.rooms.get(room_name)
            return sorted(found.participants) if found else []

    def calls(self, method: str | None = None) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if method is None or r.method == method]

    # ---- serving -------------------------------------------------------------------------

    def _room(self, name: str, *, create: bool = False, empty_timeout: int = 300) -> _Room:
        found = self.rooms.get(name)
        if found is None:
            if not create:
                raise TwirpError(404, "not_found", "requested room does not exist")
            info = models.Room(
                sid=f"RM_{len(self.rooms) + 1}",
                name=name,
                empty_timeout=empty_timeout,
                creation_time=int(time.time()),
                creation_time_ms=int(time.time() * 1000),
            )
            found = self.rooms[name] = _Room(info)
        return found

    def _authorise(self, header: str | None, method: str, scope: str) -> dict[str, Any]:
        if not header or not header.startswith("Bearer "):
            raise TwirpError(401, "unauthenticated", "authorization header missing")
        try:
            claims = jwt.decode(
                header[len("Bearer ") :],
                self.api_secret,
                algorithms=["HS256"],
                issuer=self.api_key,
                options={"require": ["exp", "iss"]},
            )
        except jwt.InvalidTokenError as exc:
            raise TwirpError(401, "unauthenticated", f"invalid token: {exc}") from exc
        _, grant, scoped = METHODS[method]
        video = claims.get("video") or {}
        if method in SIP_METHODS and not (claims.get("sip") or {}).get("call"):
            raise TwirpError(403, "permission_denied", f"{method} needs the SIP call grant")
        if grant and (not video.get(grant) or (scoped and video.get("room") != scope)):
            raise TwirpError(403, "permission_denied", f"{method} needs {grant} on {scope!r}")
        return claims

    def _apply(self, method: str, request: Any) -> Message:
        if method == "CreateRoom":
            created = self._room(request.name, create=True, empty_timeout=request.empty_timeout)
            return created.info
        if method == "ListRooms":
            wanted = set(request.names)
            rooms = [r.info for n, r in sorted(self.rooms.items()) if not wanted or n in wanted]
            return room.ListRoomsResponse(rooms=rooms)
        if method == "DeleteRoom":
            self._room(request.room)
            del self.rooms[request.room]
            return room.DeleteRoomResponse()
        if method == "ListParticipants":
            found = self._room(request.room)
            return room.ListParticipantsResponse(participants=list(found.participants.values()))
        if method in DISPATCH_METHODS or method == "SendData":
            return self._agents(method, request)
        if method == "TransferSIPParticipant":
            return self._transfer_out(request)
        if method == "CreateSIPParticipant":
            return self._dial(request)
        found = self._room(request.room)
        if request.identity not in found.participants:
            raise TwirpError(404, "not_found", "participant does not exist")
        person = found.participants.pop(request.identity)
        found.info.num_participants = len(found.participants)
        if method == "MoveParticipant":
            destination = self._room(request.destination_room)
            destination.participants[person.identity] = person
            destination.info.num_participants = len(destination.participants)
            return room.MoveParticipantResponse()
        return room.RemoveParticipantResponse()

    def _dial(self, request: Any) -> Message:
        """A phone dialled into a room through an outbound trunk: answered, it joins the
        room (a SIP participant); else the SIP status comes back in the error's metadata."""
        if not request.sip_trunk_id or not request.sip_call_to:
            raise TwirpError(400, "invalid_argument", "sip_trunk_id and sip_call_to are required")
        if self.phone in DIAL_FAILURES:
            status, code, sip_status, reason = DIAL_FAILURES[self.phone]
            meta = {"sip_status_code": sip_status, "sip_status": reason}
            raise TwirpError(status, code, f"INVITE failed: {sip_status} {reason}", meta)
        target = self._room(request.room_name, create=True)
        target.participants[request.participant_identity] = models.ParticipantInfo(
            sid=f"PA_{request.participant_identity}",
            identity=request.participant_identity,
            state=models.ParticipantInfo.ACTIVE,
            kind=models.ParticipantInfo.Kind.SIP,
        )
        target.info.num_participants = len(target.participants)
        return sip.SIPParticipantInfo(
            participant_id=f"PA_{request.participant_identity}",
            participant_identity=request.participant_identity,
            room_name=request.room_name,
            sip_call_id="SCL_1",
        )

    def _transfer_out(self, request: Any) -> Message:
        """SIP REFER of a caller: only a SIP participant of the room can be transferred; the
        far end's answer decides (a failure is a Twirp error carrying the SIP status, as
        LiveKit sends it)."""
        found = self._room(request.room_name)
        if request.participant_identity not in found.participants:
            raise TwirpError(404, "not_found", "participant does not exist")
        if not request.transfer_to.startswith(("tel:", "sip:")):
            raise TwirpError(400, "invalid_argument", "transfer_to must be tel: or sip:")
        if self.far_end == "busy":
            raise TwirpError(503, "unavailable", "sip status 486: Busy Here")
        if self.far_end == "no_answer":
            raise TwirpError(503, "deadline_exceeded", "sip status 408: ringing timeout")
        del found.participants[request.participant_identity]
        found.info.num_participants = len(found.participants)
        return sip.TransferSIPParticipantResponse(
            transfer_id="TR_1",
            status=sip.SIPTransferStatus.STS_TRANSFER_SUCCESSFUL,
            reason=sip.SIPTransferReason.STR_COMPLETED,
        )

    def handle(self, method: str, headers: Any, raw: bytes) -> tuple[int, str, bytes]:
        content_type = (headers.get("Content-Type") or "").split(";")[0].strip()
        if method not in METHODS:
            return _twirp(404, "bad_route", f"no handler for {method}")
        message_type = METHODS[method][0]
        try:
            if content_type == "application/protobuf":
                request = message_type.FromString(raw)
            elif content_type == "application/json":
                request = json_format.Parse(raw or b"{}", message_type())
            else:
                return _twirp(415, "malformed", f"unexpected content type {content_type!r}")
        except (DecodeError, json_format.ParseError):
            return _twirp(400, "malformed", "request body does not decode")
        record = Recorded(method, json_format.MessageToDict(request), content_type, None)
        with self._lock:
            self.requests.append(record)
            failure = self._failures.get(method)
            if failure is not None:
                failure.times -= 1
                if failure.times <= 0:
                    del self._failures[method]
        if failure is not None and failure.hang:
            self._release.wait(failure.hang)
            return 0, "", b""
        if failure is not None:
            record.status = failure.status
            return _twirp(failure.status, failure.code, "programmed failure")
        scope = getattr(request, "room", "") or getattr(request, "room_name", "")
        try:
            with self._lock:
                record.claims = self._authorise(headers.get("Authorization"), method, scope)
                answer = self._apply(method, request)
        except TwirpError as exc:
            record.status = exc.status
            return _twirp(exc.status, exc.code, exc.msg, exc.meta)
        record.status = 200
        if content_type == "application/json":
            return 200, content_type, json_format.MessageToJson(answer).encode()
        return 200, content_type, answer.SerializeToString()


def _twirp(
    status: int, code: str, msg: str, meta: dict[str, str] | None = None
) -> tuple[int, str, bytes]:
    body = {"code": code, "msg": msg} | ({"meta": meta} if meta else {})
    return status, "application/json", json.dumps(body).encode()


class _Handler(BaseHTTPRequestHandler):
    owner: LiveKitStub
    protocol_version = "HTTP/1.1"  # keep-alive, as a LiveKit server: not a connection a call
    disable_nagle_algorithm = True  # 40 ms a request without: infra.local_stack.listener

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        prefixes = (PREFIX, DISPATCH_PREFIX, SIP_PREFIX)
        prefix = next((p for p in prefixes if self.path.startswith(p)), None)
        method = self.path[len(prefix) :] if prefix else ""
        wrong_service = (method in DISPATCH_METHODS) != (prefix == DISPATCH_PREFIX) or (
            method in SIP_METHODS
        ) != (prefix == SIP_PREFIX)
        if prefix is None or wrong_service:
            status, content_type, body = _twirp(404, "bad_route", f"no route {self.path}")
        else:
            status, content_type, body = self.owner.handle(method, self.headers, raw)
        if status == 0:  # a hang: the client gave up long ago; answer nothing
            self.close_connection = True
            return
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        # /settings/regions is LiveKit Cloud's region discovery; a self-hosted server has none.
        self.send_error(404)

    def setup(self) -> None:
        super().setup()
        with self.owner._connections_lock:
            self.owner._open_connections.add(self.connection)

    def finish(self) -> None:
        with self.owner._connections_lock:
            self.owner._open_connections.discard(self.connection)
        super().finish()

    def log_message(self, *_: Any) -> None:  # keep test output clean
        pass


# ---- pytest fixture: test modules import `livekit` from here to use it


@pytest.fixture
def livekit(store_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveKitStub]:
    """A running stub, and settings that point the service at it (short request timeout)."""
    with LiveKitStub() as stub:
        monkeypatch.setenv("LIVEKIT_URL", stub.url)
        monkeypatch.setenv("LIVEKIT_API_KEY", API_KEY)
        monkeypatch.setenv("LIVEKIT_API_SECRET", API_SECRET)
        monkeypatch.setenv("LIVEKIT_REQUEST_TIMEOUT_SECONDS", str(REQUEST_TIMEOUT))
        get_settings.cache_clear()
        media.reset()
        yield stub
        _close_clients()
    get_settings.cache_clear()


def _close_clients() -> None:
    # Sessions on loops that still exist and are idle (Mangum's loop) are closed properly.
    for loop, entry in list(media._clients.items()):
        if not loop.is_closed() and not loop.is_running():
            loop.run_until_complete(entry[2].aclose())
    media.reset()
