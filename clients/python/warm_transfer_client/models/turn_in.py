from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.speaker import Speaker
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TurnIn")



@_attrs_define
class TurnIn:
    """ 
        Attributes:
            speaker (Speaker): Who said a turn: the caller, the human agent, or the AI voice agent.
            text (str): What was said
            turn_id (None | str | Unset): The client's id for the turn: a turn id already stored is not appended again (safe
                retries)
     """

    speaker: Speaker
    text: str
    turn_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        speaker = self.speaker.value

        text = self.text

        turn_id: None | str | Unset
        if isinstance(self.turn_id, Unset):
            turn_id = UNSET
        else:
            turn_id = self.turn_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "speaker": speaker,
            "text": text,
        })
        if turn_id is not UNSET:
            field_dict["turn_id"] = turn_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        speaker = Speaker(d.pop("speaker"))




        text = d.pop("text")

        def _parse_turn_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        turn_id = _parse_turn_id(d.pop("turn_id", UNSET))


        turn_in = cls(
            speaker=speaker,
            text=text,
            turn_id=turn_id,
        )

        return turn_in

