from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="CallAssignment")



@_attrs_define
class CallAssignment:
    """ 
        Attributes:
            call_id (str): The call's id
            agent (str): The agent now on the call
            assigned_by (str): Who assigned it (the service's id)
            assigned_at (datetime.datetime): When
     """

    call_id: str
    agent: str
    assigned_by: str
    assigned_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        call_id = self.call_id

        agent = self.agent

        assigned_by = self.assigned_by

        assigned_at = self.assigned_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "call_id": call_id,
            "agent": agent,
            "assigned_by": assigned_by,
            "assigned_at": assigned_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        call_id = d.pop("call_id")

        agent = d.pop("agent")

        assigned_by = d.pop("assigned_by")

        assigned_at = datetime.datetime.fromisoformat(d.pop("assigned_at"))




        call_assignment = cls(
            call_id=call_id,
            agent=agent,
            assigned_by=assigned_by,
            assigned_at=assigned_at,
        )


        call_assignment.additional_properties = d
        return call_assignment

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
