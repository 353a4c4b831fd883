"""A real OpenID provider on 127.0.0.1 (tests/support/oidc_provider.mjs, the npm package
oidc-provider) and what tests do with it: ask for client-credentials tokens, restart it
with other keys (rotation), and sign tokens with its own keys (to make ones it would never
issue: expired, not yet valid, from another issuer...)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
AUDIENCE = "https://api.warm-transfer.test"
SERVICE_SCOPE = "warm-transfer/service"
ROLE_CLAIM = "cognito:groups"


# The agent console's public client (Authorization Code + PKCE, no secret).
CONSOLE_CLIENT_ID = "warm-transfer-console"


@dataclass(frozen=True)
class Client:
    client_id: str
    alg: str
    groups: tuple[str, ...] = ()  # the role claim's value (a list, as Cognito's groups)

    @property
    def secret(self) -> str:
        return f"secret-of-{self.client_id}-0123456789"

    @property
    def password(self) -> str:
        """A person's password at the provider's sign-in page (those with groups)."""
        return f"password-of-{self.client_id}"

    @property
    def claims(self) -> dict[str, Any]:
        return {ROLE_CLAIM: list(self.groups)} if self.groups else {}


# The voice pipeline has no role claim: its role is its scope. People have a role among
# their groups; one signing algorithm each, so every accepted one is exercised.
CLIENTS = (
    Client("voice-pipeline", "RS256"),
    Client("bob", "ES256", ("staff", "agent")),
    Client("alice", "RS256", ("agent",)),
    Client("eve", "ES256", ("agent",)),
    Client("sup-1", "PS256", ("supervisor", "staff")),
    Client("nobody", "RS256", ("staff",)),
)


@dataclass
class KeySet:
    """An RSA key (RS256 and PS256) and a P-256 key (ES256), with key ids."""

    name: str
    rsa_key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    ec_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )

    def kid(self, alg: str) -> str:
        return f"{self.name}-{alg.lower()}"

    def private(self, alg: str) -> Any:
        return self.ec_key if alg == "ES256" else self.rsa_key

    def jwks(self) -> dict[str, Any]:
        keys = []
        for alg in ("RS256", "PS256", "ES256"):
            algo = jwt.algorithms.ECAlgorithm if alg == "ES256" else jwt.algorithms.RSAAlgorithm
            jwk = algo.to_jwk(self.private(alg), as_dict=True)
            keys.append({**jwk, "kid": self.kid(alg), "alg": alg, "use": "sig"})
        return {"keys": keys}

    def public_pem(self) -> bytes:
        return self.rsa_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Issuer:
    """`console`: the agent console's redirect URI (<api>/console/); with it the provider also
    signs people in for the console's public client, and its token endpoint answers the
    console's origin (CORS)."""

    def __init__(
        self, workdir: Path, keys: KeySet | None = None, *, console: str | None = None
    ) -> None:
        self.workdir = workdir
        self.console = console
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.keys = keys or KeySet("k1")
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Issuer:
        node = shutil.which("node")
        assert node, "node is needed for the OpenID provider (make test installs node_modules)"
        config = self.workdir / f"oidc-{self.port}.json"
        settings: dict[str, Any] = {
            "issuer": self.url,
            "port": self.port,
            "jwks": self.keys.jwks(),
            "scope": SERVICE_SCOPE,
            "clients": [
                {
                    "client_id": c.client_id,
                    "client_secret": c.secret,
                    "alg": c.alg,
                    "claims": c.claims,
                }
                for c in CLIENTS
            ],
            # The same people sign in at the provider's page with a password.
            "accounts": [
                {"sub": c.client_id, "password": c.password, "claims": c.claims}
                for c in CLIENTS
                if c.groups
            ],
        }
        if self.console:
            parts = urlsplit(self.console)
            settings["console"] = {
                "client_id": CONSOLE_CLIENT_ID,
                "redirect_uri": self.console,
                "origin": f"{parts.scheme}://{parts.netloc}",
                "resource": AUDIENCE,
                "alg": "ES256",
            }
        config.write_text(json.dumps(settings))
        self._proc = subprocess.Popen(
            [node, str(SCRIPT), str(config)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(self._proc.stderr.read().decode() if self._proc.stderr else "")
            try:
                if httpx.get(f"{self.url}/.well-known/openid-configuration").status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("the OpenID provider did not start")

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(timeout=10)
            self._proc = None

    def restart(self, keys: KeySet) -> None:
        """The same issuer (URL) with another key set: a key rotation."""
        self.stop()
        self.keys = keys
        self.start()

    def token(self, client_id: str, *, resource: str = AUDIENCE, scope: str | None = None) -> str:
        """A client-credentials access token, as the client would ask for it."""
        client = next(c for c in CLIENTS if c.client_id == client_id)
        form = {"grant_type": "client_credentials", "resource": resource}
        if scope:
            form["scope"] = scope
        res = httpx.post(f"{self.url}/token", data=form, auth=(client_id, client.secret))
        assert res.status_code == 200, res.text
        return str(res.json()["access_token"])

    def service(self) -> str:
        return self.token("voice-pipeline", scope=SERVICE_SCOPE)

    def supervisor(self) -> str:
        return self.token("sup-1")

    def sign(
        self, claims: dict[str, Any], *, alg: str = "RS256", keys: KeySet | None = None
    ) -> str:
        """A token signed with this issuer's key (or `keys`), with the claims given."""
        keys = keys or self.keys
        now = int(time.time())
        payload = {"iss": self.url, "aud": AUDIENCE, "iat": now, "exp": now + 300, **claims}
        payload = {k: v for k, v in payload.items() if v is not None}
        return jwt.encode(payload, keys.private(alg), alg, headers={"kid": keys.kid(alg)})
