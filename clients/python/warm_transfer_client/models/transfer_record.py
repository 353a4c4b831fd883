from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TransferRecord")



@_attrs_define
class TransferRecord:
    """ 
        Attributes:
            id (str): The transfer's id
            room_name (str): The caller's room (`unknown` without one)
            agent_a (str): The transferring agent's identity
            summary (str): The briefing as plain text
            created_at (float): When it was initiated, epoch seconds (a number, as the older API sent it)
            agent_b (None | str | Unset): The receiving agent's identity
            call_context (None | str | Unset): The context given at initiate
     """

    id: str
    room_name: str
    agent_a: str
    summary: str
    created_at: float
    agent_b: None | str | Unset = UNSET
    call_context: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        room_name = self.room_name

        agent_a = self.agent_a

        summary = self.summary

        created_at = self.created_at

        agent_b: None | str | Unset
        if isinstance(self.agent_b, Unset):
            agent_b = UNSET
        else:
            agent_b = self.agent_b

        call_context: None | str | Unset
        if isinstance(self.call_context, Unset):
            call_context = UNSET
        else:
            call_context = self.call_context


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "room_name": room_name,
            "agent_a": agent_a,
            "summary": summary,
            "created_at": created_at,
        })
        if agent_b is not UNSET:
            field_dict["agent_b"] = agent_b
        if call_context is not UNSET:
            field_dict["call_context"] = call_context

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        room_name = d.pop("room_name")

        agent_a = d.pop("agent_a")

        summary = d.pop("summary")

        created_at = d.pop("created_at")

        def _parse_agent_b(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_b = _parse_agent_b(d.pop("agent_b", UNSET))


        def _parse_call_context(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        call_context = _parse_call_context(d.pop("call_context", UNSET))


        transfer_record = cls(
            id=id,
            room_name=room_name,
            agent_a=agent_a,
            summary=summary,
            created_at=created_at,
            agent_b=agent_b,
            call_context=call_context,
        )


        transfer_record.additional_properties = d
        return transfer_record

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
