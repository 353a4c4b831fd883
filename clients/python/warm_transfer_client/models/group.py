from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.figures import Figures
  from ..models.period import Period





T = TypeVar("T", bound="Group")



@_attrs_define
class Group:
    """ One queue's or agent's figures.

        Attributes:
            key (str): The queue's name or the agent's id
            total (Figures): Counts and KPIs of a period (and scope).
            buckets (list[Period]): Each hour or day of the period, oldest first
     """

    key: str
    total: Figures
    buckets: list[Period]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.figures import Figures # noqa: PLC0415
        from ..models.period import Period # noqa: PLC0415
        key = self.key

        total = self.total.to_dict()

        buckets = []
        for buckets_item_data in self.buckets:
            buckets_item = buckets_item_data.to_dict()
            buckets.append(buckets_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "total": total,
            "buckets": buckets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.figures import Figures # noqa: PLC0415
        from ..models.period import Period # noqa: PLC0415
        d = dict(src_dict)
        key = d.pop("key")

        total = Figures.from_dict(d.pop("total"))




        buckets = []
        _buckets = d.pop("buckets")
        for buckets_item_data in (_buckets):
            buckets_item = Period.from_dict(buckets_item_data)



            buckets.append(buckets_item)


        group = cls(
            key=key,
            total=total,
            buckets=buckets,
        )


        group.additional_properties = d
        return group

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
