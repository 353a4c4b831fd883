from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="AppendTurnsResponse")



@_attrs_define
class AppendTurnsResponse:
    """ 
        Attributes:
            call_id (str): The call's id
            turns_added (int): Turns appended (a turn_id already stored is not counted)
            last_seq (int): The seq of the transcript's last turn now
     """

    call_id: str
    turns_added: int
    last_seq: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        call_id = self.call_id

        turns_added = self.turns_added

        last_seq = self.last_seq


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "call_id": call_id,
            "turns_added": turns_added,
            "last_seq": last_seq,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        call_id = d.pop("call_id")

        turns_added = d.pop("turns_added")

        last_seq = d.pop("last_seq")

        append_turns_response = cls(
            call_id=call_id,
            turns_added=turns_added,
            last_seq=last_seq,
        )


        append_turns_response.additional_properties = d
        return append_turns_response

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
