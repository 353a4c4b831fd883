"""Racing agents: 50 concurrent lifecycle moves on one transfer, through the real handlers
(each thread a Lambda container with its own event loop and DynamoDB client) against
the moto server. Exactly one request wins each move; the rest get 409; the history has
every change once and `version` counts them.

moto's threaded server checks a condition and then writes in separate Python steps, so
two threads could both pass a check; DynamoDB applies a conditional write atomically per
item. The fault proxy forwards one request at a time to give moto that atomicity: the
race under test is ours (read, decide, conditional write, retry), not moto's.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest

from functions.shared.settings import get_settings
from functions.store.table import client as dynamodb
from infra.local_stack import LocalDynamoDB, create_table
from tests.conftest import REGION, TEST_SECRET
from tests.support import api
from tests.support.api import PROBLEM
from tests.support.apigw import Response
from tests.support.fault_proxy import FaultProxy
from tests.support.flows import open_transfer, read_transfer
from tests.support.store_settings import use_table
from tests.support.tokens import Tokens

N = 50
TARGET = {"accept": "accepted", "complete": "completed", "cancel": "cancelled"}


RACE_TABLE = "warm-transfer-races"


@pytest.fixture(scope="module")
def atomic_store(moto_server: LocalDynamoDB) -> Iterator[FaultProxy]:
    """Settings pointed at a serializing proxy in front of the moto server, for the whole
    module: the N containers below then keep their clients from one test to the next (50
    clients cost seconds to make). Its own table, so no other test's reset touches it."""
    proxy = FaultProxy(moto_server.endpoint_url, serialize=True).start()
    create_table(moto_server.endpoint_url, RACE_TABLE, REGION)
    with pytest.MonkeyPatch.context() as env:
        use_table(env, endpoint=proxy.url, table=RACE_TABLE, region=REGION, secret=TEST_SECRET)
        yield proxy
        dynamodb.reset()
    get_settings.cache_clear()
    proxy.stop()


@pytest.fixture(scope="module")
def containers(atomic_store: FaultProxy) -> Iterator[ThreadPoolExecutor]:
    """N worker threads, each with its own event loop and DynamoDB client: N warm Lambda
    containers. Clients are made one at a time (50 at once only fight over the GIL)."""
    loops: list[asyncio.AbstractEventLoop] = []
    lock = threading.Lock()

    def own_loop() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with lock:
            loops.append(loop)
            loop.run_until_complete(dynamodb.client())

    pool = ThreadPoolExecutor(max_workers=N, initializer=own_loop)
    started = threading.Barrier(N)
    list(pool.map(lambda _: started.wait(timeout=120), range(N)))  # all N threads up
    yield pool
    pool.shutdown(wait=True)
    dynamodb.reset()
    for loop in loops:
        loop.close()


@dataclass
class Outcome:
    action: str
    who: str
    res: Response


def new_transfer(tokens: Tokens, call_id: str) -> str:
    # The module's table outlives each test: ids of their own.
    return open_transfer(tokens, f"{call_id}-{uuid.uuid4().hex[:8]}", from_agent="ai-1")


def race(pool: ThreadPoolExecutor, tid: str, moves: list[tuple[api.Move, str]]) -> list[Outcome]:
    """Fire every (action, token) at once: all threads wait at a barrier, then go."""
    barrier = threading.Barrier(len(moves))

    def one(action: api.Move, token: str) -> Response:
        barrier.wait(timeout=30)
        return api.move(action, tid, token=token)

    futures = [(a, t, pool.submit(one, a, t)) for a, t in moves]
    return [Outcome(a, t, f.result(timeout=120)) for a, t, f in futures]


