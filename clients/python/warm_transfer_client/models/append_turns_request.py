from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.turn_in import TurnIn





T = TypeVar("T", bound="AppendTurnsRequest")



@_attrs_define
class AppendTurnsRequest:
    """ 
        Attributes:
            turns (list[TurnIn]): The turns to append, in the order said
     """

    turns: list[TurnIn]





    def to_dict(self) -> dict[str, Any]:
        from ..models.turn_in import TurnIn # noqa: PLC0415
        turns = []
        for turns_item_data in self.turns:
            turns_item = turns_item_data.to_dict()
            turns.append(turns_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "turns": turns,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.turn_in import TurnIn # noqa: PLC0415
        d = dict(src_dict)
        turns = []
        _turns = d.pop("turns")
        for turns_item_data in (_turns):
            turns_item = TurnIn.from_dict(turns_item_data)



            turns.append(turns_item)


        append_turns_request = cls(
            turns=turns,
        )

        return append_turns_request

