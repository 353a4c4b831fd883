"""Verify a bearer token, or take the claims API Gateway's JWT authorizer verified, and say
who is calling (an Actor). Every refusal is InvalidToken or Unauthorized (401); an issuer
whose keys cannot be fetched is a 503.

Two modes, by settings: with AUTH_OIDC_ISSUER, tokens of that OpenID provider (RS256,
PS256 or ES256 through its JWKS; iss, aud, exp and nbf checked) and nothing else, HS256
included; without it, HS256 tokens signed with AUTH_JWT_SECRET (local runs and tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jwt

from functions.domain.actor import Actor
from functions.domain.errors import InvalidToken, ServiceUnavailable, Unauthorized
from functions.identity import jwks
from functions.identity.claims import actor_from_claims
from functions.shared.settings import Settings, get_settings


def expiry(token: str) -> int | None:
    """The `exp` (epoch seconds) of a token `verify` accepted: what bounds a WebSocket
    opened with it. Read, not verified: verify() did that."""
    try:
        exp = jwt.decode(token, options={"verify_signature": False}).get("exp")
    except jwt.InvalidTokenError:
        return None
    return int(exp) if isinstance(exp, int | float) else None


async def verify(token: str) -> Actor:
    """Who `token` names, if it is valid in the configured mode."""
    settings = get_settings()
    if settings.auth_oidc_issuer:
        claims = await _issuer_claims(token, settings)
    else:
        claims = _shared_secret_claims(token, settings)
    return actor_from_claims(claims, settings)


async def authenticate(token: str | None, event: Mapping[str, Any] | None = None) -> Actor:
    """The caller of a request: from the claims API Gateway's JWT authorizer verified when
    one ran (`event` is the Lambda event), else from verifying `token` here."""
    settings = get_settings()
    claims = edge_claims(event)
    if claims is not None and settings.auth_oidc_issuer:
        # The authorizer checked signature, iss, aud and expiry; checking the issuer again
        # catches an authorizer wired to another one.
        if claims.get("iss") != settings.auth_oidc_issuer:
            raise InvalidToken("token is from another issuer")
        exact = _same_token_claims(token, claims)
        if exact is not None:
            return actor_from_claims(exact, settings)
        return actor_from_claims(claims, settings, rendered=True)
    if not token:
        raise Unauthorized("missing bearer token")
    return await verify(token)


def _same_token_claims(token: str | None, edge: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The claims of the bearer token the authorizer verified, as the token holds them: API
    Gateway renders a list claim as one string ("[customer service]" cannot be told from
    two items), the token itself has the list. Read without verifying again (the edge did),
    and used only if it is that token (same iss and sub)."""
    if not token:
        return None
    try:
        own = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError:
        return None
    same = own.get("iss") == edge.get("iss") and own.get("sub") == edge.get("sub")
    return own if same else None


def edge_claims(event: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """`requestContext.authorizer.jwt.claims` of an HTTP API event, when a JWT authorizer ran."""
    context = (event or {}).get("requestContext")
    authorizer = context.get("authorizer") if isinstance(context, Mapping) else None
    found = authorizer.get("jwt") if isinstance(authorizer, Mapping) else None
    claims = found.get("claims") if isinstance(found, Mapping) else None
    return claims if isinstance(claims, Mapping) and claims else None


def _header(token: str) -> dict[str, Any]:
    try:
        return jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as exc:
        raise InvalidToken("token is not a valid JWT") from exc


def _decode(token: str, key: Any, algorithm: str, **checks: Any) -> dict[str, Any]:
    try:
        claims = jwt.decode(token, key, algorithms=[algorithm], **checks)
    except jwt.ExpiredSignatureError as exc:
        raise InvalidToken("token has expired") from exc
    except jwt.ImmatureSignatureError as exc:
        raise InvalidToken("token is not valid yet") from exc
    except jwt.InvalidIssuerError as exc:
        raise InvalidToken("token is from another issuer") from exc
    except jwt.InvalidTokenError as exc:
        raise InvalidToken("token is invalid") from exc
    exp = claims.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, int | float):
        # PyJWT converts a string exp with int(): RFC 7519 says a NumericDate.
        raise InvalidToken("token exp is not a number")
    return claims


async def _issuer_claims(token: str, settings: Settings) -> dict[str, Any]:
    audiences = settings.auth_audiences
    if not audiences:
        raise ServiceUnavailable("authentication is misconfigured (AUTH_OIDC_AUDIENCE unset)")
    header = _header(token)
    # Refused before any key is looked up: none, HS256 (whatever secret signed it), ...
    if header.get("alg") not in jwks.ASYMMETRIC:
        raise InvalidToken("token is not signed with an accepted algorithm")
    key = await jwks.signing_key(settings, header.get("kid"))
    if header["alg"] != key.algorithm_name:
        raise InvalidToken("token algorithm does not match its key")
    claims = _decode(
        token,
        key.key,
        key.algorithm_name,
        issuer=settings.auth_oidc_issuer,
        leeway=settings.auth_leeway_seconds,
        # aud is checked below: a token without one may name the client instead.
        options={"require": ["exp", "iss"], "verify_aud": False},
    )
    # As API Gateway's JWT authorizer: `aud`, or `client_id` when there is no `aud`
    # (Cognito's access tokens carry no aud).
    named = claims["aud"] if "aud" in claims else claims.get("client_id")
    # Only strings name an audience: an object or a number there is a refused token (401),
    # never an error of ours.
    names = {n for n in (named if isinstance(named, list) else [named]) if isinstance(n, str)}
    if not names & audiences:
        raise InvalidToken("token is for another audience")
    return claims


def _shared_secret_claims(token: str, settings: Settings) -> dict[str, Any]:
    secret = settings.auth_jwt_secret
    if secret is None:
        raise ServiceUnavailable(
            "authentication is not configured (AUTH_OIDC_ISSUER or AUTH_JWT_SECRET)"
        )
    # Pinning the algorithm refuses `alg: none` and algorithm-confusion tokens.
    return _decode(
        token,
        secret.get_secret_value(),
        "HS256",
        options={"require": ["exp"]},
    )
