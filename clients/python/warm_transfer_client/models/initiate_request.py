from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="InitiateRequest")



@_attrs_define
class InitiateRequest:
    """ 
        Attributes:
            call_context (str): What the call was about, free text
            room_name (None | str | Unset): The caller's room (service tokens only)
            agent_a_identity (None | str | Unset): The transferring agent's LiveKit identity
     """

    call_context: str
    room_name: None | str | Unset = UNSET
    agent_a_identity: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        call_context = self.call_context

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


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "call_context": call_context,
        })
        if room_name is not UNSET:
            field_dict["room_name"] = room_name
        if agent_a_identity is not UNSET:
            field_dict["agent_a_identity"] = agent_a_identity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        call_context = d.pop("call_context")

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


        initiate_request = cls(
            call_context=call_context,
            room_name=room_name,
            agent_a_identity=agent_a_identity,
        )

        return initiate_request

