from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.briefing_correction_action import BriefingCorrectionAction






T = TypeVar("T", bound="BriefingCorrection")



@_attrs_define
class BriefingCorrection:
    """ One change the fact check made to an LLM briefing: a number, email or amount the
    call does not contain was removed, or a fact the call holds was added back.

        Attributes:
            action (BriefingCorrectionAction): What the fact check did
            kind (str): id, phone, email, amount, name, date, or a reference kind (order, ...)
            value (str): The value removed or added
            where (str): The briefing field: headline, reason, customer.account, key_facts, ...
     """

    action: BriefingCorrectionAction
    kind: str
    value: str
    where: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        kind = self.kind

        value = self.value

        where = self.where


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "kind": kind,
            "value": value,
            "where": where,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = BriefingCorrectionAction(d.pop("action"))




        kind = d.pop("kind")

        value = d.pop("value")

        where = d.pop("where")

        briefing_correction = cls(
            action=action,
            kind=kind,
            value=value,
            where=where,
        )


        briefing_correction.additional_properties = d
        return briefing_correction

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
