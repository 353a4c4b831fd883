from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="RoomAgent")



@_attrs_define
class RoomAgent:
    """ The AI agent of a room after a start, say or stop.

        Attributes:
            room (str): The room
            agent_name (str): The agent worker's name (LIVEKIT_AGENT_NAME)
            dispatches (int): The agent's dispatches in the room now (0 after a stop)
            dispatch_id (None | str | Unset): The dispatch, after a start
            said (None | str | Unset): The text sent, after a say
            removed (int | None | Unset): After a stop: the dispatches deleted
     """

    room: str
    agent_name: str
    dispatches: int
    dispatch_id: None | str | Unset = UNSET
    said: None | str | Unset = UNSET
    removed: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        room = self.room

        agent_name = self.agent_name

        dispatches = self.dispatches

        dispatch_id: None | str | Unset
        if isinstance(self.dispatch_id, Unset):
            dispatch_id = UNSET
        else:
            dispatch_id = self.dispatch_id

        said: None | str | Unset
        if isinstance(self.said, Unset):
            said = UNSET
        else:
            said = self.said

        removed: int | None | Unset
        if isinstance(self.removed, Unset):
            removed = UNSET
        else:
            removed = self.removed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "room": room,
            "agent_name": agent_name,
            "dispatches": dispatches,
        })
        if dispatch_id is not UNSET:
            field_dict["dispatch_id"] = dispatch_id
        if said is not UNSET:
            field_dict["said"] = said
        if removed is not UNSET:
            field_dict["removed"] = removed

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        room = d.pop("room")

        agent_name = d.pop("agent_name")

        dispatches = d.pop("dispatches")

        def _parse_dispatch_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dispatch_id = _parse_dispatch_id(d.pop("dispatch_id", UNSET))


        def _parse_said(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        said = _parse_said(d.pop("said", UNSET))


        def _parse_removed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        removed = _parse_removed(d.pop("removed", UNSET))


        room_agent = cls(
            room=room,
            agent_name=agent_name,
            dispatches=dispatches,
            dispatch_id=dispatch_id,
            said=said,
            removed=removed,
        )


        room_agent.additional_properties = d
        return room_agent

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
