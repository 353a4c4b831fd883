"""A local HTTP stub of Groq's API for the real `AsyncGroq` to talk to (GROQ_BASE_URL).

Serves /openai/v1/chat/completions (plain, JSON mode, tool calls; streamed as server-sent
events when the request says `stream`, as LiveKit's Groq plugin asks), GET /openai/v1/models
(the plugin's prewarm),
/openai/v1/audio/transcriptions (multipart, Whisper-shaped) and /openai/v1/audio/speech
(audio bytes) on 127.0.0.1, port 0, from a thread. Every request is recorded for
assertions. Each endpoint answers from a queue of programmed behaviours, then from its
default: be slow, answer 429 with retry-after, 500, a body that is not JSON, content that
is not JSON, hang past the client's timeout, or hold until the test releases it.

Fixtures: `groq_stub` (a running stub) and `groq_env` (settings pointed at it).
"""

from __future__ import annotations

import dataclasses
import email.parser
import email.policy
import io
import itertools
import json
import struct
import threading
import time
import wave
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

import pytest

Endpoint = Literal["chat", "transcriptions", "speech"]
PATHS: dict[str, Endpoint] = {
    "/openai/v1/chat/completions": "chat",
    "/openai/v1/audio/transcriptions": "transcriptions",
    "/openai/v1/audio/speech": "speech",
}
API_KEY = "gsk_stub_key"
MODELS_PATH = "/openai/v1/models"
MODELS = ("llama-3.3-70b-versatile", "whisper-large-v3-turbo", "canopylabs/orpheus-v1-english")

VALID_BRIEFING: dict[str, Any] = {
    "headline": "Refund for damaged order 4471",
    "reason": "The caller's order 4471 arrived damaged and she wants a refund.",
    "customer": {"name": "Dana Reyes", "phone": "+1 415 555 0100", "account": "4471"},
    "sentiment": "negative",
    "key_facts": ["Order 4471 arrived with a cracked screen", "Delivered on Monday"],
    "next_steps": ["Confirm the refund to the original card"],
    "spoken": "Dana Reyes, order 4471 arrived damaged; she wants a refund. She is annoyed "
    "but calm.",
}


def make_wav(seconds: float = 0.2, rate: int = 16000) -> bytes:
    """A small valid mono 16-bit WAV (a 440 Hz tone)."""
    import math

    frames = int(seconds * rate)
    samples = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(frames)
    )
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples)
    return buf.getvalue()


@dataclass
class Recorded:
    method: str
    path: str
    endpoint: Endpoint | None
    headers: dict[str, str]
    body: bytes
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str | None, str, bytes]] = field(default_factory=dict)  # name, type


@dataclass
class Behaviour:
    """One programmed answer. kind: "ok" (use content/tool_calls/json_body/audio),
    "status" (an error status with Groq's error body), "garbage" (200, body not JSON),
    "hang" (never answer until the stub stops), "hold" (answer once `gate` is set)."""

    kind: Literal["ok", "status", "garbage", "hang", "hold", "raw"] = "ok"
    delay: float = 0.0
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content: str | None = None
    tool_calls: list[dict[str, Any]] | None = None
    text: str | None = None  # transcription text
    audio: bytes | None = None
    gate: threading.Event | None = None
    body: bytes | None = None  # kind "raw": a 200 with exactly this JSON-typed body


# ---- behaviour builders -------------------------------------------------------------------


def reply(content: str | None = None, *, delay: float = 0.0) -> Behaviour:
    return Behaviour(content=content, delay=delay)


def reply_json(obj: Any, *, delay: float = 0.0) -> Behaviour:
    return Behaviour(content=json.dumps(obj), delay=delay)


def tool_call(name: str, arguments: dict[str, Any], content: str | None = None) -> Behaviour:
    call = {
        "id": "call_stub_1",
        "type": "function",
        "function": {"name": name, "arguments": json.dumps(arguments)},
    }
    return Behaviour(content=content, tool_calls=[call])


def error(status: int, *, retry_after: str | None = None, message: str = "stub error") -> Behaviour:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    return Behaviour(kind="status", status=status, headers=headers, content=message)


def garbage() -> Behaviour:
    return Behaviour(kind="garbage")


def raw(body: bytes) -> Behaviour:
    """A 200 answer declared JSON whose body is exactly `body` (any shape, any size)."""
    return Behaviour(kind="raw", body=body)


def slow(seconds: float, then: Behaviour | None = None) -> Behaviour:
    b = then or Behaviour()
    b.delay = seconds
    return b


def hang() -> Behaviour:
    return Behaviour(kind="hang")


