"""Who a verified token names: its subject and role, read from the configured claims. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from functions.domain.actor import Actor
from functions.domain.errors import InvalidToken
from functions.domain.models import ID_PATTERN, Role
from functions.shared.settings import Settings

_ROLES = frozenset(r.value for r in Role)


def values(value: Any, *, rendered: bool = False) -> list[str]:
    """A claim as a list of strings: a string, or a list. `rendered`: the claims are API
    Gateway's rendering (`requestContext.authorizer.jwt.claims`), where a list claim is one
    string "[a b]"; only there is that form read as a list. (An item with a space cannot be
    told apart in it: tokens.authenticate reads the token's own claims instead when it can.)"""
    if isinstance(value, str):
        if rendered and value.startswith("[") and value.endswith("]"):
            return value[1:-1].split()
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def scopes(claims: Mapping[str, Any], *, rendered: bool = False) -> set[str]:
    """Granted scopes: `scope` (space-separated, RFC 8693) or `scp` (a list, as Okta sends)."""
    granted = {s for v in values(claims.get("scope"), rendered=rendered) for s in v.split()}
    return granted | set(values(claims.get("scp"), rendered=rendered))


def role_of(claims: Mapping[str, Any], settings: Settings, *, rendered: bool = False) -> Role:
    """The role claim names the role of a person (alone, or among other groups); a client
    signed in with client credentials has no such claim and is a service by its scope."""
    found = values(claims.get(settings.auth_role_claim), rendered=rendered)
    named = {v for v in found if v in _ROLES}
    if len(named) > 1:
        raise InvalidToken("token names more than one role")
    if named:
        return Role(named.pop())
    if settings.auth_service_scope in scopes(claims, rendered=rendered):
        return Role.service
    raise InvalidToken("token names no known role")


def actor_from_claims(
    claims: Mapping[str, Any], settings: Settings, *, rendered: bool = False
) -> Actor:
    sub = claims.get(settings.auth_subject_claim)
    if not isinstance(sub, str) or not re.fullmatch(ID_PATTERN, sub):
        raise InvalidToken("token subject is not a valid id")
    role = role_of(claims, settings, rendered=rendered)
    queues: tuple[str, ...] = ()
    if settings.auth_queues_claim and role is Role.agent:
        named = values(claims.get(settings.auth_queues_claim), rendered=rendered)
        queues = tuple(dict.fromkeys(q for q in named if re.fullmatch(ID_PATTERN, q)))
    return Actor(sub=sub, role=role, queues=queues)
