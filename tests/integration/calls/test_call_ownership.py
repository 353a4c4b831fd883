"""Call ownership (OWASP API1, broken object level authorisation): an agent reads and
transfers only a call it is on (assigned to it, or taken through an accepted transfer);
any other call answers exactly as a call that does not exist."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import Response
from tests.support.flows import open_call
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")


def _not_found(res: Response, call_id: str) -> dict[str, Any]:
    assert res.status == 404, res.body
    assert res.headers["content-type"] == PROBLEM
    body = dict(res.json)
    assert body["detail"] == f"call {call_id} not found"
    return body


def _same_as_missing(res: Response, call_id: str, missing: Response) -> None:
    """Another agent's call: the very answer a call that does not exist gets."""
    body, none = _not_found(res, call_id), _not_found(missing, "no-such-call")
    assert {k: v for k, v in body.items() if k != "detail"} == {
        k: v for k, v in none.items() if k != "detail"
    }


def test_an_agent_reads_only_the_calls_it_is_on(tokens: Tokens) -> None:
    open_call(tokens, "c1", [{"speaker": "caller", "text": "my card 4111"}], agent="bob")
    got = api.get_call("c1", token=tokens.agent("bob"))
    assert got.status == 200 and got.json["agent"] == "bob"
    eve = tokens.agent("eve")
    _same_as_missing(api.get_call("c1", token=eve), "c1", api.get_call("no-such-call", token=eve))
    assert "4111" not in api.get_call("c1", token=eve).body
    assert api.get_call("c1", token=tokens.supervisor()).status == 200


def test_an_agent_transfers_only_the_calls_it_is_on(tokens: Tokens) -> None:
    open_call(tokens, "c1", agent="bob")
    eve = tokens.agent("eve")
    # Initiating used to put both agents on the call (so she could read it): now nothing
    # is stored.
    stolen = api.initiate({"call_id": "c1", "to_agent": "mallory"}, token=eve)
    missing = api.initiate({"call_id": "no-such-call", "to_agent": "mallory"}, token=eve)
    _same_as_missing(stolen, "c1", missing)
    _not_found(api.get_call("c1", token=eve), "c1")
    assert api.list_transfers(token=tokens.supervisor()).json["items"] == []
    mine = api.initiate({"call_id": "c1", "to_agent": "alice"}, token=tokens.agent("bob"))
    assert mine.status == 201, mine.body
    assert mine.json["from_agent"] == "bob"


def test_an_accepted_transfer_puts_the_receiver_on_the_call(tokens: Tokens) -> None:
    open_call(tokens, "c1", agent="bob")
    alice = tokens.agent("alice")
    started = api.initiate({"call_id": "c1", "to_agent": "alice"}, token=tokens.agent("bob"))
    tid = started.json["transfer_id"]
    # Offered, not yet taken: the briefing is hers, the call not yet.
    _not_found(api.get_call("c1", token=alice), "c1")
    assert api.move("accept", tid, token=alice).status == 200
    assert api.get_call("c1", token=alice).status == 200
    onward = api.initiate({"call_id": "c1", "to_agent": "carol"}, token=alice)
    assert onward.status == 201, onward.body
    # Cancelled after acceptance: she is off the call again (the original agent is not).
    assert api.move("cancel", tid, token=tokens.supervisor()).status == 200
    _not_found(api.get_call("c1", token=alice), "c1")
    assert api.get_call("c1", token=tokens.agent("bob")).status == 200


def test_the_service_moves_a_call_to_another_agent(tokens: Tokens) -> None:
    open_call(tokens, "c1", agent="bob")
    svc = tokens.service()
    moved = api.assign_call("c1", {"agent": "eve"}, token=svc)
    assert moved.status == 200, moved.body
    assert moved.json["agent"] == "eve" and moved.json["assigned_by"] == "voice-pipeline"
    assert api.get_call("c1", token=tokens.agent("eve")).json["agent"] == "eve"
    _not_found(api.get_call("c1", token=tokens.agent("bob")), "c1")
    refused = api.initiate({"call_id": "c1", "to_agent": "x"}, token=tokens.agent("bob"))
    _not_found(refused, "c1")
    # Only a service moves calls; an unknown call or a bad body is said so.
    assert api.assign_call("c1", {"agent": "bob"}, token=tokens.agent("bob")).status == 403
    _not_found(api.assign_call("no-such-call", {"agent": "bob"}, token=svc), "no-such-call")
    bad = api.assign_call("c1", {"agent": "not an id"}, token=svc)
    assert bad.status == 422 and bad.json["errors"][0]["field"] == "body.agent"


def test_another_agents_list_is_out_of_reach_by_filter_and_by_cursor(tokens: Tokens) -> None:
    for i in range(3):
        open_call(tokens, f"c{i}", agent="bob")
        res = api.initiate({"call_id": f"c{i}", "to_agent": "alice"}, token=tokens.agent("bob"))
        assert res.status == 201
    alice, eve = tokens.agent("alice"), tokens.agent("eve")
    page = api.list_transfers(token=alice, query={"limit": "1"})
    assert len(page.json["items"]) == 1 and page.json["next_cursor"]
    assert api.list_transfers(token=eve, query={"agent": "alice"}).status == 403
    stolen = api.list_transfers(token=eve, query={"cursor": page.json["next_cursor"]})
    assert stolen.status == 400 and stolen.json["title"] == "Invalid cursor"
    assert "c1" not in stolen.body and "items" not in stolen.json


def test_after_a_completed_transfer_the_call_is_the_receiving_agents(
    store_env: str, tokens: Tokens
) -> None:
    """Issue 24, point 13: GET /calls/{id} said `agent: null` after bob completed it."""
    from tests.support.flows import open_transfer

    tid = open_transfer(tokens, "c-handed", to_agent="bob")
    assert api.move("accept", tid, token=tokens.agent("bob")).status == 200
    assert api.move("complete", tid, token=tokens.agent("bob")).status == 200
    call = api.get_call("c-handed", token=tokens.service())
    assert call.status == 200 and call.json["agent"] == "bob"
