from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.briefing_sentiment import BriefingSentiment
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.customer import Customer





T = TypeVar("T", bound="Briefing")



@_attrs_define
class Briefing:
    """ What the receiving agent gets before taking the caller.

        Attributes:
            headline (str): The call in one line
            reason (str): Why the caller needs a person
            spoken (str): The briefing to read aloud to the agent (at most 60 words)
            customer (Customer | Unset): The customer details the call contains.
            sentiment (BriefingSentiment | Unset): How the caller feels Default: BriefingSentiment.NEUTRAL.
            key_facts (list[str] | Unset): What the agent should know
            next_steps (list[str] | Unset): What the agent should do
     """

    headline: str
    reason: str
    spoken: str
    customer: Customer | Unset = UNSET
    sentiment: BriefingSentiment | Unset = BriefingSentiment.NEUTRAL
    key_facts: list[str] | Unset = UNSET
    next_steps: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.customer import Customer # noqa: PLC0415
        headline = self.headline

        reason = self.reason

        spoken = self.spoken

        customer: dict[str, Any] | Unset = UNSET
        if not isinstance(self.customer, Unset):
            customer = self.customer.to_dict()

        sentiment: str | Unset = UNSET
        if not isinstance(self.sentiment, Unset):
            sentiment = self.sentiment.value


        key_facts: list[str] | Unset = UNSET
        if not isinstance(self.key_facts, Unset):
            key_facts = self.key_facts



        next_steps: list[str] | Unset = UNSET
        if not isinstance(self.next_steps, Unset):
            next_steps = self.next_steps




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "headline": headline,
            "reason": reason,
            "spoken": spoken,
        })
        if customer is not UNSET:
            field_dict["customer"] = customer
        if sentiment is not UNSET:
            field_dict["sentiment"] = sentiment
        if key_facts is not UNSET:
            field_dict["key_facts"] = key_facts
        if next_steps is not UNSET:
            field_dict["next_steps"] = next_steps

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer import Customer # noqa: PLC0415
        d = dict(src_dict)
        headline = d.pop("headline")

        reason = d.pop("reason")

        spoken = d.pop("spoken")

        _customer = d.pop("customer", UNSET)
        customer: Customer | Unset
        if isinstance(_customer,  Unset):
            customer = UNSET
        else:
            customer = Customer.from_dict(_customer)




        _sentiment = d.pop("sentiment", UNSET)
        sentiment: BriefingSentiment | Unset
        if isinstance(_sentiment,  Unset):
            sentiment = UNSET
        else:
            sentiment = BriefingSentiment(_sentiment)




        key_facts = cast(list[str], d.pop("key_facts", UNSET))


        next_steps = cast(list[str], d.pop("next_steps", UNSET))


        briefing = cls(
            headline=headline,
            reason=reason,
            spoken=spoken,
            customer=customer,
            sentiment=sentiment,
            key_facts=key_facts,
            next_steps=next_steps,
        )


        briefing.additional_properties = d
        return briefing

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
