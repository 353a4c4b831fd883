from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Callback")



@_attrs_define
class Callback:
    """ A callback the caller asked for (the latest request wins).

        Attributes:
            call_id (str): The call's id
            phone (str): The number to call back
            requested_at (datetime.datetime): When it was asked for
            requested_by (str): Who recorded it (the service's id)
            preferred_time (None | str | Unset): When, in the caller's words
     """

    call_id: str
    phone: str
    requested_at: datetime.datetime
    requested_by: str
    preferred_time: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        call_id = self.call_id

        phone = self.phone

        requested_at = self.requested_at.isoformat()

        requested_by = self.requested_by

        preferred_time: None | str | Unset
        if isinstance(self.preferred_time, Unset):
            preferred_time = UNSET
        else:
            preferred_time = self.preferred_time


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "call_id": call_id,
            "phone": phone,
            "requested_at": requested_at,
            "requested_by": requested_by,
        })
        if preferred_time is not UNSET:
            field_dict["preferred_time"] = preferred_time

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        call_id = d.pop("call_id")

        phone = d.pop("phone")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))




        requested_by = d.pop("requested_by")

        def _parse_preferred_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preferred_time = _parse_preferred_time(d.pop("preferred_time", UNSET))


        callback = cls(
            call_id=call_id,
            phone=phone,
            requested_at=requested_at,
            requested_by=requested_by,
            preferred_time=preferred_time,
        )


        callback.additional_properties = d
        return callback

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
