from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.agent_status import AgentStatus
from ..models.presence_chosen import PresenceChosen
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Presence")



@_attrs_define
class Presence:
    """ 
        Attributes:
            agent (str): The agent's id
            status (AgentStatus): Where an agent is: free to take a transfer, away by choice, on one, wrapping one up,
                or without an open console.
            chosen (PresenceChosen): What the agent chose (the status when neither busy, wrapping up nor offline)
            since (datetime.datetime | None | Unset): Since when
            away_reason (None | str | Unset): Why away when the system set it: missed_offers
            current_transfer_id (None | str | Unset): The accepted transfer it is on
            offer_transfer_id (None | str | Unset): The transfer offered to it now
            offer_expires_at (datetime.datetime | None | Unset): When that offer ends
            wrap_up_until (datetime.datetime | None | Unset): When its wrap-up ends
            last_ended_at (datetime.datetime | None | Unset): When its last transfer ended
            missed_offers (int | Unset): Offers in a row it let run out Default: 0.
            queues (list[str] | Unset): The queues it belongs to
            phone (None | str | Unset): Rung while its console is closed (PUT /agents/me/phone)
     """

    agent: str
    status: AgentStatus
    chosen: PresenceChosen
    since: datetime.datetime | None | Unset = UNSET
    away_reason: None | str | Unset = UNSET
    current_transfer_id: None | str | Unset = UNSET
    offer_transfer_id: None | str | Unset = UNSET
    offer_expires_at: datetime.datetime | None | Unset = UNSET
    wrap_up_until: datetime.datetime | None | Unset = UNSET
    last_ended_at: datetime.datetime | None | Unset = UNSET
    missed_offers: int | Unset = 0
    queues: list[str] | Unset = UNSET
    phone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        agent = self.agent

        status = self.status.value

        chosen = self.chosen.value

        since: None | str | Unset
        if isinstance(self.since, Unset):
            since = UNSET
        elif isinstance(self.since, datetime.datetime):
            since = self.since.isoformat()
        else:
            since = self.since

        away_reason: None | str | Unset
        if isinstance(self.away_reason, Unset):
            away_reason = UNSET
        else:
            away_reason = self.away_reason

        current_transfer_id: None | str | Unset
        if isinstance(self.current_transfer_id, Unset):
            current_transfer_id = UNSET
        else:
            current_transfer_id = self.current_transfer_id

        offer_transfer_id: None | str | Unset
        if isinstance(self.offer_transfer_id, Unset):
            offer_transfer_id = UNSET
        else:
            offer_transfer_id = self.offer_transfer_id

        offer_expires_at: None | str | Unset
        if isinstance(self.offer_expires_at, Unset):
            offer_expires_at = UNSET
        elif isinstance(self.offer_expires_at, datetime.datetime):
            offer_expires_at = self.offer_expires_at.isoformat()
        else:
            offer_expires_at = self.offer_expires_at

        wrap_up_until: None | str | Unset
        if isinstance(self.wrap_up_until, Unset):
            wrap_up_until = UNSET
        elif isinstance(self.wrap_up_until, datetime.datetime):
            wrap_up_until = self.wrap_up_until.isoformat()
        else:
            wrap_up_until = self.wrap_up_until

        last_ended_at: None | str | Unset
        if isinstance(self.last_ended_at, Unset):
            last_ended_at = UNSET
        elif isinstance(self.last_ended_at, datetime.datetime):
            last_ended_at = self.last_ended_at.isoformat()
        else:
            last_ended_at = self.last_ended_at

        missed_offers = self.missed_offers

        queues: list[str] | Unset = UNSET
        if not isinstance(self.queues, Unset):
            queues = self.queues



        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "agent": agent,
            "status": status,
            "chosen": chosen,
        })
        if since is not UNSET:
            field_dict["since"] = since
        if away_reason is not UNSET:
            field_dict["away_reason"] = away_reason
        if current_transfer_id is not UNSET:
            field_dict["current_transfer_id"] = current_transfer_id
        if offer_transfer_id is not UNSET:
            field_dict["offer_transfer_id"] = offer_transfer_id
        if offer_expires_at is not UNSET:
            field_dict["offer_expires_at"] = offer_expires_at
        if wrap_up_until is not UNSET:
            field_dict["wrap_up_until"] = wrap_up_until
        if last_ended_at is not UNSET:
            field_dict["last_ended_at"] = last_ended_at
        if missed_offers is not UNSET:
            field_dict["missed_offers"] = missed_offers
        if queues is not UNSET:
            field_dict["queues"] = queues
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent = d.pop("agent")

        status = AgentStatus(d.pop("status"))




        chosen = PresenceChosen(d.pop("chosen"))




        def _parse_since(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.datetime.fromisoformat(data)



                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        since = _parse_since(d.pop("since", UNSET))


        def _parse_away_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        away_reason = _parse_away_reason(d.pop("away_reason", UNSET))


        def _parse_current_transfer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        current_transfer_id = _parse_current_transfer_id(d.pop("current_transfer_id", UNSET))


        def _parse_offer_transfer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        offer_transfer_id = _parse_offer_transfer_id(d.pop("offer_transfer_id", UNSET))


        def _parse_offer_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offer_expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return offer_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        offer_expires_at = _parse_offer_expires_at(d.pop("offer_expires_at", UNSET))


        def _parse_wrap_up_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                wrap_up_until_type_0 = datetime.datetime.fromisoformat(data)



                return wrap_up_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        wrap_up_until = _parse_wrap_up_until(d.pop("wrap_up_until", UNSET))


        def _parse_last_ended_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_ended_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_ended_at = _parse_last_ended_at(d.pop("last_ended_at", UNSET))


        missed_offers = d.pop("missed_offers", UNSET)

        queues = cast(list[str], d.pop("queues", UNSET))


        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        presence = cls(
            agent=agent,
            status=status,
            chosen=chosen,
            since=since,
            away_reason=away_reason,
            current_transfer_id=current_transfer_id,
            offer_transfer_id=offer_transfer_id,
            offer_expires_at=offer_expires_at,
            wrap_up_until=wrap_up_until,
            last_ended_at=last_ended_at,
            missed_offers=missed_offers,
            queues=queues,
            phone=phone,
        )


        presence.additional_properties = d
        return presence

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
