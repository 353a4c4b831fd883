from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.ai_voice_request_audio_format_type_0 import AiVoiceRequestAudioFormatType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AiVoiceRequest")



@_attrs_define
class AiVoiceRequest:
    """ POST /ai-voice: one caller turn, as `text` or as `audio_base64` + `audio_format`.

        Attributes:
            call_id (str): The call (opened if new)
            text (None | str | Unset): What the caller said, as text
            audio_base64 (None | str | Unset): What the caller said, as audio (base64), transcribed by Groq
            audio_format (AiVoiceRequestAudioFormatType0 | None | Unset): The audio's format (required with audio_base64)
            speak (bool | Unset): Return the reply as audio too Default: False.
     """

    call_id: str
    text: None | str | Unset = UNSET
    audio_base64: None | str | Unset = UNSET
    audio_format: AiVoiceRequestAudioFormatType0 | None | Unset = UNSET
    speak: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        call_id = self.call_id

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        audio_base64: None | str | Unset
        if isinstance(self.audio_base64, Unset):
            audio_base64 = UNSET
        else:
            audio_base64 = self.audio_base64

        audio_format: None | str | Unset
        if isinstance(self.audio_format, Unset):
            audio_format = UNSET
        elif isinstance(self.audio_format, AiVoiceRequestAudioFormatType0):
            audio_format = self.audio_format.value
        else:
            audio_format = self.audio_format

        speak = self.speak


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "call_id": call_id,
        })
        if text is not UNSET:
            field_dict["text"] = text
        if audio_base64 is not UNSET:
            field_dict["audio_base64"] = audio_base64
        if audio_format is not UNSET:
            field_dict["audio_format"] = audio_format
        if speak is not UNSET:
            field_dict["speak"] = speak

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        call_id = d.pop("call_id")

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))


        def _parse_audio_base64(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audio_base64 = _parse_audio_base64(d.pop("audio_base64", UNSET))


        def _parse_audio_format(data: object) -> AiVoiceRequestAudioFormatType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                audio_format_type_0 = AiVoiceRequestAudioFormatType0(data)



                return audio_format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AiVoiceRequestAudioFormatType0 | None | Unset, data)

        audio_format = _parse_audio_format(d.pop("audio_format", UNSET))


        speak = d.pop("speak", UNSET)

        ai_voice_request = cls(
            call_id=call_id,
            text=text,
            audio_base64=audio_base64,
            audio_format=audio_format,
            speak=speak,
        )

        return ai_voice_request

