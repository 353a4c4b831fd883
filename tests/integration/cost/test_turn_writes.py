"""A single turn without a client id (what a voice pipeline sends each line) is one
counter update and one conditional put, not a one-item transaction (which DynamoDB bills
twice); turns with ids and several turns still go in one transaction (issue 30)."""

from __future__ import annotations

from bench.requests import Recorder, counting
from tests.support import api
from tests.support.flows import open_call
from tests.support.tokens import Tokens


def test_one_turn_is_a_put_and_several_are_one_transaction(store_env: str, tokens: Tokens) -> None:
    svc = tokens.service()
    open_call(tokens, "c-1")
    recorder = Recorder()
    with counting(recorder):
        with recorder.step("one"):
            one = api.add_turns("c-1", [{"speaker": "caller", "text": "Hello."}], token=svc)
        with recorder.step("two"):
            two = api.add_turns(
                "c-1",
                [
                    {"speaker": "agent", "text": "Hi, how can I help?"},
                    {"speaker": "caller", "text": "My card.", "turn_id": "t-3"},
                ],
                token=svc,
            )
    assert (one.status, one.json["last_seq"]) == (201, 1), one.body
    assert (two.status, two.json["last_seq"]) == (201, 3), two.body
    assert recorder.steps["one"].calls == {"dynamodb.UpdateItem": 1, "dynamodb.PutItem": 1}
    assert recorder.steps["one"].wcu == 2  # was 3: the transaction's put billed twice
    assert recorder.steps["two"].calls["dynamodb.TransactWriteItems"] == 1
    call = api.get_call("c-1", token=svc).json
    assert [(t["seq"], t["text"]) for t in call["turns"]] == [
        (1, "Hello."),
        (2, "Hi, how can I help?"),
        (3, "My card."),
    ]
