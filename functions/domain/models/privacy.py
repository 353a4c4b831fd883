"""Erasure and the audit of reads: what DELETE /calls/{id} answers and keeps, and what
GET /calls/{id}/audit lists."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from functions.domain.models import Timestamp


class ErasedCall(BaseModel):
    """The tombstone an erasure keeps: who, when and how much, no content."""

    call_id: str = Field(description="The call erased", examples=["c1"])
    erased_at: Timestamp = Field(description="When it was erased (the first request)")
    erased_by: str = Field(description="Who erased it", examples=["sup-1"])
    erased_role: str = Field(description="Their role", examples=["supervisor"])
    turns: int = Field(description="Transcript turns erased", examples=[12])
    transfers: int = Field(description="Transfers whose briefings were erased", examples=[1])


class AuditRecord(BaseModel):
    """One read of a call's transcript or a transfer's briefing by a person."""

    call_id: str = Field(description="The call read", examples=["c1"])
    who: str = Field(description="The agent or supervisor", examples=["bob"])
    role: Literal["agent", "supervisor"] = Field(description="Their role")
    what: Literal["transcript", "briefing"] = Field(description="What was read")
    transfer_id: str | None = Field(None, description="The transfer, for a briefing")
    when: Timestamp = Field(description="When it was read")
    request_id: str | None = Field(None, description="The request's id (X-Request-Id)")


class AuditPage(BaseModel):
    items: list[AuditRecord] = Field(description="Newest first")
    next_cursor: str | None = Field(None, description="Pass as `cursor` for older reads")
