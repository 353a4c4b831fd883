"""Request models: the limits and shapes the API accepts."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from functions.domain.models.call import AppendTurnsRequest, CreateCallRequest
from functions.domain.models.transfer import InitiateTransferRequest


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        CreateCallRequest.model_validate({"call_id": "c1", "colour": "red"})


@pytest.mark.parametrize("bad", ["", "has space", "../etc", "x" * 129, "-leading"])
def test_ids_have_a_strict_pattern(bad: str) -> None:
    with pytest.raises(ValidationError):
        CreateCallRequest(call_id=bad)


def test_turns_need_a_known_speaker_and_text() -> None:
    AppendTurnsRequest.model_validate({"turns": [{"speaker": "caller", "text": "hi"}]})
    for turn in ({"speaker": "robot", "text": "hi"}, {"speaker": "ai", "text": ""}):
        with pytest.raises(ValidationError):
            AppendTurnsRequest.model_validate({"turns": [turn]})
    with pytest.raises(ValidationError):
        AppendTurnsRequest.model_validate({"turns": []})


def test_initiate_takes_a_call_or_the_older_free_text() -> None:
    InitiateTransferRequest(call_id="c1", to_agent="bob")
    InitiateTransferRequest(call_context="caller wants a refund")
    with pytest.raises(ValidationError):
        InitiateTransferRequest(call_id="c1")  # to whom?
    with pytest.raises(ValidationError):
        InitiateTransferRequest()
    with pytest.raises(ValidationError):
        InitiateTransferRequest(call_id="c1", call_context="both", to_agent="bob")
