from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CallbackRequest")



@_attrs_define
class CallbackRequest:
    """ 
        Attributes:
            phone (str): The number to call back
            preferred_time (None | str | Unset): When the caller would like it, in the caller's words
     """

    phone: str
    preferred_time: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        phone = self.phone

        preferred_time: None | str | Unset
        if isinstance(self.preferred_time, Unset):
            preferred_time = UNSET
        else:
            preferred_time = self.preferred_time


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "phone": phone,
        })
        if preferred_time is not UNSET:
            field_dict["preferred_time"] = preferred_time

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        phone = d.pop("phone")

        def _parse_preferred_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preferred_time = _parse_preferred_time(d.pop("preferred_time", UNSET))


        callback_request = cls(
            phone=phone,
            preferred_time=preferred_time,
        )

        return callback_request

