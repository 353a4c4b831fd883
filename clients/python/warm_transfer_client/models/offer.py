from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.offer_outcome import OfferOutcome
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Offer")



@_attrs_define
class Offer:
    """ One offer of a queued transfer to one agent.

        Attributes:
            agent (str): The agent it was offered to (a phone: `tel:<E.164>`)
            offered_at (datetime.datetime): When it was offered
            outcome (None | OfferOutcome | Unset): How it ended (none: still open)
            ended_at (datetime.datetime | None | Unset): When it ended
            reason (None | str | Unset): The agent's reason, for a decline
            sip_status (int | None | Unset): A phone's SIP final response, when it did not answer
     """

    agent: str
    offered_at: datetime.datetime
    outcome: None | OfferOutcome | Unset = UNSET
    ended_at: datetime.datetime | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    sip_status: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        agent = self.agent

        offered_at = self.offered_at.isoformat()

        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        elif isinstance(self.outcome, OfferOutcome):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        ended_at: None | str | Unset
        if isinstance(self.ended_at, Unset):
            ended_at = UNSET
        elif isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        sip_status: int | None | Unset
        if isinstance(self.sip_status, Unset):
            sip_status = UNSET
        else:
            sip_status = self.sip_status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "agent": agent,
            "offered_at": offered_at,
        })
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if ended_at is not UNSET:
            field_dict["ended_at"] = ended_at
        if reason is not UNSET:
            field_dict["reason"] = reason
        if sip_status is not UNSET:
            field_dict["sip_status"] = sip_status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent = d.pop("agent")

        offered_at = datetime.datetime.fromisoformat(d.pop("offered_at"))




        def _parse_outcome(data: object) -> None | OfferOutcome | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = OfferOutcome(data)



                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OfferOutcome | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))


        def _parse_ended_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)



                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ended_at = _parse_ended_at(d.pop("ended_at", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_sip_status(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sip_status = _parse_sip_status(d.pop("sip_status", UNSET))


        offer = cls(
            agent=agent,
            offered_at=offered_at,
            outcome=outcome,
            ended_at=ended_at,
            reason=reason,
            sip_status=sip_status,
        )


        offer.additional_properties = d
        return offer

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
