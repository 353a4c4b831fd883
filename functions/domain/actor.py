"""Who is acting: the verified caller of a request, or the system itself."""

from __future__ import annotations

from dataclasses import dataclass

from functions.domain.models import Role


@dataclass(frozen=True)
class Actor:
    sub: str
    role: Role | None  # None: the system itself (the sweeper, a timer, a stream consumer)
    # The queues the token says this agent belongs to (AUTH_QUEUES_CLAIM).
    queues: tuple[str, ...] = ()


SYSTEM = Actor(sub="system", role=None)
