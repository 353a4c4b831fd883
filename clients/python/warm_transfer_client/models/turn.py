from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.speaker import Speaker
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Turn")



@_attrs_define
class Turn:
    """ 
        Attributes:
            seq (int): The turn's place in the transcript, from 1
            speaker (Speaker): Who said a turn: the caller, the human agent, or the AI voice agent.
            text (str): What was said
            at (datetime.datetime): When it was stored
            turn_id (None | str | Unset): The client's id for the turn, if it gave one
            redactions (list[str] | Unset): What was redacted from it before it was stored (card, cvv, iban, national_id, or
                a REDACT_PATTERNS name): the agent knows a card was given
     """

    seq: int
    speaker: Speaker
    text: str
    at: datetime.datetime
    turn_id: None | str | Unset = UNSET
    redactions: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        speaker = self.speaker.value

        text = self.text

        at = self.at.isoformat()

        turn_id: None | str | Unset
        if isinstance(self.turn_id, Unset):
            turn_id = UNSET
        else:
            turn_id = self.turn_id

        redactions: list[str] | Unset = UNSET
        if not isinstance(self.redactions, Unset):
            redactions = self.redactions




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "seq": seq,
            "speaker": speaker,
            "text": text,
            "at": at,
        })
        if turn_id is not UNSET:
            field_dict["turn_id"] = turn_id
        if redactions is not UNSET:
            field_dict["redactions"] = redactions

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        seq = d.pop("seq")

        speaker = Speaker(d.pop("speaker"))




        text = d.pop("text")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        def _parse_turn_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        turn_id = _parse_turn_id(d.pop("turn_id", UNSET))


        redactions = cast(list[str], d.pop("redactions", UNSET))


        turn = cls(
            seq=seq,
            speaker=speaker,
            text=text,
            at=at,
            turn_id=turn_id,
            redactions=redactions,
        )


        turn.additional_properties = d
        return turn

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
