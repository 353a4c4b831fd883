from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ErasedCall")



@_attrs_define
class ErasedCall:
    """ The tombstone an erasure keeps: who, when and how much, no content.

        Attributes:
            call_id (str): The call erased
            erased_at (datetime.datetime): When it was erased (the first request)
            erased_by (str): Who erased it
            erased_role (str): Their role
            turns (int): Transcript turns erased
            transfers (int): Transfers whose briefings were erased
     """

    call_id: str
    erased_at: datetime.datetime
    erased_by: str
    erased_role: str
    turns: int
    transfers: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        call_id = self.call_id

        erased_at = self.erased_at.isoformat()

        erased_by = self.erased_by

        erased_role = self.erased_role

        turns = self.turns

        transfers = self.transfers


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "call_id": call_id,
            "erased_at": erased_at,
            "erased_by": erased_by,
            "erased_role": erased_role,
            "turns": turns,
            "transfers": transfers,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        call_id = d.pop("call_id")

        erased_at = datetime.datetime.fromisoformat(d.pop("erased_at"))




        erased_by = d.pop("erased_by")

        erased_role = d.pop("erased_role")

        turns = d.pop("turns")

        transfers = d.pop("transfers")

        erased_call = cls(
            call_id=call_id,
            erased_at=erased_at,
            erased_by=erased_by,
            erased_role=erased_role,
            turns=turns,
            transfers=transfers,
        )


        erased_call.additional_properties = d
        return erased_call

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