def hold(gate: threading.Event) -> Behaviour:
    return Behaviour(kind="hold", gate=gate)


# ---- the server ---------------------------------------------------------------------------


class _BurstServer(ThreadingHTTPServer):
    # Groq takes bursts of concurrent requests. socketserver's listen backlog of 5 would
    # drop the SYNs of a burst of 100 clients and add 1 s retransmits no real Groq imposes.
    request_queue_size = 1024


class GroqStub:
    def __init__(self, api_key: str = API_KEY) -> None:
        self.api_key = api_key
        self.requests: list[Recorded] = []
        self.transcript_text = "Hi, I'm calling about order 4471, it arrived broken."
        self.speech_audio = make_wav(0.1)
        self._queues: dict[Endpoint, deque[Behaviour]] = {
            "chat": deque(),
            "transcriptions": deque(),
            "speech": deque(),
        }
        self._defaults: dict[Endpoint, Behaviour | None] = dict.fromkeys(self._queues)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._received = threading.Condition(self._lock)
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # programming ----------------------------------------------------------------------------

    def queue(self, endpoint: Endpoint, *behaviours: Behaviour) -> GroqStub:
        """Answer the next requests to `endpoint` with these, in order."""
        with self._lock:
            self._queues[endpoint].extend(behaviours)
        return self

    def always(self, endpoint: Endpoint, behaviour: Behaviour | None) -> GroqStub:
        """Answer every request to `endpoint` (once its queue is empty) with this."""
        with self._lock:
            self._defaults[endpoint] = behaviour
        return self

    def received(self, endpoint: Endpoint) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.endpoint == endpoint]

    def wait_for_request(self, endpoint: Endpoint, count: int = 1, timeout: float = 10) -> bool:
        """Block (a thread, never the event loop) until `count` requests reached `endpoint`."""
        with self._received:
            return self._received.wait_for(
                lambda: sum(r.endpoint == endpoint for r in self.requests) >= count, timeout
            )

    # lifecycle ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> GroqStub:
        stub = self

        class Handler(_Handler):
            owner = stub

        self._server = _BurstServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="groq-stub", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # releases hanging and slow handlers
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> GroqStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # answering ------------------------------------------------------------------------------

    def _record(self, rec: Recorded) -> Behaviour | None:
        with self._received:
            self.requests.append(rec)
            self._received.notify_all()
            if rec.endpoint is None:
                return None
            queue = self._queues[rec.endpoint]
            return queue.popleft() if queue else self._defaults[rec.endpoint]

    def _wait(self, seconds: float) -> bool:
        """Sleep in the handler thread; False when the stub is stopping."""
        return not self._stopping.wait(seconds)

    def answer(self, rec: Recorded, b: Behaviour | None) -> tuple[int, dict[str, str], bytes]:
        b = b or Behaviour()
        if b.delay and not self._wait(b.delay):
            return 503, {}, b""
        if b.kind == "hang":
            self._stopping.wait()
            return 503, {}, b""
        if b.kind == "hold":
            assert b.gate is not None
            while not b.gate.wait(0.05):
                if self._stopping.is_set():
                    return 503, {}, b""
            b = dataclasses.replace(b, kind="ok", gate=None)
        if b.kind == "garbage":
            return 200, {"content-type": "application/json"}, b"<html>not json"
        if b.kind == "raw":
            return 200, {"content-type": "application/json"}, b.body or b""
        if b.kind == "status":
            body = {"error": {"message": b.content, "type": "stub_error", "code": str(b.status)}}
            return b.status, {"content-type": "application/json", **b.headers}, _j(body)
        assert rec.endpoint is not None
        if rec.endpoint == "chat":
            answer = self._chat(rec, b)
            if (rec.json or {}).get("stream"):
                return 200, {"content-type": "text/event-stream"}, _stream(answer)
            return 200, {"content-type": "application/json"}, _j(answer)
        if rec.endpoint == "transcriptions":
            text = b.text if b.text is not None else self.transcript_text
            return 200, {"content-type": "application/json"}, _j({"text": text})
        fmt = (rec.json or {}).get("response_format", "wav")
        return 200, {"content-type": f"audio/{fmt}"}, b.audio or self.speech_audio

    def _chat(self, rec: Recorded, b: Behaviour) -> dict[str, Any]:
        body = rec.json or {}
        content = b.content
        if content is None and b.tool_calls is None:
            json_mode = (body.get("response_format") or {}).get("type") == "json_object"
            content = json.dumps(VALID_BRIEFING) if json_mode else "Thanks, I can help with that."
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if b.tool_calls:
            message["tool_calls"] = b.tool_calls
        n = next(self._ids)
        return {
            "id": f"chatcmpl-stub-{n}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "unknown"),
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "logprobs": None,
                    "finish_reason": "tool_calls" if b.tool_calls else "stop",
                }
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            "system_fingerprint": "fp_stub",
            "x_groq": {"id": f"req_stub_{n}"},
        }


