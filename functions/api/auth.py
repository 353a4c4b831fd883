"""Bearer auth for the HTTP functions: who is calling (functions/identity), and whether
their role may use a route."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from functions.api.middleware.asgi import Scope, header
from functions.domain.actor import Actor
from functions.domain.errors import Forbidden
from functions.domain.models import Role
from functions.identity.tokens import authenticate

# Documents the scheme in OpenAPI; the token itself is read from the scope below.
_bearer = HTTPBearer(
    auto_error=False,
    bearerFormat="JWT",
    description="JWT from the OpenID provider (RS256/PS256/ES256), or HS256 locally",
)
# Where a request's verified caller is kept in its ASGI scope.
_ACTOR = "warm_transfer.actor"


def bearer_token(scope: Scope) -> str | None:
    value = header(scope, b"authorization")
    if not value or not value.lower().startswith("bearer "):
        return None
    return value[7:].strip() or None


async def caller(scope: Scope) -> Actor:
    """Who sent this request: the JWT authorizer's claims when API Gateway ran one (Mangum
    passes the event as scope["aws.event"]), else the bearer token, verified here."""
    actor = scope.get(_ACTOR)
    if not isinstance(actor, Actor):
        actor = await authenticate(bearer_token(scope), scope.get("aws.event"))
        scope[_ACTOR] = actor  # the idempotency middleware asked first: verify once
    return actor


def require(*roles: Role) -> Callable[..., Awaitable[Actor]]:
    """A FastAPI dependency: the caller, if their token is valid and their role allowed."""
    allowed = frozenset(roles)

    async def principal(
        request: Request,
        _: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Actor:
        actor = await caller(request.scope)
        if actor.role not in allowed:
            raise Forbidden(f"role {actor.role} may not use this endpoint")
        return actor

    # The Idempotency-Key middleware reads this to authorise a replay before answering it.
    principal.roles = allowed  # type: ignore[attr-defined]
    return principal


# The role sets the routes use, named once (as full-stack-fastapi-template's deps.py does):
# a route says `actor: ServiceOrAgent` rather than spelling the roles again.
Service = Annotated[Actor, Depends(require(Role.service))]
Supervisor = Annotated[Actor, Depends(require(Role.supervisor))]
Agent = Annotated[Actor, Depends(require(Role.agent))]
ServiceOrAgent = Annotated[Actor, Depends(require(Role.service, Role.agent))]
AgentOrSupervisor = Annotated[Actor, Depends(require(Role.agent, Role.supervisor))]
ServiceOrSupervisor = Annotated[Actor, Depends(require(Role.service, Role.supervisor))]
AnyRole = Annotated[Actor, Depends(require(Role.service, Role.agent, Role.supervisor))]
