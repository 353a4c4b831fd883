from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="RoomInfo")



@_attrs_define
class RoomInfo:
    """ 
        Attributes:
            name (str): The LiveKit room's name
            sid (str): LiveKit's id of the room
            num_participants (int): Participants in it now
            creation_time (int): When LiveKit created it, epoch seconds
     """

    name: str
    sid: str
    num_participants: int
    creation_time: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        sid = self.sid

        num_participants = self.num_participants

        creation_time = self.creation_time


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "sid": sid,
            "num_participants": num_participants,
            "creation_time": creation_time,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        sid = d.pop("sid")

        num_participants = d.pop("num_participants")

        creation_time = d.pop("creation_time")

        room_info = cls(
            name=name,
            sid=sid,
            num_participants=num_participants,
            creation_time=creation_time,
        )


        room_info.additional_properties = d
        return room_info

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
