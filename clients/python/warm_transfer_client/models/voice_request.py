from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="VoiceRequest")



@_attrs_define
class VoiceRequest:
    """ 
        Attributes:
            prompt (str): What to answer
            voice (None | str | Unset): Groq's voice name (else the setting's)
     """

    prompt: str
    voice: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        voice: None | str | Unset
        if isinstance(self.voice, Unset):
            voice = UNSET
        else:
            voice = self.voice


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "prompt": prompt,
        })
        if voice is not UNSET:
            field_dict["voice"] = voice

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        def _parse_voice(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        voice = _parse_voice(d.pop("voice", UNSET))


        voice_request = cls(
            prompt=prompt,
            voice=voice,
        )

        return voice_request

