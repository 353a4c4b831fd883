from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.percentiles import Percentiles





T = TypeVar("T", bound="Period")



@_attrs_define
class Period:
    """ One hour or day of the period.

        Attributes:
            entered (int): Transfers that entered (initiated, or overflowed in)
            offered (int): Offers made (one per agent offered)
            accepted (int): Transfers accepted
            declined (int): Offers declined
            offer_timed_out (int): Offers that ran out
            completed (int): Transfers that ended completed
            cancelled (int): Transfers called off
            abandoned (int): Callers who hung up first
            no_agent (int): Transfers that ended with nobody to offer them to
            no_answer (int): Transfers offered, or expired, never accepted
            transferred_out (int): Transfers handed to a number outside
            time_to_accept (Percentiles): Nearest-rank percentiles from log buckets (8 per doubling): the exact value is at
                most
                8.3 % below the figure.
            time_to_connect (Percentiles): Nearest-rank percentiles from log buckets (8 per doubling): the exact value is at
                most
                8.3 % below the figure.
            service_level (float | None): Accepted within SERVICE_LEVEL_SECONDS / (accepted + ended unanswered); none when
                neither happened
            abandonment_rate (float | None): abandoned / entered; none when none entered
            start (datetime.datetime): The hour's or day's start (UTC)
     """

    entered: int
    offered: int
    accepted: int
    declined: int
    offer_timed_out: int
    completed: int
    cancelled: int
    abandoned: int
    no_agent: int
    no_answer: int
    transferred_out: int
    time_to_accept: Percentiles
    time_to_connect: Percentiles
    service_level: float | None
    abandonment_rate: float | None
    start: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.percentiles import Percentiles # noqa: PLC0415
        entered = self.entered

        offered = self.offered

        accepted = self.accepted

        declined = self.declined

        offer_timed_out = self.offer_timed_out

        completed = self.completed

        cancelled = self.cancelled

        abandoned = self.abandoned

        no_agent = self.no_agent

        no_answer = self.no_answer

        transferred_out = self.transferred_out

        time_to_accept = self.time_to_accept.to_dict()

        time_to_connect = self.time_to_connect.to_dict()

        service_level: float | None
        service_level = self.service_level

        abandonment_rate: float | None
        abandonment_rate = self.abandonment_rate

        start = self.start.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "entered": entered,
            "offered": offered,
            "accepted": accepted,
            "declined": declined,
            "offer_timed_out": offer_timed_out,
            "completed": completed,
            "cancelled": cancelled,
            "abandoned": abandoned,
            "no_agent": no_agent,
            "no_answer": no_answer,
            "transferred_out": transferred_out,
            "time_to_accept": time_to_accept,
            "time_to_connect": time_to_connect,
            "service_level": service_level,
            "abandonment_rate": abandonment_rate,
            "start": start,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.percentiles import Percentiles # noqa: PLC0415
        d = dict(src_dict)
        entered = d.pop("entered")

        offered = d.pop("offered")

        accepted = d.pop("accepted")

        declined = d.pop("declined")

        offer_timed_out = d.pop("offer_timed_out")

        completed = d.pop("completed")

        cancelled = d.pop("cancelled")

        abandoned = d.pop("abandoned")

        no_agent = d.pop("no_agent")

        no_answer = d.pop("no_answer")

        transferred_out = d.pop("transferred_out")

        time_to_accept = Percentiles.from_dict(d.pop("time_to_accept"))




        time_to_connect = Percentiles.from_dict(d.pop("time_to_connect"))




        def _parse_service_level(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        service_level = _parse_service_level(d.pop("service_level"))


        def _parse_abandonment_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        abandonment_rate = _parse_abandonment_rate(d.pop("abandonment_rate"))


        start = datetime.datetime.fromisoformat(d.pop("start"))




        period = cls(
            entered=entered,
            offered=offered,
            accepted=accepted,
            declined=declined,
            offer_timed_out=offer_timed_out,
            completed=completed,
            cancelled=cancelled,
            abandoned=abandoned,
            no_agent=no_agent,
            no_answer=no_answer,
            transferred_out=transferred_out,
            time_to_accept=time_to_accept,
            time_to_connect=time_to_connect,
            service_level=service_level,
            abandonment_rate=abandonment_rate,
            start=start,
        )


        period.additional_properties = d
        return period

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
