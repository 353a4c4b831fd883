from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.call_metadata import CallMetadata
  from ..models.callback import Callback
  from ..models.caller import Caller
  from ..models.turn import Turn





T = TypeVar("T", bound="Call")



@_attrs_define
class Call:
    """ 
        Attributes:
            call_id (str): The call's id
            created_at (datetime.datetime): When the call was opened
            caller (Caller | None | Unset): The caller, as far as known
            caller_identity (None | str | Unset): The caller's LiveKit identity in the caller's room
            metadata (CallMetadata | Unset): The free key/value text given at POST /calls
            context (None | str | Unset): Free-text context from clients of the older API (no transcript)
            agent (None | str | Unset): The human agent on the call (none while the AI voice agent has it)
            turn_count (int | Unset): How many turns the transcript holds Default: 0.
            callback (Callback | None | Unset): The callback asked for, if any
            turns (list[Turn] | Unset): Transcript turns, oldest first
     """

    call_id: str
    created_at: datetime.datetime
    caller: Caller | None | Unset = UNSET
    caller_identity: None | str | Unset = UNSET
    metadata: CallMetadata | Unset = UNSET
    context: None | str | Unset = UNSET
    agent: None | str | Unset = UNSET
    turn_count: int | Unset = 0
    callback: Callback | None | Unset = UNSET
    turns: list[Turn] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.call_metadata import CallMetadata # noqa: PLC0415
        from ..models.callback import Callback # noqa: PLC0415
        from ..models.caller import Caller # noqa: PLC0415
        from ..models.turn import Turn # noqa: PLC0415
        call_id = self.call_id

        created_at = self.created_at.isoformat()

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

        context: None | str | Unset
        if isinstance(self.context, Unset):
            context = UNSET
        else:
            context = self.context

        agent: None | str | Unset
        if isinstance(self.agent, Unset):
            agent = UNSET
        else:
            agent = self.agent

        turn_count = self.turn_count

        callback: dict[str, Any] | None | Unset
        if isinstance(self.callback, Unset):
            callback = UNSET
        elif isinstance(self.callback, Callback):
            callback = self.callback.to_dict()
        else:
            callback = self.callback

        turns: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.turns, Unset):
            turns = []
            for turns_item_data in self.turns:
                turns_item = turns_item_data.to_dict()
                turns.append(turns_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "call_id": call_id,
            "created_at": created_at,
        })
        if caller is not UNSET:
            field_dict["caller"] = caller
        if caller_identity is not UNSET:
            field_dict["caller_identity"] = caller_identity
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if context is not UNSET:
            field_dict["context"] = context
        if agent is not UNSET:
            field_dict["agent"] = agent
        if turn_count is not UNSET:
            field_dict["turn_count"] = turn_count
        if callback is not UNSET:
            field_dict["callback"] = callback
        if turns is not UNSET:
            field_dict["turns"] = turns

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.call_metadata import CallMetadata # noqa: PLC0415
        from ..models.callback import Callback # noqa: PLC0415
        from ..models.caller import Caller # noqa: PLC0415
        from ..models.turn import Turn # noqa: PLC0415
        d = dict(src_dict)
        call_id = d.pop("call_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




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
        metadata: CallMetadata | Unset
        if isinstance(_metadata,  Unset):
            metadata = UNSET
        else:
            metadata = CallMetadata.from_dict(_metadata)




        def _parse_context(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        context = _parse_context(d.pop("context", UNSET))


        def _parse_agent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent = _parse_agent(d.pop("agent", UNSET))


        turn_count = d.pop("turn_count", UNSET)

        def _parse_callback(data: object) -> Callback | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                callback_type_0 = Callback.from_dict(data)



                return callback_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Callback | None | Unset, data)

        callback = _parse_callback(d.pop("callback", UNSET))


        _turns = d.pop("turns", UNSET)
        turns: list[Turn] | Unset = UNSET
        if _turns is not UNSET:
            turns = []
            for turns_item_data in _turns:
                turns_item = Turn.from_dict(turns_item_data)



                turns.append(turns_item)


        call = cls(
            call_id=call_id,
            created_at=created_at,
            caller=caller,
            caller_identity=caller_identity,
            metadata=metadata,
            context=context,
            agent=agent,
            turn_count=turn_count,
            callback=callback,
            turns=turns,
        )


        call.additional_properties = d
        return call

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
