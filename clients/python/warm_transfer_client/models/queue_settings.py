from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.strategy import Strategy
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.phone_member import PhoneMember





T = TypeVar("T", bound="QueueSettings")



@_attrs_define
class QueueSettings:
    """ PUT /queues/{queue}: the whole queue (a PUT replaces it).

        Attributes:
            members (list[PhoneMember | str] | Unset): Agent ids, and phones ({phone, dtmf?}: dialled when no agent of the
                queue is free); agents whose token names the queue (AUTH_QUEUES_CLAIM) are members too
            strategy (Strategy | Unset): How a queue offers a transfer: to one member at a time, or to all at once.
            offer_timeout_seconds (int | Unset): How long an offer waits for an answer Default: 20.
            max_wait_seconds (int | Unset): How long a transfer waits here before overflow_to (or its end) Default: 300.
            overflow_to (None | str | Unset): The queue a transfer moves to after max_wait_seconds
            wrap_up_seconds (int | Unset): An agent's wrap-up after a transfer of this queue ends Default: 15.
            fallback_phone (None | str | Unset): Where a caller nobody here took goes instead of ending no_agent/no_answer
                (E.164; LiveKit SIP transfers the caller out, outcome transferred_out)
     """

    members: list[PhoneMember | str] | Unset = UNSET
    strategy: Strategy | Unset = UNSET
    offer_timeout_seconds: int | Unset = 20
    max_wait_seconds: int | Unset = 300
    overflow_to: None | str | Unset = UNSET
    wrap_up_seconds: int | Unset = 15
    fallback_phone: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.phone_member import PhoneMember # noqa: PLC0415
        members: list[dict[str, Any] | str] | Unset = UNSET
        if not isinstance(self.members, Unset):
            members = []
            for members_item_data in self.members:
                members_item: dict[str, Any] | str
                if isinstance(members_item_data, PhoneMember):
                    members_item = members_item_data.to_dict()
                else:
                    members_item = members_item_data
                members.append(members_item)



        strategy: str | Unset = UNSET
        if not isinstance(self.strategy, Unset):
            strategy = self.strategy.value


        offer_timeout_seconds = self.offer_timeout_seconds

        max_wait_seconds = self.max_wait_seconds

        overflow_to: None | str | Unset
        if isinstance(self.overflow_to, Unset):
            overflow_to = UNSET
        else:
            overflow_to = self.overflow_to

        wrap_up_seconds = self.wrap_up_seconds

        fallback_phone: None | str | Unset
        if isinstance(self.fallback_phone, Unset):
            fallback_phone = UNSET
        else:
            fallback_phone = self.fallback_phone


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if members is not UNSET:
            field_dict["members"] = members
        if strategy is not UNSET:
            field_dict["strategy"] = strategy
        if offer_timeout_seconds is not UNSET:
            field_dict["offer_timeout_seconds"] = offer_timeout_seconds
        if max_wait_seconds is not UNSET:
            field_dict["max_wait_seconds"] = max_wait_seconds
        if overflow_to is not UNSET:
            field_dict["overflow_to"] = overflow_to
        if wrap_up_seconds is not UNSET:
            field_dict["wrap_up_seconds"] = wrap_up_seconds
        if fallback_phone is not UNSET:
            field_dict["fallback_phone"] = fallback_phone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.phone_member import PhoneMember # noqa: PLC0415
        d = dict(src_dict)
        _members = d.pop("members", UNSET)
        members: list[PhoneMember | str] | Unset = UNSET
        if _members is not UNSET:
            members = []
            for members_item_data in _members:
                def _parse_members_item(data: object) -> PhoneMember | str:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        members_item_type_1 = PhoneMember.from_dict(data)



                        return members_item_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(PhoneMember | str, data)

                members_item = _parse_members_item(members_item_data)

                members.append(members_item)


        _strategy = d.pop("strategy", UNSET)
        strategy: Strategy | Unset
        if isinstance(_strategy,  Unset):
            strategy = UNSET
        else:
            strategy = Strategy(_strategy)




        offer_timeout_seconds = d.pop("offer_timeout_seconds", UNSET)

        max_wait_seconds = d.pop("max_wait_seconds", UNSET)

        def _parse_overflow_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        overflow_to = _parse_overflow_to(d.pop("overflow_to", UNSET))


        wrap_up_seconds = d.pop("wrap_up_seconds", UNSET)

        def _parse_fallback_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fallback_phone = _parse_fallback_phone(d.pop("fallback_phone", UNSET))


        queue_settings = cls(
            members=members,
            strategy=strategy,
            offer_timeout_seconds=offer_timeout_seconds,
            max_wait_seconds=max_wait_seconds,
            overflow_to=overflow_to,
            wrap_up_seconds=wrap_up_seconds,
            fallback_phone=fallback_phone,
        )

        return queue_settings

