from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AgentStartRequest")



@_attrs_define
class AgentStartRequest:
    """ 
        Attributes:
            room_name (str): The LiveKit room's name
            identity (None | str | Unset): The identity the AI agent joins under Default: 'ai-agent'.
     """

    room_name: str
    identity: None | str | Unset = 'ai-agent'





    def to_dict(self) -> dict[str, Any]:
        room_name = self.room_name

        identity: None | str | Unset
        if isinstance(self.identity, Unset):
            identity = UNSET
        else:
            identity = self.identity


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "room_name": room_name,
        })
        if identity is not UNSET:
            field_dict["identity"] = identity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        room_name = d.pop("room_name")

        def _parse_identity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        identity = _parse_identity(d.pop("identity", UNSET))


        agent_start_request = cls(
            room_name=room_name,
            identity=identity,
        )

        return agent_start_request

