from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="AgentStopRequest")



@_attrs_define
class AgentStopRequest:
    """ 
        Attributes:
            room_name (str): The LiveKit room's name
     """

    room_name: str





    def to_dict(self) -> dict[str, Any]:
        room_name = self.room_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "room_name": room_name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        room_name = d.pop("room_name")

        agent_stop_request = cls(
            room_name=room_name,
        )

        return agent_stop_request