def check(outcomes: list[Outcome], transfer: dict[str, Any]) -> list[Outcome]:
    """The invariants of any race; returns the winners in the order they were applied."""
    winners = [o for o in outcomes if o.res.status == 200]
    losers = [o for o in outcomes if o.res.status != 200]
    for o in losers:
        assert o.res.status == 409, (o.action, o.res.status, o.res.body)
        assert o.res.headers["content-type"] == PROBLEM
        assert o.res.json["type"].endswith(":illegal-transition")
        assert o.res.json["action"] == o.action
    # Exactly one winner per change, each with its own version, 2..N in order.
    winners.sort(key=lambda o: o.res.json["version"])
    assert [o.res.json["version"] for o in winners] == list(range(2, len(winners) + 2))
    history = transfer["history"]
    assert transfer["version"] == len(history) == len(winners) + 1
    assert [h["status"] for h in history] == ["initiated"] + [TARGET[o.action] for o in winners]
    assert len({(h["status"], h["at"]) for h in history}) == len(history)  # no duplicate
    for o in winners:
        # What each winner saw is the history up to its change: nothing lost after it.
        assert o.res.json["history"] == history[: o.res.json["version"]]
        assert o.res.json["status"] == TARGET[o.action]
    assert transfer["status"] == (TARGET[winners[-1].action] if winners else "initiated")
    return winners


def test_fifty_concurrent_accepts_one_wins(
    tokens: Tokens, atomic_store: FaultProxy, containers: ThreadPoolExecutor
) -> None:
    tid = new_transfer(tokens, "race-accept")
    atomic_store.received.clear()
    # No write lands before 10 requests have read `initiated` and sent theirs: at least
    # 10 conditional writes race for the one move.
    atomic_store.hold("UpdateItem", 10)
    outcomes = race(containers, tid, [("accept", tokens.agent("bob"))] * N)
    atomic_store.heal()
    transfer = read_transfer(tokens, tid)
    winners = check(outcomes, transfer)
    assert len(winners) == 1 and transfer["status"] == "accepted"
    assert Counter(o.res.status for o in outcomes) == {200: 1, 409: N - 1}
    assert 10 <= atomic_store.received["UpdateItem"] <= N


def test_a_move_that_loses_a_version_race_decides_again(
    tokens: Tokens, atomic_store: FaultProxy, containers: ThreadPoolExecutor
) -> None:
    """Accept and cancel read the same version; the accept's write lands first, so the
    cancel's condition fails. It re-decides from the current item (cancel is legal from
    accepted) and wins on its retry: both succeed, in that order, once each."""
    tid = new_transfer(tokens, "race-retry")
    atomic_store.received.clear()
    atomic_store.hold("UpdateItem", 2)
    accept = containers.submit(api.move, "accept", tid, token=tokens.agent("bob"))
    for _ in range(300):  # the accept's write is now held at the proxy
        if atomic_store.received["UpdateItem"]:
            break
        threading.Event().wait(0.02)
    cancel = containers.submit(api.move, "cancel", tid, token=tokens.supervisor())
    accepted, cancelled = accept.result(timeout=60), cancel.result(timeout=60)
    atomic_store.heal()
    assert accepted.status == 200 and accepted.json["version"] == 2
    assert cancelled.status == 200, cancelled.body
    assert cancelled.json["version"] == 3
    assert [(h["status"], h["by"]) for h in cancelled.json["history"]] == [
        ("initiated", "voice-pipeline"),
        ("accepted", "bob"),
        ("cancelled", "sup-1"),
    ]
    # The transfer: the accept once, the cancel twice (lost, then won); the call: the accept
    # puts bob on it and the cancel takes him off again (call ownership); bob's presence:
    # busy with it, then free again.
    assert atomic_store.received["UpdateItem"] == 7


def test_fifty_concurrent_completes_then_cancels(
    tokens: Tokens, atomic_store: FaultProxy, containers: ThreadPoolExecutor
) -> None:
    tid = new_transfer(tokens, "race-complete")
    bob = tokens.agent("bob")
    assert api.move("accept", tid, token=bob).status == 200
    outcomes = race(containers, tid, [("complete", bob)] * N)
    transfer = read_transfer(tokens, tid)
    assert Counter(o.res.status for o in outcomes) == {200: 1, 409: N - 1}
    assert transfer["status"] == "completed" and transfer["version"] == 3
    late = race(containers, tid, [("cancel", tokens.supervisor())] * N)
    assert Counter(o.res.status for o in late) == {409: N}
    assert read_transfer(tokens, tid) == transfer  # nothing changed


