"""The transfer state machine: which move is legal from which status, and who may make it.

Pure rules, no I/O: the store applies a planned move as one conditional write.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from functions.domain.actor import SYSTEM, Actor
from functions.domain.errors import Forbidden, IllegalTransition, NotFound
from functions.domain.models import Role, TransferStatus
from functions.domain.routing import answered_by_phone, is_phone


class Action(StrEnum):
    accept = "accept"
    complete = "complete"
    cancel = "cancel"
    expire = "expire"
    abandon = "abandon"


S = TransferStatus
MOVES: dict[Action, tuple[frozenset[TransferStatus], TransferStatus]] = {
    Action.accept: (frozenset({S.initiated}), S.accepted),
    Action.complete: (frozenset({S.accepted}), S.completed),
    Action.cancel: (frozenset({S.initiated, S.accepted}), S.cancelled),
    Action.expire: (frozenset({S.initiated}), S.expired),
    Action.abandon: (frozenset({S.initiated, S.accepted}), S.abandoned),
}
TERMINAL = frozenset({S.completed, S.cancelled, S.expired, S.abandoned})
OPEN = frozenset(TransferStatus) - TERMINAL  # still moving: initiated, accepted

# Who may make each move. Agents are further limited to transfers that name them.
ALLOWED_ROLES: dict[Action, frozenset[Role]] = {
    Action.accept: frozenset({Role.agent}),
    # A phone that answered has no console to complete from: the service that transferred
    # the caller completes it (the voice agent, once the phone has heard the briefing).
    Action.complete: frozenset({Role.agent, Role.service}),
    Action.cancel: frozenset({Role.agent, Role.supervisor, Role.service}),
    Action.expire: frozenset(),  # only the system (sweeper, queue timers, a read past the deadline)
    Action.abandon: frozenset({Role.service}),  # the voice side reports the caller gone
}


def names(actor: Actor, from_agent: str | None, to_agent: str | None) -> bool:
    return actor.sub in (from_agent, to_agent)


def can_see(
    actor: Actor,
    from_agent: str | None,
    to_agent: str | None,
    offered: Collection[str] | None = None,
) -> bool:
    """Agents see transfers that name them, and unassigned ones (which any agent may claim).
    A queued transfer (`offered`: every agent it was offered to) is seen by the agents it
    was offered to, never by the whole floor: its briefing goes to whoever the queue picks."""
    if actor.role is not Role.agent:
        return True
    if offered is not None and to_agent is None:
        return actor.sub in offered or actor.sub == from_agent
    return to_agent is None or names(actor, from_agent, to_agent)


def target(action: Action, current: TransferStatus) -> TransferStatus:
    """The status `action` leads to from `current`, or IllegalTransition (a 409)."""
    sources, to = MOVES[action]
    if current not in sources:
        raise IllegalTransition(
            f"cannot {action.value} a transfer that is {current.value}",
            action=action.value,
            current_status=current.value,
        )
    return to


def authorise(
    action: Action,
    actor: Actor,
    from_agent: str | None,
    to_agent: str | None,
    *,
    to_identity: str | None = None,
) -> None:
    """Raise if `actor` may not make `action` on a transfer between these agents.

    An agent not named by the transfer gets NotFound, so transfer ids leak nothing.
    An unassigned transfer (no to_agent) may be accepted, so claimed, by any agent.
    """
    if actor is SYSTEM:
        if action not in (Action.expire, Action.abandon):
            raise Forbidden("the system only expires or abandons transfers")
        return
    phone_took = is_phone(to_agent) or answered_by_phone(to_identity)
    if action is Action.complete and actor.role is Role.service and not phone_took:
        raise Forbidden("a service completes only a transfer a phone took")
    if action is Action.expire or actor.role not in ALLOWED_ROLES[action]:
        raise Forbidden(f"role {actor.role} may not {action.value} transfers")
    if actor.role is not Role.agent:
        return
    claimable = action is Action.accept and to_agent is None
    if not claimable and not names(actor, from_agent, to_agent):
        raise NotFound("transfer not found")
    if action is Action.accept and not claimable and actor.sub != to_agent:
        raise Forbidden("only the receiving agent may accept this transfer")
    # Either agent completes (as in Twilio Flex and Amazon Connect): the receiving one
    # taking the caller, or the transferring one handing over; only once accepted (MOVES).
