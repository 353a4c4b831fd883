from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CompleteRequest")



@_attrs_define
class CompleteRequest:
    """ 
        Attributes:
            original_room_name (str): The caller's room
            agent_a_identity (str): The agent who leaves the caller's room
            agent_b_identity (str): The agent who stays with the caller
            transfer_id (None | str | Unset): The transfer to complete (agents: required); without: A only leaves
     """

    original_room_name: str
    agent_a_identity: str
    agent_b_identity: str
    transfer_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        original_room_name = self.original_room_name

        agent_a_identity = self.agent_a_identity

        agent_b_identity = self.agent_b_identity

        transfer_id: None | str | Unset
        if isinstance(self.transfer_id, Unset):
            transfer_id = UNSET
        else:
            transfer_id = self.transfer_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "original_room_name": original_room_name,
            "agent_a_identity": agent_a_identity,
            "agent_b_identity": agent_b_identity,
        })
        if transfer_id is not UNSET:
            field_dict["transfer_id"] = transfer_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        original_room_name = d.pop("original_room_name")

        agent_a_identity = d.pop("agent_a_identity")

        agent_b_identity = d.pop("agent_b_identity")

        def _parse_transfer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transfer_id = _parse_transfer_id(d.pop("transfer_id", UNSET))


        complete_request = cls(
            original_room_name=original_room_name,
            agent_a_identity=agent_a_identity,
            agent_b_identity=agent_b_identity,
            transfer_id=transfer_id,
        )

        return complete_request