@pytest.mark.parametrize("round_", range(3))
def test_fifty_mixed_moves_keep_one_consistent_history(
    tokens: Tokens, atomic_store: FaultProxy, containers: ThreadPoolExecutor, round_: int
) -> None:
    """Accepts, completes and cancels (by the agent, a supervisor and the service) at once:
    whichever order they land in, each change is made once and recorded once."""
    tid = new_transfer(tokens, f"race-mixed-{round_}")
    bob, sup, svc = tokens.agent("bob"), tokens.supervisor(), tokens.service()
    moves: list[tuple[api.Move, str]] = [("accept", bob)] * 20 + [("complete", bob)] * 15
    moves += [("cancel", who) for who in (bob, sup, svc) * 5]
    outcomes = race(containers, tid, moves)
    transfer = read_transfer(tokens, tid)
    winners = check(outcomes, transfer)
    assert 1 <= len(winners) <= 3
    by_action = Counter(o.action for o in winners)
    assert all(count == 1 for count in by_action.values())
    assert transfer["status"] in ("completed", "cancelled")  # someone finished it


def test_fifty_agents_claiming_an_unassigned_transfer_one_wins(
    tokens: Tokens, atomic_store: FaultProxy, containers: ThreadPoolExecutor
) -> None:
    """An unassigned transfer (older API, no to_agent) is claimed by whoever accepts it.
    All 50 read it unassigned before any write lands: one claims it, 49 are told another
    agent was first (409), and it names the winner once."""
    made = api.initiate(
        {"call_context": "Caller wants to upgrade order ORD-1 to express shipping."},
        token=tokens.service(),
    )
    assert made.status == 201 and made.json["to_agent"] is None
    tid = made.json["transfer_id"]
    atomic_store.hold("UpdateItem", N)
    agents = [f"agent-{n}" for n in range(N)]
    outcomes = race(containers, tid, [("accept", tokens.agent(a)) for a in agents])
    atomic_store.heal()
    transfer = read_transfer(tokens, tid)
    (winner,) = check(outcomes, transfer)
    assert Counter(o.res.status for o in outcomes) == {200: 1, 409: N - 1}
    assert transfer["to_agent"] == winner.res.json["to_agent"]
    assert transfer["history"][-1]["by"] == transfer["to_agent"]
    losers = [o for o in outcomes if o.res.status == 409]
    assert all("another agent accepted it first" in o.res.json["detail"] for o in losers)


def test_late_claimers_are_told_another_agent_was_first_and_the_winner_reads_the_call(
    tokens: Tokens, atomic_store: FaultProxy, containers: ThreadPoolExecutor
) -> None:
    """No gate: most accepts read the transfer after the claim landed, when it no longer
    names them. They saw it unassigned, so they are told 409, not 404. The winner is
    noted on the call, so it reads the call (and its transcript) like any agent of it."""
    legacy = api.initiate({"call_context": "Wants a refund."}, token=tokens.service())
    assert legacy.status == 201 and legacy.json["to_agent"] is None
    tid = legacy.json["transfer_id"]
    agents = [f"agent-{n}" for n in range(20)]
    outcomes = race(containers, tid, [("accept", tokens.agent(a)) for a in agents])
    assert Counter(o.res.status for o in outcomes) == {200: 1, 409: 19}
    late = api.move("accept", tid, token=tokens.agent("agent-late"))
    assert late.status == 409 and "another agent accepted it first" in late.json["detail"]
    winner = next(o for o in outcomes if o.res.status == 200).res.json["to_agent"]
    call_of = legacy.json["call_id"]
    seen = api.get_call(call_of, token=tokens.agent(winner))
    assert seen.status == 200, seen.body
    assert api.get_call(call_of, token=tokens.agent("agent-late")).status == 404


