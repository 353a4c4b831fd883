"""Transfers to queues, end to end on the local stack: offers on real consoles' sockets,
declines, offers that run out, ring-all, overflow, the order of the line, presence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.events_stack import EventsStack, events_stack
from tests.support.routing import Floor
from tests.support.tokens import Tokens


@pytest.fixture
def floor(store_env: str, monkeypatch: pytest.MonkeyPatch, tokens: Tokens) -> Iterator[Floor]:
    with events_stack(store_env, monkeypatch) as stack:
        running = Floor(stack, tokens)
        yield running
        running.close()


def _stack(floor: Floor) -> EventsStack:
    return floor.stack


def test_longest_idle_moves_past_a_decline_and_a_timeout_to_the_agent_who_accepts(
    floor: Floor,
) -> None:
    floor.queue("billing", members=["ann", "ben", "cat"], offer_timeout_seconds=5)
    floor.sign_in("ann", "ben", "cat")
    # Nobody has had a transfer: the longest idle is the one available longest (ann first).
    made = floor.caller("c-1", "billing")
    tid = made["transfer_id"]
    assert made["queue"] == "billing" and made["priority"] == 5
    first = floor.offer_to("ann", tid)
    assert first["data"]["offered_to"] == ["ann"]
    # The offer shows the briefing at once, as the console opens it.
    assert (
        "charged twice"
        in first["data"]["briefing"]["reason"] + first["data"]["briefing"]["headline"]
    )
    declined = floor.act("ann", "decline", tid, {"reason": "not my area"})
    assert declined.status_code == 200, declined.text
    floor.offer_to("ben", tid)  # ben lets it run out (5 s)
    floor.offer_to("cat", tid)
    accepted = floor.act("cat", "accept", tid)
    assert accepted.status_code == 200, accepted.text
    seen = floor.transfer(tid)
    assert (seen["status"], seen["to_agent"], seen["offered_to"]) == ("accepted", "cat", [])
    assert [(o["agent"], o["outcome"]) for o in seen["offers"]] == [
        ("ann", "declined"),
        ("ben", "timed_out"),
        ("cat", "accepted"),
    ]
    assert seen["offers"][0]["reason"] == "not my area"
    # Ann declined it: it never came back to her; she cannot take it now.
    late = floor.act("ann", "accept", tid)
    assert late.status_code == 409, late.text
    cat = floor.call("GET", "/agents/me", floor.tokens.agent("cat")).json()
    assert (cat["status"], cat["current_transfer_id"]) == ("busy", tid)


def test_ring_all_offers_every_free_member_and_exactly_one_accept_wins(floor: Floor) -> None:
    import concurrent.futures

    agents = [f"ag{n}" for n in range(10)]
    floor.queue("sales", members=agents, strategy="ring_all")
    floor.sign_in(*agents)
    tid = floor.caller("c-ring", "sales")["transfer_id"]
    for agent in agents:
        floor.offer_to(agent, tid)
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda a: floor.act(a, "accept", tid), agents))
    codes = sorted(r.status_code for r in answers)
    assert codes == [200] + [409] * 9, [r.text for r in answers]
    winner = agents[[r.status_code for r in answers].index(200)]
    seen = floor.transfer(tid)
    assert seen["to_agent"] == winner
    outcomes = {o["agent"]: o["outcome"] for o in seen["offers"]}
    assert outcomes == {a: ("accepted" if a == winner else "withdrawn") for a in agents}
    # The others are free again: none of them holds the offer.
    everyone = floor.call("GET", "/agents", floor.tokens.supervisor()).json()["items"]
    assert {p["agent"]: p["offer_transfer_id"] for p in everyone if p["agent"] in agents} == (
        dict.fromkeys(agents)
    )


def test_nobody_free_overflows_to_the_next_queue_then_ends_no_agent(floor: Floor) -> None:
    floor.queue("first", members=["dan"], max_wait_seconds=10, overflow_to="second")
    floor.queue("second", members=["eve"], max_wait_seconds=10)
    # Neither dan nor eve has a console open: offline, never offered.
    tid = floor.caller("c-over", "first")["transfer_id"]
    moved = floor.wait_for(tid, lambda t: t["queue"] == "second", "overflowed")
    assert moved["step"] == "overflowed" and moved["status"] == "initiated"
    ended = floor.wait_for(tid, lambda t: t["status"] != "initiated", "ended")
    assert (ended["status"], ended["outcome"], ended["offers"]) == ("expired", "no_agent", [])


def test_the_line_goes_by_priority_then_age(floor: Floor) -> None:
    floor.queue("line", members=["fay", "gus", "hal"], wrap_up_seconds=0)
    made = []
    for n in range(20):
        priority = 1 if n % 5 == 4 else 5  # every fifth caller is urgent
        made.append((priority, n, floor.caller(f"c-line-{n}", "line", priority=priority)))
    expected = [t["transfer_id"] for _, _, t in sorted(made, key=lambda m: (m[0], m[1]))]
    last = floor.transfer(expected[-1])
    assert last["position"] == 20
    assert last["estimated_wait_seconds"] is None  # nothing accepted yet to learn from
    assert floor.transfer(expected[0])["position"] == 1
    floor.sign_in("fay", "gus", "hal")
    taken: list[str] = []
    while len(taken) < 20:
        for agent in ("fay", "gus", "hal"):
            if len(taken) == 20:
                break
            event = floor.offer_to(agent)
            tid = event["data"]["transfer_id"]
            assert floor.act(agent, "accept", tid).status_code == 200
            assert floor.act(agent, "complete", tid).status_code == 200
            taken.append(tid)
            if len(taken) == 3:
                # Accepts seen: a caller still waiting is told how long, by its place.
                waiting = floor.transfer(expected[-1])
                assert waiting["position"] == 17 and waiting["estimated_wait_seconds"] >= 0
    # Three agents take them three at a time: within each round the order may interleave,
    # never across rounds.
    for start in range(0, 20, 3):
        assert set(taken[start : start + 3]) == set(expected[start : start + 3])


def test_an_agent_without_a_console_is_never_offered_and_one_who_connects_is(
    floor: Floor,
) -> None:
    floor.queue("quiet", members=["ida"], offer_timeout_seconds=5)
    tid = floor.caller("c-quiet", "quiet")["transfer_id"]
    waiting = floor.transfer(tid)
    assert waiting["offered_to"] == [] and waiting["position"] == 1
    ida = floor.call("GET", "/agents/me", floor.tokens.agent("ida")).json()
    assert ida["status"] == "offline"
    floor.sign_in("ida")  # her console connecting makes her available: the offer follows
    assert floor.offer_to("ida", tid)["data"]["offered_to"] == ["ida"]


def test_a_member_becoming_available_gets_the_oldest_waiting_transfer(floor: Floor) -> None:
    floor.queue("away", members=["jo"])
    floor.sign_in("jo")
    away = floor.call("PUT", "/agents/me/status", floor.tokens.agent("jo"), {"status": "away"})
    assert away.status_code == 200 and away.json()["status"] == "away"
    older = floor.caller("c-old", "away")["transfer_id"]
    floor.caller("c-new", "away")
    assert floor.transfer(older)["offered_to"] == []
    back = floor.call("PUT", "/agents/me/status", floor.tokens.agent("jo"), {"status": "available"})
    assert back.status_code == 200
    assert floor.offer_to("jo")["data"]["transfer_id"] == older


def test_abandon_while_offered_withdraws_the_offer_and_frees_the_agent(floor: Floor) -> None:
    floor.queue("gone", members=["kim"])
    floor.sign_in("kim")
    tid = floor.caller("c-gone", "gone")["transfer_id"]
    floor.offer_to("kim", tid)
    res = floor.call("POST", f"/transfers/{tid}/abandon", floor.tokens.service())
    assert res.status_code == 200, res.text
    seen = res.json()
    assert (seen["status"], seen["outcome"], seen["offered_to"]) == ("abandoned", "abandoned", [])
    assert seen["offers"][0]["outcome"] == "withdrawn"
    kim = floor.call("GET", "/agents/me", floor.tokens.agent("kim")).json()
    assert (kim["status"], kim["offer_transfer_id"]) == ("available", None)
    assert floor.act("kim", "accept", tid).status_code == 409


def test_an_agent_who_lets_offers_run_out_is_set_away_and_told(floor: Floor) -> None:
    floor.queue("empty-chair", members=["lee"], offer_timeout_seconds=5, max_wait_seconds=60)
    floor.sign_in("lee")
    tid = floor.caller("c-chair", "empty-chair")["transfer_id"]
    floor.offer_to("lee", tid)
    floor.offer_to("lee", tid)  # the second, after the first ran out
    socket = floor.consoles["lee"]
    while True:
        event = socket.next()
        if event["type"] == "agent.status_changed" and event["data"]["status"] == "away":
            break
    assert event["data"]["away_reason"] == "missed_offers"
    seen = floor.transfer(tid)
    assert [o["outcome"] for o in seen["offers"]] == ["timed_out", "timed_out"]
    assert seen["offered_to"] == []


def test_a_queue_shows_who_waits_and_its_members_by_status(floor: Floor) -> None:
    floor.queue("live", members=["mo", "ned"])
    floor.sign_in("mo")
    away = floor.call("PUT", "/agents/me/status", floor.tokens.agent("mo"), {"status": "away"})
    assert away.status_code == 200
    floor.caller("c-live-1", "live")
    floor.caller("c-live-2", "live")
    seen = floor.call("GET", "/queues/live", floor.tokens.supervisor()).json()
    assert seen["waiting"] == 2 and seen["longest_wait_seconds"] is not None
    assert seen["agents"] == {"away": ["mo"], "offline": ["ned"]}
    listed = floor.call("GET", "/queues", floor.tokens.supervisor()).json()["items"]
    assert [q["queue"] for q in listed] == ["live"]
    # A queue with callers in it is kept; an agent may not manage queues.
    assert floor.call("DELETE", "/queues/live", floor.tokens.supervisor()).status_code == 409
    assert floor.call("GET", "/queues", floor.tokens.agent("mo")).status_code == 403


def test_a_token_naming_a_queue_makes_its_agent_a_member(
    store_env: str, monkeypatch: pytest.MonkeyPatch, tokens: Tokens
) -> None:
    from functions.shared.settings import get_settings

    monkeypatch.setenv("AUTH_QUEUES_CLAIM", "groups")
    get_settings.cache_clear()
    with events_stack(store_env, monkeypatch) as stack:
        floor = Floor(stack, tokens)
        try:
            floor.queue("vip", members=[])  # nobody listed: members come from tokens
            tid = floor.caller("c-vip", "vip")["transfer_id"]
            console = stack.socket(tokens.mint("pat", "agent", groups=["vip", "other"]))
            console.kinds = ("transfer.",)
            floor.consoles["pat"] = console
            assert floor.offer_to("pat", tid)["data"]["offered_to"] == ["pat"]
            me = floor.call("GET", "/agents/me", tokens.agent("pat")).json()
            assert me["queues"] == ["vip"]
        finally:
            floor.close()
