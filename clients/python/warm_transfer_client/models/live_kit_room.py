from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="LiveKitRoom")



@_attrs_define
class LiveKitRoom:
    """ 
        Attributes:
            name (str): The room's name
            sid (str): LiveKit's id of the room
            num_participants (int): Participants in it now
            num_publishers (int): Participants publishing media now
            empty_timeout (int): Seconds an empty room stays open
            created_at (datetime.datetime | None | Unset): When LiveKit created it
            transfer_id (None | str | Unset): The transfer whose consult room this is, if it is one
     """

    name: str
    sid: str
    num_participants: int
    num_publishers: int
    empty_timeout: int
    created_at: datetime.datetime | None | Unset = UNSET
    transfer_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        sid = self.sid

        num_participants = self.num_participants

        num_publishers = self.num_publishers

        empty_timeout = self.empty_timeout

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        transfer_id: None | str | Unset
        if isinstance(self.transfer_id, Unset):
            transfer_id = UNSET
        else:
            transfer_id = self.transfer_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "sid": sid,
            "num_participants": num_participants,
            "num_publishers": num_publishers,
            "empty_timeout": empty_timeout,
        })
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if transfer_id is not UNSET:
            field_dict["transfer_id"] = transfer_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        sid = d.pop("sid")

        num_participants = d.pop("num_participants")

        num_publishers = d.pop("num_publishers")

        empty_timeout = d.pop("empty_timeout")

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)



                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))


        def _parse_transfer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transfer_id = _parse_transfer_id(d.pop("transfer_id", UNSET))


        live_kit_room = cls(
            name=name,
            sid=sid,
            num_participants=num_participants,
            num_publishers=num_publishers,
            empty_timeout=empty_timeout,
            created_at=created_at,
            transfer_id=transfer_id,
        )


        live_kit_room.additional_properties = d
        return live_kit_room

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
