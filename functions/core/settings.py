"""The one typed settings object, read from the environment. Nothing else reads os.environ."""

from __future__ import annotations

from functools import cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    # Store
    table_name: str = "warm-transfer"
    aws_region: str = Field(default="us-east-1", validation_alias="AWS_REGION")
    # Set locally and in tests (moto server); unset on AWS.
    dynamodb_endpoint_url: str | None = None
    # Calls, turns and finished transfers age out through DynamoDB TTL.
    record_ttl_days: int = Field(default=90, ge=1)

    # Auth: HS256 secret shared with whoever mints the tokens. Unset means every
    # authenticated route refuses (503), never that auth is skipped.
    auth_jwt_secret: SecretStr | None = None

    # Lifecycle: an initiated transfer nobody accepts within this time expires.
    transfer_accept_timeout_seconds: int = Field(default=300, ge=1)

    # Listing
    list_default_limit: int = Field(default=20, ge=1, le=100)


@cache
def get_settings() -> Settings:
    """Settings for this process; tests call get_settings.cache_clear() after changing env."""
    return Settings()