def _j(obj: Any) -> bytes:
    return json.dumps(obj).encode()


def _stream(answer: dict[str, Any]) -> bytes:
    """A chat completion as OpenAI's stream sends it: the content, then each tool call as
    `tool_calls` deltas (index, id, name, then its arguments), the finish reason, and the
    usage in a last chunk with no choices."""
    head = {k: answer[k] for k in ("id", "created", "model", "system_fingerprint")}
    head["object"] = "chat.completion.chunk"
    (choice,) = answer["choices"]
    message = choice["message"]

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    chunks = [chunk({"role": "assistant", "content": ""})]
    if message.get("content"):
        chunks.append(chunk({"content": message["content"]}))
    for i, call in enumerate(message.get("tool_calls") or []):
        fn = call["function"]
        start = {"index": i, "id": call["id"], "type": "function"}
        chunks.append(chunk({"tool_calls": [{**start, "function": {"name": fn["name"]}}]}))
        args = {"index": i, "function": {"arguments": fn["arguments"]}}
        chunks.append(chunk({"tool_calls": [args]}))
    chunks.append(chunk({}, choice["finish_reason"]))
    chunks.append({**head, "choices": [], "usage": answer["usage"]})
    return b"".join(b"data: " + _j(c) + b"\n\n" for c in chunks) + b"data: [DONE]\n\n"


class _Handler(BaseHTTPRequestHandler):
    owner: GroqStub
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # 40 ms a request without: infra.local_stack.listener

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?", 1)[0]
        rec = Recorded(
            method=self.command,
            path=path,
            endpoint=PATHS.get(path),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        ctype = rec.headers.get("content-type", "")
        if ctype.startswith("application/json") and body:
            rec.json = json.loads(body)
        elif ctype.startswith("multipart/form-data"):
            rec.form, rec.files = _parse_multipart(ctype, body)
        behaviour = self.owner._record(rec)
        if path == MODELS_PATH and self.command == "GET":
            models = {"object": "list", "data": [{"id": m, "object": "model"} for m in MODELS]}
            return self._send(200, {"content-type": "application/json"}, _j(models))
        if rec.endpoint is None or self.command != "POST":
            return self._send(404, {"content-type": "application/json"}, b'{"error":{}}')
        if rec.headers.get("authorization") != f"Bearer {self.owner.api_key}":
            err = {"error": {"message": "Invalid API Key", "type": "invalid_request_error"}}
            return self._send(401, {"content-type": "application/json"}, _j(err))
        self._send(*self.owner.answer(rec, behaviour))

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout): nothing to answer


def _parse_multipart(
    ctype: str, body: bytes
) -> tuple[dict[str, str], dict[str, tuple[str | None, str, bytes]]]:
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {ctype}\r\n\r\n".encode() + body
    )
    form: dict[str, str] = {}
    files: dict[str, tuple[str | None, str, bytes]] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None or part.get_content_type() != "text/plain":
            files[str(name)] = (filename, part.get_content_type(), payload)
        else:
            form[str(name)] = payload.decode()
    return form, files


# ---- fixtures -----------------------------------------------------------------------------


def _reset_language_clients() -> None:
    from functions.llm.client import reset_groq_client
    from functions.shared.settings import get_settings

    get_settings.cache_clear()
    reset_groq_client()


@pytest.fixture
def groq_stub() -> Iterator[GroqStub]:
    with GroqStub() as stub:
        yield stub


@pytest.fixture
def groq_env(
    groq_stub: GroqStub, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., GroqStub]]:
    """Point the settings at the stub; call it with overrides, e.g.
    groq_env(GROQ_TIMEOUT_SECONDS="0.5"). Retries default to 0 so failures answer at once."""

    def configure(**overrides: str) -> GroqStub:
        values = {
            "GROQ_API_KEY": groq_stub.api_key,
            "GROQ_BASE_URL": groq_stub.url,
            "GROQ_MAX_RETRIES": "0",
            "GROQ_TIMEOUT_SECONDS": "5",
            **overrides,
        }
        for key, value in values.items():
            monkeypatch.setenv(key, value)
        _reset_language_clients()
        return groq_stub

    configure()
    yield configure
    monkeypatch.undo()
    _reset_language_clients()
