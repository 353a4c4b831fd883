from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="AgentSayRequest")



@_attrs_define
class AgentSayRequest:
    """ 
        Attributes:
            room_name (str): The LiveKit room's name
            text (str): What the AI agent says
     """

    room_name: str
    text: str





    def to_dict(self) -> dict[str, Any]:
        room_name = self.room_name

        text = self.text


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "room_name": room_name,
            "text": text,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        room_name = d.pop("room_name")

        text = d.pop("text")

        agent_say_request = cls(
            room_name=room_name,
            text=text,
        )

        return agent_say_request

