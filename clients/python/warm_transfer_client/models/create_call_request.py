from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.caller import Caller
  from ..models.create_call_request_metadata import CreateCallRequestMetadata





T = TypeVar("T", bound="CreateCallRequest")



@_attrs_define
class CreateCallRequest:
    """ 
        Attributes:
            call_id (None | str | Unset): The call's id (the telephony side's); omitted: one is made
            agent (None | str | Unset): The human agent on the call now (none while the AI voice agent has it); POST
                /calls/{call_id}/assign moves it
            caller (Caller | None | Unset): The caller, as far as known
            caller_identity (None | str | Unset): The caller's LiveKit identity in the caller's room (set by the voice
                side): the caller leaving that room abandons the call's open transfer
            metadata (CreateCallRequestMetadata | Unset): Free key/value text; `caller_room` names the caller's LiveKit room
     """

    call_id: None | str | Unset = UNSET
    agent: None | str | Unset = UNSET
    caller: Caller | None | Unset = UNSET
    caller_identity: None | str | Unset = UNSET
    metadata: CreateCallRequestMetadata | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.caller import Caller # noqa: PLC0415
        from ..models.create_call_request_metadata import CreateCallRequestMetadata # noqa: PLC0415
        call_id: None | str | Unset
        if isinstance(self.call_id, Unset):
            call_id = UNSET
        else:
            call_id = self.call_id

        agent: None | str | Unset
        if isinstance(self.agent, Unset):
            agent = UNSET
        else:
            agent = self.agent

        caller: dict[str, Any] | None | Unset
        if isinstance(self.caller, Unset):
            caller = UNSET
        elif isinstance(self.caller, Caller):
            caller = self.caller.to_dict()
        else:
            caller = self.caller

        caller_identity: None | str | Unset
        if isinstance(self.caller_identity, Unset):
            caller_identity = UNSET
        else:
            caller_identity = self.caller_identity

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if call_id is not UNSET:
            field_dict["call_id"] = call_id
        if agent is not UNSET:
            field_dict["agent"] = agent
        if caller is not UNSET:
            field_dict["caller"] = caller
        if caller_identity is not UNSET:
            field_dict["caller_identity"] = caller_identity
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.caller import Caller # noqa: PLC0415
        from ..models.create_call_request_metadata import CreateCallRequestMetadata # noqa: PLC0415
        d = dict(src_dict)
        def _parse_call_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        call_id = _parse_call_id(d.pop("call_id", UNSET))


        def _parse_agent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent = _parse_agent(d.pop("agent", UNSET))


        def _parse_caller(data: object) -> Caller | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                caller_type_0 = Caller.from_dict(data)



                return caller_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Caller | None | Unset, data)

        caller = _parse_caller(d.pop("caller", UNSET))


        def _parse_caller_identity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        caller_identity = _parse_caller_identity(d.pop("caller_identity", UNSET))


        _metadata = d.pop("metadata", UNSET)
        metadata: CreateCallRequestMetadata | Unset
        if isinstance(_metadata,  Unset):
            metadata = UNSET
        else:
            metadata = CreateCallRequestMetadata.from_dict(_metadata)




        create_call_request = cls(
            call_id=call_id,
            agent=agent,
            caller=caller,
            caller_identity=caller_identity,
            metadata=metadata,
        )

        return create_call_request

