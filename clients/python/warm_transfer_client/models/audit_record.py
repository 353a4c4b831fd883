from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.audit_record_role import AuditRecordRole
from ..models.audit_record_what import AuditRecordWhat
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="AuditRecord")



@_attrs_define
class AuditRecord:
    """ One read of a call's transcript or a transfer's briefing by a person.

        Attributes:
            call_id (str): The call read
            who (str): The agent or supervisor
            role (AuditRecordRole): Their role
            what (AuditRecordWhat): What was read
            when (datetime.datetime): When it was read
            transfer_id (None | str | Unset): The transfer, for a briefing
            request_id (None | str | Unset): The request's id (X-Request-Id)
     """

    call_id: str
    who: str
    role: AuditRecordRole
    what: AuditRecordWhat
    when: datetime.datetime
    transfer_id: None | str | Unset = UNSET
    request_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        call_id = self.call_id

        who = self.who

        role = self.role.value

        what = self.what.value

        when = self.when.isoformat()

        transfer_id: None | str | Unset
        if isinstance(self.transfer_id, Unset):
            transfer_id = UNSET
        else:
            transfer_id = self.transfer_id

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "call_id": call_id,
            "who": who,
            "role": role,
            "what": what,
            "when": when,
        })
        if transfer_id is not UNSET:
            field_dict["transfer_id"] = transfer_id
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        call_id = d.pop("call_id")

        who = d.pop("who")

        role = AuditRecordRole(d.pop("role"))




        what = AuditRecordWhat(d.pop("what"))




        when = datetime.datetime.fromisoformat(d.pop("when"))




        def _parse_transfer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transfer_id = _parse_transfer_id(d.pop("transfer_id", UNSET))


        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))


        audit_record = cls(
            call_id=call_id,
            who=who,
            role=role,
            what=what,
            when=when,
            transfer_id=transfer_id,
            request_id=request_id,
        )


        audit_record.additional_properties = d
        return audit_record

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
