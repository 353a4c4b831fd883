from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.set_status_request_status import SetStatusRequestStatus






T = TypeVar("T", bound="SetStatusRequest")



@_attrs_define
class SetStatusRequest:
    """ 
        Attributes:
            status (SetStatusRequestStatus): What the agent chooses; busy, wrap_up and offline follow from what happens
     """

    status: SetStatusRequestStatus





    def to_dict(self) -> dict[str, Any]:
        status = self.status.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = SetStatusRequestStatus(d.pop("status"))




        set_status_request = cls(
            status=status,
        )

        return set_status_request

