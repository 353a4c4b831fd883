from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CreateTokenRequest")



@_attrs_define
class CreateTokenRequest:
    """ POST /token. Agents joining a caller's room name the transfer that lets them.

        Attributes:
            room (str): The room to join
            identity (None | str | Unset): The identity to join under (an agent: its own; default its id)
            name (None | str | Unset): The display name (an agent's is its id)
            transfer_id (None | str | Unset): The transfer that admits an agent to a caller's room
     """

    room: str
    identity: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    transfer_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        room = self.room

        identity: None | str | Unset
        if isinstance(self.identity, Unset):
            identity = UNSET
        else:
            identity = self.identity

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        transfer_id: None | str | Unset
        if isinstance(self.transfer_id, Unset):
            transfer_id = UNSET
        else:
            transfer_id = self.transfer_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "room": room,
        })
        if identity is not UNSET:
            field_dict["identity"] = identity
        if name is not UNSET:
            field_dict["name"] = name
        if transfer_id is not UNSET:
            field_dict["transfer_id"] = transfer_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        room = d.pop("room")

        def _parse_identity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        identity = _parse_identity(d.pop("identity", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_transfer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transfer_id = _parse_transfer_id(d.pop("transfer_id", UNSET))


        create_token_request = cls(
            room=room,
            identity=identity,
            name=name,
            transfer_id=transfer_id,
        )

        return create_token_request

