"""The voice turn's fixed replies, and the turn without Groq: canned replies, and a
request for a person recognised from the caller's own words."""

from __future__ import annotations

import re

from functions.domain.models.voice import Reply

# Said when the call is handed to a person, whoever decided it (Groq's tool call or the
# caller's own words offline).
REPLY_HANDOFF = (
    "Of course. I'm connecting you to a member of our team now; please stay on the line."
)
REPLY_OFFLINE = (
    "Thank you, I've noted that. I'm an automated assistant and can't sort this out myself "
    "right now; say 'agent' at any time and I'll connect you to a person."
)
REPLY_NOT_HEARD = "Sorry, I couldn't make that out. Could you say it again?"
OFFLINE_TRANSFER_REASON = "The caller asked to speak to a person."
NOTHING_HEARD = "nothing_heard: the audio held no words"

# A caller asking for a person, in the words callers use. Deliberately narrow: "the
# person at the store" or "my travel agent" are not requests.
_PERSON = re.compile(
    r"""
    \b(?:speak|talk|chat)\s+(?:to|with)\s+(?:a|an|the|your|some)?\s*
        (?:real\s+|live\s+|actual\s+|human\s+)?
        (?:person|human|agent|representative|rep|operator|someone|somebody|manager|supervisor)\b
    | \b(?:want|need|get\s+me|give\s+me|put\s+me\s+through\s+to)\s+(?:a|an|to\s+a)?\s*
        (?:real\s+|live\s+|actual\s+)?(?:person|human|representative|operator|agent)\b
    | \b(?:transfer|connect)\s+me\b
    | \b(?:human|person|agent|representative|operator)\s*,?\s*(?:please|now)\b
    | ^\W*(?:agent|representative|operator|human)\W*$
    """,
    re.IGNORECASE | re.VERBOSE,
)


def asks_for_person(text: str) -> bool:
    return bool(_PERSON.search(text))


def offline_reply(heard: str | None) -> Reply:
    if not heard:
        return Reply(REPLY_NOT_HEARD, False, None)
    if asks_for_person(heard):
        return Reply(REPLY_HANDOFF, True, OFFLINE_TRANSFER_REASON)
    return Reply(REPLY_OFFLINE, False, None)
