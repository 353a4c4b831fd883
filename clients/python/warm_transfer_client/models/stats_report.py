from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.bucket import Bucket
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.figures import Figures
  from ..models.group import Group
  from ..models.period import Period





T = TypeVar("T", bound="StatsReport")



@_attrs_define
class StatsReport:
    """ GET /stats: a period's figures from the counters the stream keeps.

        Attributes:
            start (datetime.datetime): The period's start (UTC, on the hour)
            end (datetime.datetime): The period's end, excluded (UTC, on the hour)
            bucket (Bucket): The periods a report is cut into: hours or days (UTC).
            service_level_seconds (int): Accepted within this many seconds counts toward service_level
            total (Figures): Counts and KPIs of a period (and scope).
            buckets (list[Period]): Each hour or day of the period, oldest first
            items_read (int): Counter items read to answer (never the transfers)
            groups (list[Group] | None | Unset): With ?group_by=: one per queue or agent
     """

    start: datetime.datetime
    end: datetime.datetime
    bucket: Bucket
    service_level_seconds: int
    total: Figures
    buckets: list[Period]
    items_read: int
    groups: list[Group] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.figures import Figures # noqa: PLC0415
        from ..models.group import Group # noqa: PLC0415
        from ..models.period import Period # noqa: PLC0415
        start = self.start.isoformat()

        end = self.end.isoformat()

        bucket = self.bucket.value

        service_level_seconds = self.service_level_seconds

        total = self.total.to_dict()

        buckets = []
        for buckets_item_data in self.buckets:
            buckets_item = buckets_item_data.to_dict()
            buckets.append(buckets_item)



        items_read = self.items_read

        groups: list[dict[str, Any]] | None | Unset
        if isinstance(self.groups, Unset):
            groups = UNSET
        elif isinstance(self.groups, list):
            groups = []
            for groups_type_0_item_data in self.groups:
                groups_type_0_item = groups_type_0_item_data.to_dict()
                groups.append(groups_type_0_item)


        else:
            groups = self.groups


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "start": start,
            "end": end,
            "bucket": bucket,
            "service_level_seconds": service_level_seconds,
            "total": total,
            "buckets": buckets,
            "items_read": items_read,
        })
        if groups is not UNSET:
            field_dict["groups"] = groups

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.figures import Figures # noqa: PLC0415
        from ..models.group import Group # noqa: PLC0415
        from ..models.period import Period # noqa: PLC0415
        d = dict(src_dict)
        start = datetime.datetime.fromisoformat(d.pop("start"))




        end = datetime.datetime.fromisoformat(d.pop("end"))




        bucket = Bucket(d.pop("bucket"))




        service_level_seconds = d.pop("service_level_seconds")

        total = Figures.from_dict(d.pop("total"))




        buckets = []
        _buckets = d.pop("buckets")
        for buckets_item_data in (_buckets):
            buckets_item = Period.from_dict(buckets_item_data)



            buckets.append(buckets_item)


        items_read = d.pop("items_read")

        def _parse_groups(data: object) -> list[Group] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                groups_type_0 = []
                _groups_type_0 = data
                for groups_type_0_item_data in (_groups_type_0):
                    groups_type_0_item = Group.from_dict(groups_type_0_item_data)



                    groups_type_0.append(groups_type_0_item)

                return groups_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Group] | None | Unset, data)

        groups = _parse_groups(d.pop("groups", UNSET))


        stats_report = cls(
            start=start,
            end=end,
            bucket=bucket,
            service_level_seconds=service_level_seconds,
            total=total,
            buckets=buckets,
            items_read=items_read,
            groups=groups,
        )


        stats_report.additional_properties = d
        return stats_report

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
