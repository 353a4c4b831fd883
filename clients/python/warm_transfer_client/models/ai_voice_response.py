from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.ai_voice_response_provider import AiVoiceResponseProvider
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AiVoiceResponse")



@_attrs_define
class AiVoiceResponse:
    """ 
        Attributes:
            call_id (str): The call
            heard (None | str): What the caller said (the transcription, for audio); null: nothing heard
            reply (str): The AI agent's reply
            transfer_requested (bool): Whether the caller wants a person
            provider (AiVoiceResponseProvider): Who wrote the reply
            transfer_reason (None | str | Unset): Why, when transfer_requested
            fallback_reason (None | str | Unset): Why offline wrote it: `<reason>: <detail>`
            audio_base64 (None | str | Unset): The reply spoken (base64), when speak
            audio_format (None | str | Unset): The reply audio's format
            audio_unavailable_reason (None | str | Unset): Why no audio came back although speak was true
     """

    call_id: str
    heard: None | str
    reply: str
    transfer_requested: bool
    provider: AiVoiceResponseProvider
    transfer_reason: None | str | Unset = UNSET
    fallback_reason: None | str | Unset = UNSET
    audio_base64: None | str | Unset = UNSET
    audio_format: None | str | Unset = UNSET
    audio_unavailable_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        call_id = self.call_id

        heard: None | str
        heard = self.heard

        reply = self.reply

        transfer_requested = self.transfer_requested

        provider = self.provider.value

        transfer_reason: None | str | Unset
        if isinstance(self.transfer_reason, Unset):
            transfer_reason = UNSET
        else:
            transfer_reason = self.transfer_reason

        fallback_reason: None | str | Unset
        if isinstance(self.fallback_reason, Unset):
            fallback_reason = UNSET
        else:
            fallback_reason = self.fallback_reason

        audio_base64: None | str | Unset
        if isinstance(self.audio_base64, Unset):
            audio_base64 = UNSET
        else:
            audio_base64 = self.audio_base64

        audio_format: None | str | Unset
        if isinstance(self.audio_format, Unset):
            audio_format = UNSET
        else:
            audio_format = self.audio_format

        audio_unavailable_reason: None | str | Unset
        if isinstance(self.audio_unavailable_reason, Unset):
            audio_unavailable_reason = UNSET
        else:
            audio_unavailable_reason = self.audio_unavailable_reason


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "call_id": call_id,
            "heard": heard,
            "reply": reply,
            "transfer_requested": transfer_requested,
            "provider": provider,
        })
        if transfer_reason is not UNSET:
            field_dict["transfer_reason"] = transfer_reason
        if fallback_reason is not UNSET:
            field_dict["fallback_reason"] = fallback_reason
        if audio_base64 is not UNSET:
            field_dict["audio_base64"] = audio_base64
        if audio_format is not UNSET:
            field_dict["audio_format"] = audio_format
        if audio_unavailable_reason is not UNSET:
            field_dict["audio_unavailable_reason"] = audio_unavailable_reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        call_id = d.pop("call_id")

        def _parse_heard(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        heard = _parse_heard(d.pop("heard"))


        reply = d.pop("reply")

        transfer_requested = d.pop("transfer_requested")

        provider = AiVoiceResponseProvider(d.pop("provider"))




        def _parse_transfer_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transfer_reason = _parse_transfer_reason(d.pop("transfer_reason", UNSET))


        def _parse_fallback_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fallback_reason = _parse_fallback_reason(d.pop("fallback_reason", UNSET))


        def _parse_audio_base64(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audio_base64 = _parse_audio_base64(d.pop("audio_base64", UNSET))


        def _parse_audio_format(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audio_format = _parse_audio_format(d.pop("audio_format", UNSET))


        def _parse_audio_unavailable_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audio_unavailable_reason = _parse_audio_unavailable_reason(d.pop("audio_unavailable_reason", UNSET))


        ai_voice_response = cls(
            call_id=call_id,
            heard=heard,
            reply=reply,
            transfer_requested=transfer_requested,
            provider=provider,
            transfer_reason=transfer_reason,
            fallback_reason=fallback_reason,
            audio_base64=audio_base64,
            audio_format=audio_format,
            audio_unavailable_reason=audio_unavailable_reason,
        )


        ai_voice_response.additional_properties = d
        return ai_voice_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
