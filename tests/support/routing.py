"""Routing as its users drive it: a supervisor's queues, agents' consoles (a real WebSocket
each, and their HTTP calls), a service putting callers in line, all against the local
stack of tests/support/events_stack.py (the functions over moto, the stream and the timer
queue polled as Lambda's event source mappings)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.events_stack import EventsStack, Socket
from tests.support.tokens import Tokens

WAIT = 30.0  # seconds an expected event may take (never asserted as a timing)


@dataclass
class Floor:
    stack: EventsStack
    tokens: Tokens
    http: httpx.Client = field(init=False)
    consoles: dict[str, Socket] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.http = httpx.Client(base_url=self.stack.base_url, timeout=WAIT)

    def call(self, method: str, path: str, token: str, body: Any = None) -> httpx.Response:
        headers = {"authorization": f"Bearer {token}"}
        return self.http.request(method, path, headers=headers, json=body)

    def queue(self, name: str, **settings: Any) -> dict[str, Any]:
        res = self.call("PUT", f"/queues/{name}", self.tokens.supervisor(), settings)
        assert res.status_code == 200, res.text
        return dict(res.json())

    def sign_in(self, *agents: str) -> None:
        """Each agent opens its console (its socket: online, available by default)."""
        for agent in agents:
            console = self.stack.socket(self.tokens.agent(agent))
            console.kinds = ("transfer.", "agent.")
            self.consoles[agent] = console

    def caller(self, call_id: str, queue: str, **body: Any) -> dict[str, Any]:
        """A caller the service puts in `queue`: the new transfer as the service sees it."""
        svc = self.tokens.service()
        made = self.call("POST", "/calls", svc, {"call_id": call_id})
        assert made.status_code == 201, made.text
        turns = {"turns": [{"speaker": "caller", "text": "I was charged twice, order 5512."}]}
        assert self.call("POST", f"/calls/{call_id}/turns", svc, turns).status_code == 201
        res = self.call(
            "POST", "/initiate-transfer", svc, {"call_id": call_id, "to_queue": queue, **body}
        )
        assert res.status_code == 201, res.text
        return dict(res.json())

    def transfer(self, transfer_id: str) -> dict[str, Any]:
        res = self.call("GET", f"/transfers/{transfer_id}", self.tokens.supervisor())
        assert res.status_code == 200, res.text
        return dict(res.json())

    def act(self, agent: str, action: str, transfer_id: str, body: Any = None) -> httpx.Response:
        return self.call(
            "POST", f"/transfers/{transfer_id}/{action}", self.tokens.agent(agent), body
        )

    def offer_to(self, agent: str, transfer_id: str | None = None) -> dict[str, Any]:
        """The next `transfer.offered` event on the agent's console that offers it (that
        transfer); what the console shows."""
        socket = self.consoles[agent]
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            event = socket.next(timeout=WAIT)
            data = event["data"]
            offered = event["type"] == "transfer.offered" and agent in data["offered_to"]
            if offered and transfer_id in (None, data["transfer_id"]):
                return dict(event)
        raise AssertionError(f"{agent} was never offered {transfer_id or 'a transfer'}")

    def wait_for(self, transfer_id: str, predicate: Any, what: str) -> dict[str, Any]:
        """Poll the transfer (as the voice side would) until `predicate` holds."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            seen = self.transfer(transfer_id)
            if predicate(seen):
                return seen
            time.sleep(0.1)
        raise AssertionError(f"transfer {transfer_id} never {what}: {seen}")

    def close(self) -> None:
        for socket in self.consoles.values():
            socket.close()
        self.http.close()
