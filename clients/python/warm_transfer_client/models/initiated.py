from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Initiated")



@_attrs_define
class Initiated:
    """ 
        Attributes:
            summary (str): The briefing as plain text
            id (str): The transfer's id
            room_name (None | str | Unset): The caller's room, as given
            agent_a_identity (None | str | Unset): Agent A's identity, as given
            briefing_room_name (None | str | Unset): The consult room where agent B hears the briefing (with a room_name)
     """

    summary: str
    id: str
    room_name: None | str | Unset = UNSET
    agent_a_identity: None | str | Unset = UNSET
    briefing_room_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        summary = self.summary

        id = self.id

        room_name: None | str | Unset
        if isinstance(self.room_name, Unset):
            room_name = UNSET
        else:
            room_name = self.room_name

        agent_a_identity: None | str | Unset
        if isinstance(self.agent_a_identity, Unset):
            agent_a_identity = UNSET
        else:
            agent_a_identity = self.agent_a_identity

        briefing_room_name: None | str | Unset
        if isinstance(self.briefing_room_name, Unset):
            briefing_room_name = UNSET
        else:
            briefing_room_name = self.briefing_room_name


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "summary": summary,
            "id": id,
        })
        if room_name is not UNSET:
            field_dict["room_name"] = room_name
        if agent_a_identity is not UNSET:
            field_dict["agent_a_identity"] = agent_a_identity
        if briefing_room_name is not UNSET:
            field_dict["briefing_room_name"] = briefing_room_name

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        summary = d.pop("summary")

        id = d.pop("id")

        def _parse_room_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        room_name = _parse_room_name(d.pop("room_name", UNSET))


        def _parse_agent_a_identity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_a_identity = _parse_agent_a_identity(d.pop("agent_a_identity", UNSET))


        def _parse_briefing_room_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        briefing_room_name = _parse_briefing_room_name(d.pop("briefing_room_name", UNSET))


        initiated = cls(
            summary=summary,
            id=id,
            room_name=room_name,
            agent_a_identity=agent_a_identity,
            briefing_room_name=briefing_room_name,
        )


        initiated.additional_properties = d
        return initiated

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
