"""The transfer state machine: every legal and illegal move, and who may make it."""

from __future__ import annotations

import itertools

import pytest

from functions.domain.actor import SYSTEM, Actor
from functions.domain.errors import Forbidden, IllegalTransition, NotFound
from functions.domain.lifecycle import Action, authorise, can_see, target
from functions.domain.models import Role, TransferStatus

S = TransferStatus
LEGAL = {
    (Action.accept, S.initiated): S.accepted,
    (Action.complete, S.accepted): S.completed,
    (Action.cancel, S.initiated): S.cancelled,
    (Action.cancel, S.accepted): S.cancelled,
    (Action.expire, S.initiated): S.expired,
    (Action.abandon, S.initiated): S.abandoned,
    (Action.abandon, S.accepted): S.abandoned,
}


@pytest.mark.parametrize(("action", "status"), list(itertools.product(Action, S)))
def test_every_move_from_every_status(action: Action, status: TransferStatus) -> None:
    if (action, status) in LEGAL:
        assert target(action, status) is LEGAL[(action, status)]
    else:
        with pytest.raises(IllegalTransition) as err:
            target(action, status)
        assert err.value.status == 409
        assert err.value.extra == {"action": action.value, "current_status": status.value}
        assert f"cannot {action.value} a transfer that is {status.value}" == err.value.detail


def test_terminal_states_have_no_way_out() -> None:
    for status in (S.completed, S.cancelled, S.expired, S.abandoned):
        for action in Action:
            with pytest.raises(IllegalTransition):
                target(action, status)


alice, bob, eve = (Actor(n, Role.agent) for n in ("alice", "bob", "eve"))
sup, svc = Actor("sup", Role.supervisor), Actor("svc", Role.service)


def test_only_the_receiving_agent_accepts() -> None:
    authorise(Action.accept, bob, "alice", "bob")
    with pytest.raises(Forbidden):
        authorise(Action.accept, alice, "alice", "bob")
    with pytest.raises(Forbidden):
        authorise(Action.accept, sup, "alice", "bob")


def test_either_agent_completes_once_accepted() -> None:
    for agent in (alice, bob):  # the transferring agent hands over, or the receiver takes over
        authorise(Action.complete, agent, "alice", "bob")
    assert target(Action.complete, S.accepted) is S.completed
    with pytest.raises(IllegalTransition):  # not before the receiving agent accepted
        target(Action.complete, S.initiated)
    for other in (sup, svc):
        with pytest.raises(Forbidden):
            authorise(Action.complete, other, "alice", "bob")


def test_an_agent_not_named_gets_not_found() -> None:
    for action in (Action.accept, Action.complete, Action.cancel):
        with pytest.raises(NotFound):
            authorise(action, eve, "alice", "bob")
    assert not can_see(eve, "alice", "bob")
    assert can_see(alice, "alice", "bob") and can_see(sup, "alice", "bob")


def test_cancel_by_either_agent_a_supervisor_or_the_service() -> None:
    for actor in (alice, bob, sup, svc):
        authorise(Action.cancel, actor, "alice", "bob")


def test_any_agent_claims_an_unassigned_transfer_but_cannot_complete_it() -> None:
    authorise(Action.accept, eve, "alice", None)
    assert can_see(eve, "alice", None)
    with pytest.raises(NotFound):
        authorise(Action.complete, eve, "alice", None)


def test_only_the_system_expires() -> None:
    authorise(Action.expire, SYSTEM, "alice", "bob")
    for actor in (alice, bob, sup, svc):
        with pytest.raises(Forbidden):
            authorise(Action.expire, actor, "alice", "bob")
    with pytest.raises(Forbidden):
        authorise(Action.accept, SYSTEM, "alice", "bob")


def test_a_queued_transfer_is_seen_only_by_the_agents_it_was_offered_to() -> None:
    assert can_see(bob, "svc", None, ["bob"])
    assert not can_see(eve, "svc", None, ["bob"])
    assert can_see(sup, "svc", None, [])
    assert can_see(eve, "svc", None)  # an unrouted unassigned transfer: anyone may claim it


def test_only_a_service_reports_the_caller_gone() -> None:
    authorise(Action.abandon, svc, "alice", "bob")
    with pytest.raises(Forbidden):
        authorise(Action.abandon, bob, "alice", "bob")
