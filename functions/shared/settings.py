"""The one typed settings object, read from the environment. Nothing else reads os.environ."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    # Store
    table_name: str = "warm-transfer"
    aws_region: str = Field(default="us-east-1", validation_alias="AWS_REGION")
    # Set locally and in tests (moto server); unset on AWS.
    dynamodb_endpoint_url: str | None = None
    # Retention, applied by DynamoDB TTL (docs/privacy.md), one setting per kind: calls
    # and their turns (from the last append), finished transfers (from their end), and the
    # audit of reads with the tombstones of erased calls. RECORD_TTL_DAYS, the older
    # single setting, is the default of the first two.
    record_ttl_days: int = Field(default=90, ge=1)
    call_retention_days: int = Field(default=90, ge=1)
    transfer_retention_days: int = Field(default=90, ge=1)
    audit_retention_days: int = Field(default=400, ge=1)

    @model_validator(mode="before")
    @classmethod
    def _retention_defaults(cls, data: Any) -> Any:
        if isinstance(data, dict):
            base = data.get("record_ttl_days", 90)
            for name in ("call_retention_days", "transfer_retention_days"):
                if data.get(name) in (None, ""):
                    data[name] = base
        return data

    # Auth: HS256 secret shared with whoever mints the tokens. Unset means every
    # authenticated route refuses (503), never that auth is skipped.
    auth_jwt_secret: SecretStr | None = None
    # Production: an OpenID provider's tokens, verified through its JWKS (functions/identity).
    # When an issuer is set, HS256 tokens are refused whatever their signature.
    auth_oidc_issuer: str | None = None
    # Accepted `aud` values, comma-separated (a token without `aud` may name one in
    # `client_id`, as Cognito's access tokens do and API Gateway's JWT authorizer accepts).
    auth_oidc_audience: str | None = None
    # The claim naming the role: a string, or a list holding it among other groups
    # (`cognito:groups`); and the claim naming who the caller is.
    auth_role_claim: str = "role"
    auth_subject_claim: str = "sub"
    # Client-credentials tokens (the voice pipeline) carry this scope instead of a role claim.
    auth_service_scope: str = "warm-transfer/service"
    # Clock skew allowed on exp and nbf.
    auth_leeway_seconds: int = Field(default=30, ge=0, le=300)
    # An unknown `kid` fetches the JWKS again at most this often; keys older than the max
    # age are fetched again (a key the issuer dropped stops working within that time).
    auth_jwks_refetch_seconds: int = Field(default=10, ge=1, le=3600)
    auth_jwks_max_age_seconds: int = Field(default=3600, ge=60, le=86_400)
    # Discovery and JWKS requests (each); beyond it a request is answered 503.
    auth_jwks_timeout_seconds: float = Field(default=3.0, gt=0, le=10)

    @field_validator(
        "auth_jwt_secret",
        "auth_oidc_issuer",
        "auth_oidc_audience",
        "console_oidc_client_id",
        "console_oidc_resource",
        "console_oidc_provider_name",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # serverless.yml passes what is not in use as "" (no issuer; no secret with one).
        return None if value == "" else value

    @property
    def auth_audiences(self) -> frozenset[str]:
        raw = self.auth_oidc_audience or ""
        return frozenset(a.strip() for a in raw.split(",") if a.strip())

    # Lifecycle: an initiated transfer nobody accepts within this time expires (a transfer
    # to a queue waits by its queue's max_wait_seconds and overflow instead).
    transfer_accept_timeout_seconds: int = Field(default=300, ge=1)

    # Routing (queues and presence).
    # A claim listing the queues an agent belongs to (e.g. cognito:groups), beside each
    # queue's own `members`: an agent is a member of a queue either names. Unset: none.
    auth_queues_claim: str | None = None
    # An agent without an open console socket is offline and is never offered a transfer.
    presence_requires_socket: bool = True
    # Offers in a row an agent lets run out before routing sets it away.
    presence_missed_offers: int = Field(default=2, ge=1, le=20)
    # The SQS queue of routing's timers (offer timeouts, queue waits, wrap-ups), each a
    # message delayed until it is due. Unset: timers run only when a read or the minute's
    # sweep finds them due.
    routing_timer_queue_url: str | None = None
    # Telephony (LiveKit SIP): transferring a caller out to a queue's fallback_phone rings
    # for at most this long (the timer function's own timeout is 30 s).
    sip_ringing_timeout_seconds: int = Field(default=20, ge=5, le=25)
    # Dialling phones (to_phone, queue members that are phones) goes out through this
    # LiveKit outbound trunk; unset, a transfer to a phone is a 503 sip-not-configured.
    livekit_sip_outbound_trunk_id: str | None = None
    # The number a dialled phone sees (the trunk's own when unset).
    sip_caller_id: str | None = Field(default=None, pattern=r"^(\+[1-9][0-9]{6,14})?$")
    # A timer may fire this early (SQS delays are whole seconds) and still count as due.
    routing_timer_grace_seconds: float = Field(default=0.25, ge=0, le=5)

    # KPIs (GET /stats, the board, the alarms): a transfer accepted within this many seconds
    # of its initiation counts toward the service level.
    service_level_seconds: int = Field(default=20, ge=1, le=3600)

    # Listing
    list_default_limit: int = Field(default=20, ge=1, le=100)
    # Signs list cursors (HMAC). A key of its own: rotating the JWT secret, or tokens from
    # an OpenID provider, leave cursors alone. Unset means GET /transfers refuses (503).
    cursor_secret: SecretStr | None = None

    # Reliability: idempotency, request limits, logs.
    # A stored Idempotency-Key answer is replayed for this long (then DynamoDB TTL drops it).
    idempotency_ttl_seconds: int = Field(default=86_400, ge=60, le=30 * 86_400)
    # In-progress lock when there is no Lambda context to read the remaining time from
    # (local server): a retry may take a key over after this long.
    idempotency_in_progress_seconds: int = Field(default=60, ge=1, le=900)
    # Request bodies above this are refused (413) before parsing; /ai-voice has its own.
    max_body_bytes: int = Field(default=256 * 1024, ge=1024, le=6 * 1024 * 1024)
    # Scheduled expiry sweep: transfers expired per run (the rest wait for the next minute).
    expiry_sweep_max_items: int = Field(default=500, ge=1, le=10_000)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Logs and metrics (Powertools): the `service` of every line and metric, and the
    # CloudWatch namespace of the metrics (serverless.yml names one per stage).
    service_name: str = Field(default="warm-transfer", validation_alias="POWERTOOLS_SERVICE_NAME")
    metrics_namespace: str = Field(
        default="warm-transfer-local", validation_alias="POWERTOOLS_METRICS_NAMESPACE"
    )

    @property
    def ai_voice_max_body_bytes(self) -> int:
        """The /ai-voice body limit: the largest audio base64-encoded, plus room for the rest."""
        return (self.ai_voice_max_audio_bytes + 2) // 3 * 4 + 64 * 1024

    # Language (Groq). Unset key means every language call uses the offline path.
    groq_api_key: SecretStr | None = None
    # Host root; the SDK adds /openai/v1/... Passed explicitly so the SDK never reads env.
    groq_base_url: str = "https://api.groq.com"
    # Groq retires models: model names live here and nowhere else.
    groq_briefing_model: str = "llama-3.3-70b-versatile"
    groq_voice_model: str = "llama-3.1-8b-instant"
    groq_whisper_model: str = "whisper-large-v3-turbo"
    groq_tts_model: str = "canopylabs/orpheus-v1-english"
    groq_tts_voice: str = "autumn"
    groq_tts_format: Literal["wav", "mp3", "flac", "ogg"] = "wav"
    groq_temperature: float = Field(default=0.2, ge=0, le=2)
    groq_briefing_max_tokens: int = Field(default=700, ge=64, le=8192)
    groq_voice_max_tokens: int = Field(default=300, ge=16, le=4096)
    # Per HTTP attempt; with retries and the budget below it fits inside the Lambda timeout.
    groq_timeout_seconds: float = Field(default=8.0, gt=0, le=60)
    groq_max_retries: int = Field(default=1, ge=0, le=5)
    # Wall-clock cap on one briefing (all attempts), after which the offline summariser writes it.
    groq_briefing_budget_seconds: float = Field(default=12.0, gt=0, le=60)
    # Wall-clock cap on each Groq step of an ai-voice turn (transcribe, reply, speak).
    groq_voice_budget_seconds: float = Field(default=8.0, gt=0, le=60)
    # Transcript quoted to the LLM is cut to about this many tokens (opening + latest turns).
    briefing_transcript_token_budget: int = Field(default=3000, ge=200, le=100_000)
    # The language briefings are written in when POST /initiate-transfer names none (BCP 47).
    briefing_default_language: str = Field(
        default="en", pattern=r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$", max_length=35
    )
    # Privacy: what is redacted from turns, caller details and call metadata before it is
    # stored, sent to Groq, logged, pushed or delivered (text/redaction.py's KINDS;
    # "" for none), and a customer's own patterns as JSON {"name": "regex"} (the text
    # matched becomes "[name]").
    redact: str = Field(default="card,cvv,iban,national_id", max_length=200)
    # Kept as (name, regex) pairs: the settings are hashed (cached per settings object).
    redact_patterns: tuple[tuple[str, str], ...] = Field(default=(), max_length=20)

    @field_validator("redact_patterns", mode="before")
    @classmethod
    def _patterns_compile(cls, patterns: object) -> object:
        if isinstance(patterns, str):
            patterns = json.loads(patterns) if patterns.strip() else {}
        if isinstance(patterns, dict):
            patterns = tuple(sorted(patterns.items()))
        for name, pattern in patterns:  # type: ignore[attr-defined]
            if not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", name):
                raise ValueError(f"REDACT_PATTERNS name {name!r}: lower case letters, digits, _")
            re.compile(pattern)  # a bad pattern stops the function at start, not at a turn
        return patterns

    # Turns of recent history the ai-voice reply sees.
    ai_voice_history_turns: int = Field(default=12, ge=1, le=100)
    # Decoded audio limit: API Gateway/Lambda payloads stop at 6 MB, and base64 adds a third.
    ai_voice_max_audio_bytes: int = Field(default=4_000_000, ge=1024, le=4_400_000)

    # LiveKit. All three of URL, key and secret set means configured; otherwise transfers
    # carry no rooms and /token, /rooms answer 503. Passed explicitly: the SDK never reads env.
    livekit_url: str | None = None
    livekit_api_key: str | None = None
    livekit_api_secret: SecretStr | None = None
    # Join tokens are short-lived: an agent asks again rather than holding a long pass.
    livekit_token_ttl_seconds: int = Field(default=600, ge=60, le=86_400)
    # A consult room nobody joins (or everyone left) closes itself after this long.
    livekit_consult_empty_timeout_seconds: int = Field(default=300, ge=10, le=86_400)
    # Whole RoomService request (connect + response); well inside the Lambda timeout.
    livekit_request_timeout_seconds: float = Field(default=3.0, gt=0, le=30)
    # Hand-off at completion: "remove" the first agent from the caller's room (any LiveKit),
    # or "move" the receiving agent from the consult room into it first (LiveKit Cloud only).
    livekit_handoff: Literal["remove", "move"] = "remove"
    # The AI voice agent a room's /agent endpoints dispatch (a worker registered with
    # LiveKit under this name; functions/livekit/agents.py).
    livekit_agent_name: str = Field(default="warm-transfer-agent", min_length=1, max_length=128)

    # Hardening (issue 11).
    # Bytes read from one Groq response at most (a synthesised reply's audio is the largest
    # answer, ~1 MB); a larger body is cut off and counted as a bad answer.
    groq_max_response_bytes: int = Field(default=8 * 1024 * 1024, ge=64 * 1024, le=64 * 1024 * 1024)
    # A request's store work ends this long before the Lambda's remaining time does: time
    # kept back to release an Idempotency-Key claim and answer 503 before Lambda kills it.
    request_margin_seconds: float = Field(default=1.5, ge=0.2, le=10)
    # Without a Lambda context (local server): the time a request's store work may take
    # (API Gateway's HTTP API gives up on an integration after 30 s).
    request_budget_seconds: float = Field(default=29.0, gt=0, le=900)
    # A write that keeps losing to concurrent writes of the same item (appends to one call,
    # transaction conflicts) is retried with jittered backoff this long, then 503.
    store_retry_seconds: float = Field(default=4.0, gt=0, le=60)
    # A call's transcript holds at most this many turns; an append past it is a 409
    # (transcript-full). 5,000 turns is hours of conversation.
    call_max_turns: int = Field(default=5_000, ge=10, le=100_000)
    # GET /calls/{call_id} returns the turns a page at a time (next_turns_cursor): at most
    # 200 turns of up to 4,000 characters stay under Lambda's 6 MB response limit.
    call_turns_page_size: int = Field(default=200, ge=1, le=200)

    # Events (README "Events"). A WebSocket connection record outlives no API Gateway
    # socket (2 h at most); TTL removes records whose $disconnect never came.
    websocket_connection_ttl_seconds: int = Field(default=7200, ge=60, le=86_400)
    # Open sockets one person may hold (each event fans out to every one of them): a few
    # tabs and devices, not a hundred.
    websocket_max_per_person: int = Field(default=10, ge=1, le=100)
    # Per post_to_connection; a stalled socket must not hold up the other agents' events.
    websocket_post_timeout_seconds: float = Field(default=3.0, gt=0, le=30)
    # The Management API endpoint for post_to_connection. Unset (AWS): https://<domain>/<stage>
    # of the $connect event. The local server sets its own http://127.0.0.1:<port>.
    websocket_management_url: str | None = None
    # Webhooks: the delivery queue and its dead-letter queue (SQS URLs; unset: no webhook
    # deliveries are queued). SQS_ENDPOINT_URL is set locally and in tests (moto).
    webhook_queue_url: str | None = None
    webhook_dlq_url: str | None = None
    sqs_endpoint_url: str | None = None
    # Each delivery attempt is bounded by this (connect + response).
    webhook_timeout_seconds: float = Field(default=5.0, gt=0, le=30)
    # Attempts before a delivery goes to the DLQ; retry n waits base * 2^(n-1) seconds
    # (10, 20, 40, ... s: the first retry within a minute), capped by SQS at 12 h.
    webhook_max_attempts: int = Field(default=8, ge=1, le=20)
    webhook_retry_base_seconds: int = Field(default=10, ge=0, le=900)
    # SSRF guard: targets must be https on public addresses unless this is true (make run,
    # tests: receivers on 127.0.0.1).
    webhook_allow_private_targets: bool = False

    # Agent console (/console/). The WebSocket API's URL (wss://...) when it is not on the
    # page's own origin, as on AWS; unset: the page connects to /ws on its origin (local server).
    console_websocket_url: str | None = None
    # Sign-in with the OpenID provider (AUTH_OIDC_ISSUER): the console's public client
    # (Authorization Code + PKCE, no secret; its redirect URI is <api>/console/). Unset: the
    # page offers only a pasted token.
    console_oidc_client_id: str | None = None
    # What the page asks the provider for: scopes, and the resource indicator (RFC 8707)
    # that makes the access token name the API in `aud` (oidc-provider needs it; leave it
    # unset for providers that put the audience in by themselves).
    console_oidc_scope: str = "openid"
    console_oidc_resource: str | None = None
    # The provider's name on the sign-in button ("Sign in with ..."); unset: the issuer's host.
    console_oidc_provider_name: str | None = None

    @property
    def console_sign_in(self) -> bool:
        """The console offers sign-in with the provider: an issuer and a client for it."""
        return bool(self.auth_oidc_issuer and self.console_oidc_client_id)


@cache
def get_settings() -> Settings:
    """Settings for this process; tests call get_settings.cache_clear() after changing env."""
    return Settings()
