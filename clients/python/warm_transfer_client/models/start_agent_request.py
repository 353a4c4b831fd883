from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="StartAgentRequest")



@_attrs_define
class StartAgentRequest:
    """ POST /rooms/{room}/agent: the identity the agent joins under (else the worker's own).

        Attributes:
            identity (None | str | Unset): The identity the AI agent joins under (else the worker's own)
     """

    identity: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        identity: None | str | Unset
        if isinstance(self.identity, Unset):
            identity = UNSET
        else:
            identity = self.identity


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if identity is not UNSET:
            field_dict["identity"] = identity

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_identity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        identity = _parse_identity(d.pop("identity", UNSET))


        start_agent_request = cls(
            identity=identity,
        )

        return start_agent_request

