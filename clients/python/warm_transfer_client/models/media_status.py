from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.media_status_state import MediaStatusState
from ..models.media_status_step import MediaStatusStep
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="MediaStatus")



@_attrs_define
class MediaStatus:
    """ Outcome of a transfer's last LiveKit step (open: consult room, handoff, close).

        Attributes:
            state (MediaStatusState): ok; failed (repeat the move to retry); not_in_room: the hand-off found the first agent
                already out of the caller's room
            step (MediaStatusStep): open: the consult room; handoff: the caller to the receiving agent; close: the consult
                room closed
            at (datetime.datetime): When the step last ran
            error (None | str | Unset): What failed, when it did
            attempts (int | Unset): How many times the step ran Default: 1.
     """

    state: MediaStatusState
    step: MediaStatusStep
    at: datetime.datetime
    error: None | str | Unset = UNSET
    attempts: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        state = self.state.value

        step = self.step.value

        at = self.at.isoformat()

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        attempts = self.attempts


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "state": state,
            "step": step,
            "at": at,
        })
        if error is not UNSET:
            field_dict["error"] = error
        if attempts is not UNSET:
            field_dict["attempts"] = attempts

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        state = MediaStatusState(d.pop("state"))




        step = MediaStatusStep(d.pop("step"))




        at = datetime.datetime.fromisoformat(d.pop("at"))




        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))


        attempts = d.pop("attempts", UNSET)

        media_status = cls(
            state=state,
            step=step,
            at=at,
            error=error,
            attempts=attempts,
        )


        media_status.additional_properties = d
        return media_status

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
