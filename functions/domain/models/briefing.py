"""The briefing a receiving agent gets: what the LLM or the offline summariser writes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

# ---- briefing --------------------------------------------------------------------------


class Customer(BaseModel):
    """The customer details the call contains."""

    name: str | None = Field(None, description="The caller's name", examples=["Dana"])
    phone: str | None = Field(None, description="A phone number said", examples=["555-0100"])
    account: str | None = Field(None, description="An account number said", examples=["AC-991"])


# Read aloud to the agent: under 20 seconds of speech.
SPOKEN_MAX_WORDS = 60
SPOKEN_MAX_CHARS = 600


class Briefing(BaseModel):
    """What the receiving agent gets before taking the caller."""

    headline: Annotated[str, StringConstraints(max_length=200)] = Field(
        description="The call in one line", examples=["Double charge on account AC-991"]
    )
    reason: Annotated[str, StringConstraints(max_length=1000)] = Field(
        description="Why the caller needs a person"
    )
    customer: Customer = Field(default_factory=Customer, description="Who the caller is")
    sentiment: Literal["positive", "neutral", "negative", "upset"] = Field(
        "neutral", description="How the caller feels"
    )
    key_facts: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        default_factory=list, max_length=10, description="What the agent should know"
    )
    next_steps: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        default_factory=list, max_length=10, description="What the agent should do"
    )
    # Kept to SPOKEN_MAX_WORDS by llm.prompts.cap_spoken.
    spoken: Annotated[str, StringConstraints(max_length=SPOKEN_MAX_CHARS)] = Field(
        description="The briefing to read aloud to the agent (at most 60 words)"
    )


class BriefingCorrection(BaseModel):
    """One change the fact check made to an LLM briefing: a number, email or amount the
    call does not contain was removed, or a fact the call holds was added back."""

    action: Literal["removed", "added"] = Field(description="What the fact check did")
    kind: str = Field(
        description="id, phone, email, amount, name, date, or a reference kind (order, ...)",
        examples=["phone"],
    )
    value: str = Field(description="The value removed or added", examples=["555-0199"])
    where: str = Field(
        description="The briefing field: headline, reason, customer.account, key_facts, ...",
        examples=["key_facts"],
    )


# A BCP 47 language tag ("en", "pt-BR", "zh-Hant-TW"): the language a briefing is written in.
LanguageTag = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$", max_length=35)
]
