"""Minting bearer tokens the way an identity provider would (HS256, sub/role/exp)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import jwt


@dataclass(frozen=True)
class Tokens:
    secret: str

    def mint(self, sub: str, role: str, ttl: int = 3600, **claims: Any) -> str:
        payload = {"sub": sub, "role": role, "exp": int(time.time()) + ttl, **claims}
        return jwt.encode(payload, self.secret, algorithm="HS256")

    def service(self, sub: str = "voice-pipeline") -> str:
        return self.mint(sub, "service")

    def agent(self, sub: str) -> str:
        return self.mint(sub, "agent")

    def supervisor(self, sub: str = "sup-1") -> str:
        return self.mint(sub, "supervisor")
