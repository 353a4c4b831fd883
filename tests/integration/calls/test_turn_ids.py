"""Exactly-once turns: a turn's client `turn_id` is stored once, however often the append
is retried (with or without an Idempotency-Key), and a retry answers as the first did."""

from __future__ import annotations

import pytest

from tests.support import api
from tests.support.flows import open_call
from tests.support.tokens import Tokens

pytestmark = pytest.mark.usefixtures("store_env")


def _turn(turn_id: str | None, text: str) -> dict[str, str]:
    return {"speaker": "caller", "text": text, **({"turn_id": turn_id} if turn_id else {})}


def _texts(tokens: Tokens, call_id: str) -> list[str]:
    return [t["text"] for t in api.get_call(call_id, token=tokens.service()).json["turns"]]


def test_a_repeated_append_adds_nothing_and_answers_as_the_first(tokens: Tokens) -> None:
    open_call(tokens, "c1", [_turn(None, "hello")])
    svc, batch = tokens.service(), [_turn("t1", "my bill"), _turn("t2", "is wrong")]
    first = api.add_turns("c1", batch, token=svc)
    assert first.status == 201 and first.json == {"call_id": "c1", "turns_added": 2, "last_seq": 3}
    # The answer was lost; the client retries, with no key and then with a new key each time.
    for key in (None, "k-1", "k-2"):
        again = api.add_turns("c1", batch, token=svc, key=key)
        assert (again.status, again.json) == (first.status, first.json), key
    assert _texts(tokens, "c1") == ["hello", "my bill", "is wrong"]
    turns = api.get_call("c1", token=svc).json["turns"]
    assert [t.get("turn_id") for t in turns] == [None, "t1", "t2"]


def test_an_append_that_repeats_some_turns_adds_only_the_new_ones(tokens: Tokens) -> None:
    open_call(tokens, "c1")
    svc = tokens.service()
    api.add_turns("c1", [_turn("t1", "one"), _turn("t2", "two")], token=svc)
    more = api.add_turns("c1", [_turn("t2", "two"), _turn("t3", "three")], token=svc)
    assert more.json == {"call_id": "c1", "turns_added": 1, "last_seq": 3}
    assert _texts(tokens, "c1") == ["one", "two", "three"]


def test_turn_ids_are_per_call_and_turns_without_one_are_appended_each_time(
    tokens: Tokens,
) -> None:
    open_call(tokens, "c1")
    open_call(tokens, "c2")
    svc = tokens.service()
    assert api.add_turns("c2", [_turn("t1", "other call")], token=svc).json["turns_added"] == 1
    assert api.add_turns("c1", [_turn("t1", "same id")], token=svc).json["turns_added"] == 1
    for _ in range(2):
        api.add_turns("c1", [_turn(None, "no id")], token=svc)
    assert _texts(tokens, "c1") == ["same id", "no id", "no id"]


def test_one_turn_id_twice_in_one_request_is_refused(tokens: Tokens) -> None:
    open_call(tokens, "c1")
    res = api.add_turns("c1", [_turn("t1", "a"), _turn("t1", "b")], token=tokens.service())
    assert res.status == 422 and res.json["errors"][0]["field"] == "body"
    bad = api.add_turns("c1", [_turn("not an id", "a")], token=tokens.service())
    assert bad.status == 422
    assert _texts(tokens, "c1") == []
