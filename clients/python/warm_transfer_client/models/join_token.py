from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="JoinToken")



@_attrs_define
class JoinToken:
    """ A LiveKit join token: connect to `url` with `token` before `expires_at`.

        Attributes:
            token (str): The LiveKit access token (a JWT); a secret
            url (str): The LiveKit server to connect to
            expires_at (datetime.datetime): When the token stops admitting
            room (str): The room it admits to
            identity (str): The identity it joins under
     """

    token: str
    url: str
    expires_at: datetime.datetime
    room: str
    identity: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        token = self.token

        url = self.url

        expires_at = self.expires_at.isoformat()

        room = self.room

        identity = self.identity


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "token": token,
            "url": url,
            "expires_at": expires_at,
            "room": room,
            "identity": identity,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        url = d.pop("url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        room = d.pop("room")

        identity = d.pop("identity")

        join_token = cls(
            token=token,
            url=url,
            expires_at=expires_at,
            room=room,
            identity=identity,
        )


        join_token.additional_properties = d
        return join_token

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