def test_thirty_reads_past_the_deadline_all_see_it_expired(
    tokens: Tokens,
    atomic_store: FaultProxy,
    containers: ThreadPoolExecutor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each read of an overdue transfer tries the expire move; the losers answer with the
    current (expired) item, never a 409. POST /token reads the same way."""
    monkeypatch.setenv("TRANSFER_ACCEPT_TIMEOUT_SECONDS", "1")
    get_settings.cache_clear()
    tid = new_transfer(tokens, "race-expire")
    threading.Event().wait(1.5)  # past the deadline
    atomic_store.hold("UpdateItem", 10)  # ten expire moves read `initiated` and race
    barrier = threading.Barrier(30)
    bob = tokens.agent("bob")

    def read(_: int) -> Response:
        barrier.wait(timeout=30)
        return api.get_transfer(tid, token=bob)

    answers = list(containers.map(read, range(30)))
    atomic_store.heal()
    assert Counter(r.status for r in answers) == {200: 30}, [r.body for r in answers[:3]]
    assert {r.json["status"] for r in answers} == {"expired"}
    assert {r.json["version"] for r in answers} == {2}
    get_settings.cache_clear()


@pytest.mark.parametrize("writers", [10, 50])
def test_concurrent_appends_to_one_call_all_land_or_get_a_clean_answer(
    tokens: Tokens, atomic_store: FaultProxy, containers: ThreadPoolExecutor, writers: int
) -> None:
    """The voice pipeline's normal traffic: many appends to one call at once. Each is
    acknowledged (201) or told to retry (503 problem with Retry-After), never a 500; every
    acknowledged turn is stored once, at the seq its answer gave."""
    call_id = f"appends-{writers}-{uuid.uuid4().hex[:8]}"
    assert api.open_call({"call_id": call_id}, token=tokens.service()).status == 201
    barrier = threading.Barrier(writers)
    svc = tokens.service()

    def append(n: int) -> Response:
        barrier.wait(timeout=30)
        turns = [{"speaker": "caller", "text": f"writer {n} turn {k}"} for k in range(2)]
        return api.add_turns(call_id, turns, token=svc)

    answers = list(containers.map(append, range(writers)))
    for res in answers:
        assert res.status in (201, 503), res.body
        if res.status == 503:
            assert res.headers["content-type"] == PROBLEM and res.headers["retry-after"]
    call = api.get_call(call_id, token=svc).json
    by_seq = {t["seq"]: t["text"] for t in call["turns"]}
    acknowledged = [(n, r) for n, r in enumerate(answers) if r.status == 201]
    for n, res in acknowledged:
        last = res.json["last_seq"]
        assert [by_seq[last - 1], by_seq[last]] == [f"writer {n} turn 0", f"writer {n} turn 1"]
    # Nothing stored twice, nothing that nobody sent; a 503 whose write landed anyway (it
    # ran out of time after sending it) may have stored its turns too.
    assert len(set(by_seq.values())) == len(by_seq) <= 2 * writers
    assert max(by_seq) <= call["turn_count"]
    # Seqs are reserved by one atomic counter update: appends do not wait on each other,
    # so only a machine too slow to answer within the request's budget gives 503s.
    assert len(acknowledged) >= writers // 2, Counter(r.status for r in answers)


def test_ten_concurrent_ai_voice_turns_on_one_call_are_all_stored(
    tokens: Tokens, atomic_store: FaultProxy, containers: ThreadPoolExecutor
) -> None:
    call_id = f"voice-{uuid.uuid4().hex[:8]}"
    assert api.open_call({"call_id": call_id}, token=tokens.service()).status == 201
    barrier = threading.Barrier(10)

    def turn(n: int) -> Response:
        barrier.wait(timeout=30)
        return api.voice_turn({"call_id": call_id, "text": f"question {n}"}, token=tokens.service())

    answers = list(containers.map(turn, range(10)))
    assert Counter(r.status for r in answers) == {200: 10}, [r.body for r in answers]
    texts = [t["text"] for t in api.get_call(call_id, token=tokens.service()).json["turns"]]
    assert sorted(t for t in texts if t.startswith("question")) == sorted(
        f"question {n}" for n in range(10)
    )
    assert len(texts) == 20  # each caller turn with its reply
