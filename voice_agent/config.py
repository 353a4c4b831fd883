"""The worker's settings, from the environment (one place)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_INSTRUCTIONS = (
    "You are the first voice of a customer service line. Be brief and warm. When the caller "
    "asks for a person, or you cannot help, call transfer_to_human with the queue that fits. "
    "The caller cannot choose a priority or a particular agent. When nobody can take the call, "
    "offer a callback and record it with request_callback."
)


@dataclass(frozen=True)
class Config:
    api_url: str
    service_token: str
    queues: tuple[str, ...] = ("support",)
    instructions: str = DEFAULT_INSTRUCTIONS
    agent_name: str = "warm-transfer-agent"
    groq_api_key: str = ""
    groq_base_url: str = "https://api.groq.com/openai/v1"
    groq_model: str = "llama-3.3-70b-versatile"
    # How often a waiting transfer is read (s): its moves reach the caller within this.
    poll_seconds: float = 1.0
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Config:
        e = dict(os.environ if env is None else env)
        base = cls(api_url=e["WARM_TRANSFER_API_URL"], service_token=e["WARM_TRANSFER_TOKEN"])
        queues = tuple(q.strip() for q in e.get("VOICE_AGENT_QUEUES", "").split(",") if q.strip())
        return cls(
            api_url=base.api_url,
            service_token=base.service_token,
            queues=queues or base.queues,
            instructions=e.get("VOICE_AGENT_INSTRUCTIONS", base.instructions),
            agent_name=e.get("LIVEKIT_AGENT_NAME", base.agent_name),
            groq_api_key=e.get("GROQ_API_KEY", ""),
            # The functions' GROQ_BASE_URL is the host; the plugin wants the OpenAI path.
            groq_base_url=e["GROQ_BASE_URL"].rstrip("/") + "/openai/v1"
            if e.get("GROQ_BASE_URL")
            else base.groq_base_url,
            groq_model=e.get("GROQ_MODEL", base.groq_model),
        )
