"""The agent console's static files (console/dist, built by console/build.mjs), served with
the headers a browser needs to run it safely: exact content types, a strict
Content-Security-Policy, and caching that never keeps a stale page."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

from functions.shared.settings import Settings

# The build's output; the package ships it beside functions/ (serverless.yml).
CONSOLE_DIST = Path(__file__).resolve().parents[2] / "console" / "dist"

# Set here rather than guessed from the host's mime.types, which Lambda's image may lack.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}
# Names under assets/ carry a hash of their content: they never change, so keep them.
IMMUTABLE = "public, max-age=31536000, immutable"
# The page and anything unhashed: always revalidate (an ETag makes that a 304).
REVALIDATE = "no-cache"


def _origins(url: str | None) -> list[str]:
    """The origins a browser reaches for `url`: LiveKit signals over wss and fetches over https."""
    if not url:
        return []
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return []
    pairs = {"ws": "http", "wss": "https", "http": "ws", "https": "wss"}
    other = pairs.get(parts.scheme)
    return [f"{parts.scheme}://{parts.netloc}"] + ([f"{other}://{parts.netloc}"] if other else [])


def _issuer_origin(settings: Settings) -> list[str]:
    """The OpenID provider's origin when the page signs in there: it fetches the discovery
    document and exchanges the code at the token endpoint (the redirect to the provider is a
    navigation, which connect-src does not govern)."""
    if not settings.console_sign_in or not settings.auth_oidc_issuer:
        return []
    parts = urlsplit(settings.auth_oidc_issuer)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


def security_headers(settings: Settings) -> dict[str, str]:
    """No inline script or style, nothing from another origin but the WebSocket, LiveKit and
    the OpenID provider."""
    connect = [
        "'self'",
        *_origins(settings.console_websocket_url),
        *_origins(settings.livekit_url),
        *_issuer_origin(settings),
    ]
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src {' '.join(connect)}",
            # LiveKit's remote audio plays from MediaStreams.
            "media-src 'self' blob: mediastream:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "microphone=(self), camera=(), geolocation=()",
    }


class ConsoleFiles(StaticFiles):
    """Starlette's StaticFiles (safe path lookup, ETag and 304, index.html) plus our headers."""

    def __init__(self, settings: Settings, directory: Path = CONSOLE_DIST) -> None:
        # check_dir=False: the function imports even where the console is not built.
        super().__init__(directory=directory, html=True, check_dir=False)
        self.headers = security_headers(settings)

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        path = Path(full_path)
        media_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
        response = FileResponse(
            path, status_code=status_code, stat_result=stat_result, media_type=media_type
        )
        is_asset = path.parent.name == "assets"
        response.headers["Cache-Control"] = IMMUTABLE if is_asset else REVALIDATE
        response.headers.update(self.headers)
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        return response


def _sign_in(settings: Settings) -> dict[str, Any] | None:
    """How the page signs a person in at the OpenID provider; None: by pasted token only."""
    if not settings.console_sign_in or not settings.auth_oidc_issuer:
        return None
    issuer = settings.auth_oidc_issuer
    return {
        "issuer": issuer,
        "client_id": settings.console_oidc_client_id,
        "scope": settings.console_oidc_scope,
        "resource": settings.console_oidc_resource,
        "provider_name": settings.console_oidc_provider_name or urlsplit(issuer).netloc,
    }


def client_config(settings: Settings) -> JSONResponse:
    """What the page reads at start: where live events come from, the accept timeout, the
    claims that name a person and their role, and how to sign in."""
    body = {
        # None: the WebSocket is on the page's own origin, at /ws (the local server).
        "websocket_url": settings.console_websocket_url,
        "accept_timeout_seconds": settings.transfer_accept_timeout_seconds,
        "role_claim": settings.auth_role_claim,
        "subject_claim": settings.auth_subject_claim,
        "sign_in": _sign_in(settings),
    }
    headers = {"Cache-Control": REVALIDATE, **security_headers(settings)}
    return JSONResponse(body, headers=headers)
