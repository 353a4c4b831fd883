from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.strategy import Strategy
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.phone_member import PhoneMember
  from ..models.queue_agents import QueueAgents





T = TypeVar("T", bound="Queue")



@_attrs_define
class Queue:
    """ 
        Attributes:
            queue (str): Its name
            created_at (datetime.datetime): When it was made
            updated_at (datetime.datetime): When it was last replaced
            members (list[PhoneMember | str] | Unset): Agent ids, and phones ({phone, dtmf?}: dialled when no agent of the
                queue is free); agents whose token names the queue (AUTH_QUEUES_CLAIM) are members too
            strategy (Strategy | Unset): How a queue offers a transfer: to one member at a time, or to all at once.
            offer_timeout_seconds (int | Unset): How long an offer waits for an answer Default: 20.
            max_wait_seconds (int | Unset): How long a transfer waits here before overflow_to (or its end) Default: 300.
            overflow_to (None | str | Unset): The queue a transfer moves to after max_wait_seconds
            wrap_up_seconds (int | Unset): An agent's wrap-up after a transfer of this queue ends Default: 15.
            fallback_phone (None | str | Unset): Where a caller nobody here took goes instead of ending no_agent/no_answer
                (E.164; LiveKit SIP transfers the caller out, outcome transferred_out)
            waiting (int | Unset): Transfers waiting in it now (offered ones included) Default: 0.
            longest_wait_seconds (int | None | Unset): How long its oldest waiting transfer has waited
            agents (QueueAgents | Unset): Its members (listed and by claim) by status now
     """

    queue: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    members: list[PhoneMember | str] | Unset = UNSET
    strategy: Strategy | Unset = UNSET
    offer_timeout_seconds: int | Unset = 20
    max_wait_seconds: int | Unset = 300
    overflow_to: None | str | Unset = UNSET
    wrap_up_seconds: int | Unset = 15
    fallback_phone: None | str | Unset = UNSET
    waiting: int | Unset = 0
    longest_wait_seconds: int | None | Unset = UNSET
    agents: QueueAgents | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.phone_member import PhoneMember # noqa: PLC0415
        from ..models.queue_agents import QueueAgents # noqa: PLC0415
        queue = self.queue

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

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

        waiting = self.waiting

        longest_wait_seconds: int | None | Unset
        if isinstance(self.longest_wait_seconds, Unset):
            longest_wait_seconds = UNSET
        else:
            longest_wait_seconds = self.longest_wait_seconds

        agents: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agents, Unset):
            agents = self.agents.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "queue": queue,
            "created_at": created_at,
            "updated_at": updated_at,
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
        if waiting is not UNSET:
            field_dict["waiting"] = waiting
        if longest_wait_seconds is not UNSET:
            field_dict["longest_wait_seconds"] = longest_wait_seconds
        if agents is not UNSET:
            field_dict["agents"] = agents

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.phone_member import PhoneMember # noqa: PLC0415
        from ..models.queue_agents import QueueAgents # noqa: PLC0415
        d = dict(src_dict)
        queue = d.pop("queue")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




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


        waiting = d.pop("waiting", UNSET)

        def _parse_longest_wait_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        longest_wait_seconds = _parse_longest_wait_seconds(d.pop("longest_wait_seconds", UNSET))


        _agents = d.pop("agents", UNSET)
        agents: QueueAgents | Unset
        if isinstance(_agents,  Unset):
            agents = UNSET
        else:
            agents = QueueAgents.from_dict(_agents)




        queue = cls(
            queue=queue,
            created_at=created_at,
            updated_at=updated_at,
            members=members,
            strategy=strategy,
            offer_timeout_seconds=offer_timeout_seconds,
            max_wait_seconds=max_wait_seconds,
            overflow_to=overflow_to,
            wrap_up_seconds=wrap_up_seconds,
            fallback_phone=fallback_phone,
            waiting=waiting,
            longest_wait_seconds=longest_wait_seconds,
            agents=agents,
        )


        queue.additional_properties = d
        return queue

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
