from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SetPhoneRequest")



@_attrs_define
class SetPhoneRequest:
    """ PUT /agents/me/phone: a phone to ring, while the console is closed, when a queue of
    the agent offers it a transfer (null: none).

        Attributes:
            phone (None | str): E.164, or null
            dtmf (None | str | Unset): Sent once it answers (an extension; w: wait 0.5 s)
     """

    phone: None | str
    dtmf: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        phone: None | str
        phone = self.phone

        dtmf: None | str | Unset
        if isinstance(self.dtmf, Unset):
            dtmf = UNSET
        else:
            dtmf = self.dtmf


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "phone": phone,
        })
        if dtmf is not UNSET:
            field_dict["dtmf"] = dtmf

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))


        def _parse_dtmf(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dtmf = _parse_dtmf(d.pop("dtmf", UNSET))


        set_phone_request = cls(
            phone=phone,
            dtmf=dtmf,
        )

        return set_phone_request

