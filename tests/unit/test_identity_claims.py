"""Who a verified token names: role claims as providers send them, services by scope."""

from __future__ import annotations

from typing import Any

import pytest

from functions.domain.actor import Actor
from functions.domain.errors import InvalidToken
from functions.domain.models import Role
from functions.identity.claims import actor_from_claims, role_of
from functions.shared.settings import Settings


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("role_claim", "claims", "role"),
    [
        ("role", {"role": "agent"}, Role.agent),
        ("cognito:groups", {"cognito:groups": ["staff", "supervisor"]}, Role.supervisor),
        # API Gateway's JWT authorizer hands a list claim on as one string (read as a list
        # only where the claims came from it: test_a_rendered_list_is_read_only_from_the_edge).
        ("custom:role", {"custom:role": "supervisor"}, Role.supervisor),
        # No role claim: a client-credentials client is a service by its scope.
        ("role", {"scope": "openid warm-transfer/service"}, Role.service),
        ("role", {"scp": ["warm-transfer/service"]}, Role.service),
        # A role claim wins over a scope: least privilege.
        ("role", {"role": "agent", "scope": "warm-transfer/service"}, Role.agent),
    ],
)
def test_the_role_is_read_from_the_configured_claim_or_the_service_scope(
    role_claim: str, claims: dict[str, Any], role: Role
) -> None:
    got = actor_from_claims({"sub": "someone", **claims}, settings(auth_role_claim=role_claim))
    assert got == Actor("someone", role)


@pytest.mark.parametrize(
    ("claims", "detail"),
    [
        ({"sub": "x", "cognito:groups": ["agent", "supervisor"]}, "more than one role"),
        ({"sub": "x", "cognito:groups": ["staff"]}, "no known role"),
        ({"sub": "x", "scope": "warm-transfer/other"}, "no known role"),
        ({"sub": "auth0|123", "cognito:groups": ["agent"]}, "not a valid id"),
        ({"cognito:groups": ["agent"]}, "not a valid id"),
    ],
)
def test_ambiguous_or_missing_identities_are_refused(claims: dict[str, Any], detail: str) -> None:
    with pytest.raises(InvalidToken, match=detail):
        actor_from_claims(claims, settings(auth_role_claim="cognito:groups"))


def test_the_subject_claim_is_configurable() -> None:
    claims = {"sub": "0b5e-uuid", "username": "bob", "role": "agent"}
    got = actor_from_claims(claims, settings(auth_subject_claim="username"))
    assert got == Actor("bob", Role.agent)


def test_an_empty_issuer_is_no_issuer() -> None:
    # serverless.yml passes the unset params as "".
    assert settings(auth_oidc_issuer="", auth_oidc_audience="").auth_oidc_issuer is None
    assert settings(auth_oidc_audience=" a, ,b ").auth_audiences == {"a", "b"}


def test_a_rendered_list_is_read_only_from_the_edge() -> None:
    """Issue 24, point 5: a token's own role claim "[customer service]" is one group's name,
    not the roles customer and service; API Gateway's rendering of a list is read as a list
    only where the claims came from its authorizer."""
    s = settings(auth_role_claim="cognito:groups")
    with pytest.raises(InvalidToken):
        role_of({"cognito:groups": "[customer service]"}, s)
    assert role_of({"cognito:groups": "[staff agent]"}, s, rendered=True) is Role.agent
