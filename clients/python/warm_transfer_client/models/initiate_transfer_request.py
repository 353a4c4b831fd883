from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="InitiateTransferRequest")



@_attrs_define
class InitiateTransferRequest:
    """ POST /initiate-transfer: `call_id`, or `call_context` for clients of the older API.

        Attributes:
            call_id (None | str | Unset): The call to transfer (or call_context)
            call_context (None | str | Unset): Free-text context instead of a call (older clients)
            to_agent (None | str | Unset): The receiving agent (with call_id: this or to_queue); without either: any agent
                may claim it
            to_queue (None | str | Unset): The queue to route it through (PUT /queues/{queue}): offered to its members as
                the queue's strategy says
            priority (int | None | Unset): With to_queue: 1 (most urgent) to 9; default 5
            to_phone (None | str | Unset): A phone to dial into the consult room (E.164; LiveKit SIP,
                LIVEKIT_SIP_OUTBOUND_TRUNK_ID): answered, it is the receiving party
            dtmf (None | str | Unset): With to_phone: digits sent once it answers (w: wait 0.5 s)
            from_agent (None | str | Unset): The transferring agent (an agent: itself)
            reason (None | str | Unset): Why the transfer, in words
            caller_room (None | str | Unset): The caller's LiveKit room (services only; else the call's metadata
                `caller_room`)
            from_identity (None | str | Unset): The transferring agent's LiveKit identity (default its id); the hand-off
                removes it from the caller's room
            to_identity (None | str | Unset): The receiving agent's LiveKit identity (default its id)
            briefing_language (None | str | Unset): BCP 47 tag of the briefing's language (else BRIEFING_DEFAULT_LANGUAGE)
     """

    call_id: None | str | Unset = UNSET
    call_context: None | str | Unset = UNSET
    to_agent: None | str | Unset = UNSET
    to_queue: None | str | Unset = UNSET
    priority: int | None | Unset = UNSET
    to_phone: None | str | Unset = UNSET
    dtmf: None | str | Unset = UNSET
    from_agent: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    caller_room: None | str | Unset = UNSET
    from_identity: None | str | Unset = UNSET
    to_identity: None | str | Unset = UNSET
    briefing_language: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        call_id: None | str | Unset
        if isinstance(self.call_id, Unset):
            call_id = UNSET
        else:
            call_id = self.call_id

        call_context: None | str | Unset
        if isinstance(self.call_context, Unset):
            call_context = UNSET
        else:
            call_context = self.call_context

        to_agent: None | str | Unset
        if isinstance(self.to_agent, Unset):
            to_agent = UNSET
        else:
            to_agent = self.to_agent

        to_queue: None | str | Unset
        if isinstance(self.to_queue, Unset):
            to_queue = UNSET
        else:
            to_queue = self.to_queue

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        to_phone: None | str | Unset
        if isinstance(self.to_phone, Unset):
            to_phone = UNSET
        else:
            to_phone = self.to_phone

        dtmf: None | str | Unset
        if isinstance(self.dtmf, Unset):
            dtmf = UNSET
        else:
            dtmf = self.dtmf

        from_agent: None | str | Unset
        if isinstance(self.from_agent, Unset):
            from_agent = UNSET
        else:
            from_agent = self.from_agent

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        caller_room: None | str | Unset
        if isinstance(self.caller_room, Unset):
            caller_room = UNSET
        else:
            caller_room = self.caller_room

        from_identity: None | str | Unset
        if isinstance(self.from_identity, Unset):
            from_identity = UNSET
        else:
            from_identity = self.from_identity

        to_identity: None | str | Unset
        if isinstance(self.to_identity, Unset):
            to_identity = UNSET
        else:
            to_identity = self.to_identity

        briefing_language: None | str | Unset
        if isinstance(self.briefing_language, Unset):
            briefing_language = UNSET
        else:
            briefing_language = self.briefing_language


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if call_id is not UNSET:
            field_dict["call_id"] = call_id
        if call_context is not UNSET:
            field_dict["call_context"] = call_context
        if to_agent is not UNSET:
            field_dict["to_agent"] = to_agent
        if to_queue is not UNSET:
            field_dict["to_queue"] = to_queue
        if priority is not UNSET:
            field_dict["priority"] = priority
        if to_phone is not UNSET:
            field_dict["to_phone"] = to_phone
        if dtmf is not UNSET:
            field_dict["dtmf"] = dtmf
        if from_agent is not UNSET:
            field_dict["from_agent"] = from_agent
        if reason is not UNSET:
            field_dict["reason"] = reason
        if caller_room is not UNSET:
            field_dict["caller_room"] = caller_room
        if from_identity is not UNSET:
            field_dict["from_identity"] = from_identity
        if to_identity is not UNSET:
            field_dict["to_identity"] = to_identity
        if briefing_language is not UNSET:
            field_dict["briefing_language"] = briefing_language

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_call_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        call_id = _parse_call_id(d.pop("call_id", UNSET))


        def _parse_call_context(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        call_context = _parse_call_context(d.pop("call_context", UNSET))


        def _parse_to_agent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_agent = _parse_to_agent(d.pop("to_agent", UNSET))


        def _parse_to_queue(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_queue = _parse_to_queue(d.pop("to_queue", UNSET))


        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))


        def _parse_to_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_phone = _parse_to_phone(d.pop("to_phone", UNSET))


        def _parse_dtmf(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dtmf = _parse_dtmf(d.pop("dtmf", UNSET))


        def _parse_from_agent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_agent = _parse_from_agent(d.pop("from_agent", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_caller_room(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        caller_room = _parse_caller_room(d.pop("caller_room", UNSET))


        def _parse_from_identity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_identity = _parse_from_identity(d.pop("from_identity", UNSET))


        def _parse_to_identity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_identity = _parse_to_identity(d.pop("to_identity", UNSET))


        def _parse_briefing_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        briefing_language = _parse_briefing_language(d.pop("briefing_language", UNSET))


        initiate_transfer_request = cls(
            call_id=call_id,
            call_context=call_context,
            to_agent=to_agent,
            to_queue=to_queue,
            priority=priority,
            to_phone=to_phone,
            dtmf=dtmf,
            from_agent=from_agent,
            reason=reason,
            caller_room=caller_room,
            from_identity=from_identity,
            to_identity=to_identity,
            briefing_language=briefing_language,
        )

        return initiate_transfer_request

