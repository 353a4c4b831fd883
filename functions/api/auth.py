"""Bearer JWT auth (HS256): who is calling, and whether their role may use a route."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Annotated

import jwt
from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from functions.domain.errors import Forbidden, ServiceUnavailable, Unauthorized
from functions.domain.lifecycle import Actor
from functions.domain.models import ID_PATTERN, Role
from functions.shared.settings import get_settings

_bearer = HTTPBearer(auto_error=False, description="JWT (HS256) with claims sub, role, exp")
_REQUIRED_CLAIMS = ["sub", "role", "exp"]


def decode_token(token: str) -> Actor:
    """Verify a token and return who it names; Unauthorized for anything amiss."""
    secret = get_settings().auth_jwt_secret
    if secret is None:
        raise ServiceUnavailable("authentication is not configured (AUTH_JWT_SECRET)")
    try:
        # Pinning algorithms refuses `alg: none` and algorithm-confusion tokens.
        claims = jwt.decode(
            token,
            secret.get_secret_value(),
            algorithms=["HS256"],
            options={"require": _REQUIRED_CLAIMS},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("token has expired") from exc
    except jwt.InvalidTokenError as exc:
        raise Unauthorized("token is invalid") from exc
    exp = claims["exp"]
    if isinstance(exp, bool) or not isinstance(exp, int | float):
        # PyJWT converts a string exp with int(): RFC 7519 says a NumericDate.
        raise Unauthorized("token exp is not a number")
    try:
        role = Role(claims["role"])
    except ValueError as exc:
        raise Unauthorized("token names an unknown role") from exc
    sub = claims["sub"]
    if not isinstance(sub, str) or not re.fullmatch(ID_PATTERN, sub):
        raise Unauthorized("token subject is not a valid id")
    return Actor(sub=sub, role=role)


def require(*roles: Role) -> Callable[..., Awaitable[Actor]]:
    """A FastAPI dependency: the caller, if their token is valid and their role allowed."""
    allowed = frozenset(roles)

    async def principal(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Actor:
        if credentials is None:
            raise Unauthorized("missing bearer token")
        actor = decode_token(credentials.credentials)
        if actor.role not in allowed:
            raise Forbidden(f"role {actor.role} may not use this endpoint")
        return actor

    # The Idempotency-Key middleware reads this to authorise a replay before answering it.
    principal.roles = allowed  # type: ignore[attr-defined]
    return principal
