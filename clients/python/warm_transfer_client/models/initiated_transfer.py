from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.outcome import Outcome
from ..models.transfer_status import TransferStatus
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.briefing import Briefing
  from ..models.briefing_correction import BriefingCorrection
  from ..models.history_entry import HistoryEntry
  from ..models.join_token import JoinToken
  from ..models.media_status import MediaStatus
  from ..models.offer import Offer





T = TypeVar("T", bound="InitiatedTransfer")



@_attrs_define
class InitiatedTransfer:
    """ The new transfer plus consult-room join tokens for its agents (never stored).

        Attributes:
            transfer_id (str): The transfer's id
            call_id (str): The call transferred
            status (TransferStatus): Where a transfer is in its lifecycle: initiated -> accepted -> completed, or
                cancelled (from initiated or accepted), expired (initiated, nobody accepted in time), or
                abandoned (the caller hung up first).
            briefing (Briefing): What the receiving agent gets before taking the caller.
            briefing_provider (str): Who wrote the briefing: groq or offline
            created_at (datetime.datetime): When it was initiated
            updated_at (datetime.datetime): When it last changed
            version (int): Bumped by every change
            history (list[HistoryEntry]): Every status change, oldest first
            from_agent (None | str | Unset): The transferring agent
            to_agent (None | str | Unset): The receiving agent (none: any agent may claim it; a phone that answered:
                `tel:<E.164>`)
            to_phone (None | str | Unset): The phone dialled for it (to_phone)
            reason (None | str | Unset): Why the transfer, as given
            briefing_fallback_reason (None | str | Unset): Why offline wrote it: `<reason>: <detail>`
            transcript_language (None | str | Unset): The language the caller spoke, detected (und: unknown)
            briefing_language (None | str | Unset): The language the briefing is written in
            briefing_corrections (list[BriefingCorrection] | Unset): What the fact check changed in an LLM briefing
            consult_room (None | str | Unset): The agents' LiveKit consult room (LiveKit configured)
            caller_room (None | str | Unset): The caller's LiveKit room
            media_status (MediaStatus | None | Unset): The last LiveKit step's outcome
            from_identity (None | str | Unset): The transferring agent's LiveKit identity (none on older records)
            to_identity (None | str | Unset): The receiving agent's LiveKit identity (none on older records)
            outcome (None | Outcome | Unset): How it ended (terminal transfers)
            agent_joined_at (datetime.datetime | None | Unset): When the receiving agent (or phone) joined the consult room
                (LiveKit)
            connected_at (datetime.datetime | None | Unset): When the receiving agent joined the caller's room (LiveKit)
            consult_room_finished_at (datetime.datetime | None | Unset): When LiveKit closed the consult room
            transferred_to (None | str | Unset): The number the caller was transferred out to (outcome transferred_out)
            queue (None | str | Unset): The queue routing it (now)
            priority (int | None | Unset): Its priority in queues: 1 most urgent to 9
            enqueued_at (datetime.datetime | None | Unset): When it entered its current queue
            offered_to (list[str] | Unset): The agents holding its current offer
            offer_expires_at (datetime.datetime | None | Unset): When the current offer ends
            offers (list[Offer] | Unset): Every offer, oldest first
            step (None | str | Unset): Its last step: queued, offered, declined, offer_timed_out, requeued, overflowed
                (while it waits), accepted, agent_joined, connected, expired
            position (int | None | Unset): While waiting: its place in its queue's line (1: next)
            estimated_wait_seconds (int | None | Unset): While waiting: how long until an agent takes it, from recent
                accepts
            join_tokens (list[JoinToken] | Unset): Consult-room tokens for both agents (LiveKit configured); in this answer
                only: an Idempotency-Key replay has none
     """

    transfer_id: str
    call_id: str
    status: TransferStatus
    briefing: Briefing
    briefing_provider: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    history: list[HistoryEntry]
    from_agent: None | str | Unset = UNSET
    to_agent: None | str | Unset = UNSET
    to_phone: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    briefing_fallback_reason: None | str | Unset = UNSET
    transcript_language: None | str | Unset = UNSET
    briefing_language: None | str | Unset = UNSET
    briefing_corrections: list[BriefingCorrection] | Unset = UNSET
    consult_room: None | str | Unset = UNSET
    caller_room: None | str | Unset = UNSET
    media_status: MediaStatus | None | Unset = UNSET
    from_identity: None | str | Unset = UNSET
    to_identity: None | str | Unset = UNSET
    outcome: None | Outcome | Unset = UNSET
    agent_joined_at: datetime.datetime | None | Unset = UNSET
    connected_at: datetime.datetime | None | Unset = UNSET
    consult_room_finished_at: datetime.datetime | None | Unset = UNSET
    transferred_to: None | str | Unset = UNSET
    queue: None | str | Unset = UNSET
    priority: int | None | Unset = UNSET
    enqueued_at: datetime.datetime | None | Unset = UNSET
    offered_to: list[str] | Unset = UNSET
    offer_expires_at: datetime.datetime | None | Unset = UNSET
    offers: list[Offer] | Unset = UNSET
    step: None | str | Unset = UNSET
    position: int | None | Unset = UNSET
    estimated_wait_seconds: int | None | Unset = UNSET
    join_tokens: list[JoinToken] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.briefing import Briefing # noqa: PLC0415
        from ..models.briefing_correction import BriefingCorrection # noqa: PLC0415
        from ..models.history_entry import HistoryEntry # noqa: PLC0415
        from ..models.join_token import JoinToken # noqa: PLC0415
        from ..models.media_status import MediaStatus # noqa: PLC0415
        from ..models.offer import Offer # noqa: PLC0415
        transfer_id = self.transfer_id

        call_id = self.call_id

        status = self.status.value

        briefing = self.briefing.to_dict()

        briefing_provider = self.briefing_provider

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)



        from_agent: None | str | Unset
        if isinstance(self.from_agent, Unset):
            from_agent = UNSET
        else:
            from_agent = self.from_agent

        to_agent: None | str | Unset
        if isinstance(self.to_agent, Unset):
            to_agent = UNSET
        else:
            to_agent = self.to_agent

        to_phone: None | str | Unset
        if isinstance(self.to_phone, Unset):
            to_phone = UNSET
        else:
            to_phone = self.to_phone

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        briefing_fallback_reason: None | str | Unset
        if isinstance(self.briefing_fallback_reason, Unset):
            briefing_fallback_reason = UNSET
        else:
            briefing_fallback_reason = self.briefing_fallback_reason

        transcript_language: None | str | Unset
        if isinstance(self.transcript_language, Unset):
            transcript_language = UNSET
        else:
            transcript_language = self.transcript_language

        briefing_language: None | str | Unset
        if isinstance(self.briefing_language, Unset):
            briefing_language = UNSET
        else:
            briefing_language = self.briefing_language

        briefing_corrections: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.briefing_corrections, Unset):
            briefing_corrections = []
            for briefing_corrections_item_data in self.briefing_corrections:
                briefing_corrections_item = briefing_corrections_item_data.to_dict()
                briefing_corrections.append(briefing_corrections_item)



        consult_room: None | str | Unset
        if isinstance(self.consult_room, Unset):
            consult_room = UNSET
        else:
            consult_room = self.consult_room

        caller_room: None | str | Unset
        if isinstance(self.caller_room, Unset):
            caller_room = UNSET
        else:
            caller_room = self.caller_room

        media_status: dict[str, Any] | None | Unset
        if isinstance(self.media_status, Unset):
            media_status = UNSET
        elif isinstance(self.media_status, MediaStatus):
            media_status = self.media_status.to_dict()
        else:
            media_status = self.media_status

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

        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        elif isinstance(self.outcome, Outcome):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        agent_joined_at: None | str | Unset
        if isinstance(self.agent_joined_at, Unset):
            agent_joined_at = UNSET
        elif isinstance(self.agent_joined_at, datetime.datetime):
            agent_joined_at = self.agent_joined_at.isoformat()
        else:
            agent_joined_at = self.agent_joined_at

        connected_at: None | str | Unset
        if isinstance(self.connected_at, Unset):
            connected_at = UNSET
        elif isinstance(self.connected_at, datetime.datetime):
            connected_at = self.connected_at.isoformat()
        else:
            connected_at = self.connected_at

        consult_room_finished_at: None | str | Unset
        if isinstance(self.consult_room_finished_at, Unset):
            consult_room_finished_at = UNSET
        elif isinstance(self.consult_room_finished_at, datetime.datetime):
            consult_room_finished_at = self.consult_room_finished_at.isoformat()
        else:
            consult_room_finished_at = self.consult_room_finished_at

        transferred_to: None | str | Unset
        if isinstance(self.transferred_to, Unset):
            transferred_to = UNSET
        else:
            transferred_to = self.transferred_to

        queue: None | str | Unset
        if isinstance(self.queue, Unset):
            queue = UNSET
        else:
            queue = self.queue

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        enqueued_at: None | str | Unset
        if isinstance(self.enqueued_at, Unset):
            enqueued_at = UNSET
        elif isinstance(self.enqueued_at, datetime.datetime):
            enqueued_at = self.enqueued_at.isoformat()
        else:
            enqueued_at = self.enqueued_at

        offered_to: list[str] | Unset = UNSET
        if not isinstance(self.offered_to, Unset):
            offered_to = self.offered_to



        offer_expires_at: None | str | Unset
        if isinstance(self.offer_expires_at, Unset):
            offer_expires_at = UNSET
        elif isinstance(self.offer_expires_at, datetime.datetime):
            offer_expires_at = self.offer_expires_at.isoformat()
        else:
            offer_expires_at = self.offer_expires_at

        offers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.offers, Unset):
            offers = []
            for offers_item_data in self.offers:
                offers_item = offers_item_data.to_dict()
                offers.append(offers_item)



        step: None | str | Unset
        if isinstance(self.step, Unset):
            step = UNSET
        else:
            step = self.step

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        estimated_wait_seconds: int | None | Unset
        if isinstance(self.estimated_wait_seconds, Unset):
            estimated_wait_seconds = UNSET
        else:
            estimated_wait_seconds = self.estimated_wait_seconds

        join_tokens: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.join_tokens, Unset):
            join_tokens = []
            for join_tokens_item_data in self.join_tokens:
                join_tokens_item = join_tokens_item_data.to_dict()
                join_tokens.append(join_tokens_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "transfer_id": transfer_id,
            "call_id": call_id,
            "status": status,
            "briefing": briefing,
            "briefing_provider": briefing_provider,
            "created_at": created_at,
            "updated_at": updated_at,
            "version": version,
            "history": history,
        })
        if from_agent is not UNSET:
            field_dict["from_agent"] = from_agent
        if to_agent is not UNSET:
            field_dict["to_agent"] = to_agent
        if to_phone is not UNSET:
            field_dict["to_phone"] = to_phone
        if reason is not UNSET:
            field_dict["reason"] = reason
        if briefing_fallback_reason is not UNSET:
            field_dict["briefing_fallback_reason"] = briefing_fallback_reason
        if transcript_language is not UNSET:
            field_dict["transcript_language"] = transcript_language
        if briefing_language is not UNSET:
            field_dict["briefing_language"] = briefing_language
        if briefing_corrections is not UNSET:
            field_dict["briefing_corrections"] = briefing_corrections
        if consult_room is not UNSET:
            field_dict["consult_room"] = consult_room
        if caller_room is not UNSET:
            field_dict["caller_room"] = caller_room
        if media_status is not UNSET:
            field_dict["media_status"] = media_status
        if from_identity is not UNSET:
            field_dict["from_identity"] = from_identity
        if to_identity is not UNSET:
            field_dict["to_identity"] = to_identity
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if agent_joined_at is not UNSET:
            field_dict["agent_joined_at"] = agent_joined_at
        if connected_at is not UNSET:
            field_dict["connected_at"] = connected_at
        if consult_room_finished_at is not UNSET:
            field_dict["consult_room_finished_at"] = consult_room_finished_at
        if transferred_to is not UNSET:
            field_dict["transferred_to"] = transferred_to
        if queue is not UNSET:
            field_dict["queue"] = queue
        if priority is not UNSET:
            field_dict["priority"] = priority
        if enqueued_at is not UNSET:
            field_dict["enqueued_at"] = enqueued_at
        if offered_to is not UNSET:
            field_dict["offered_to"] = offered_to
        if offer_expires_at is not UNSET:
            field_dict["offer_expires_at"] = offer_expires_at
        if offers is not UNSET:
            field_dict["offers"] = offers
        if step is not UNSET:
            field_dict["step"] = step
        if position is not UNSET:
            field_dict["position"] = position
        if estimated_wait_seconds is not UNSET:
            field_dict["estimated_wait_seconds"] = estimated_wait_seconds
        if join_tokens is not UNSET:
            field_dict["join_tokens"] = join_tokens

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.briefing import Briefing # noqa: PLC0415
        from ..models.briefing_correction import BriefingCorrection # noqa: PLC0415
        from ..models.history_entry import HistoryEntry # noqa: PLC0415
        from ..models.join_token import JoinToken # noqa: PLC0415
        from ..models.media_status import MediaStatus # noqa: PLC0415
        from ..models.offer import Offer # noqa: PLC0415
        d = dict(src_dict)
        transfer_id = d.pop("transfer_id")

        call_id = d.pop("call_id")

        status = TransferStatus(d.pop("status"))




        briefing = Briefing.from_dict(d.pop("briefing"))




        briefing_provider = d.pop("briefing_provider")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        history = []
        _history = d.pop("history")
        for history_item_data in (_history):
            history_item = HistoryEntry.from_dict(history_item_data)



            history.append(history_item)


        def _parse_from_agent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_agent = _parse_from_agent(d.pop("from_agent", UNSET))


        def _parse_to_agent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_agent = _parse_to_agent(d.pop("to_agent", UNSET))


        def _parse_to_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_phone = _parse_to_phone(d.pop("to_phone", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_briefing_fallback_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        briefing_fallback_reason = _parse_briefing_fallback_reason(d.pop("briefing_fallback_reason", UNSET))


        def _parse_transcript_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transcript_language = _parse_transcript_language(d.pop("transcript_language", UNSET))


        def _parse_briefing_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        briefing_language = _parse_briefing_language(d.pop("briefing_language", UNSET))


        _briefing_corrections = d.pop("briefing_corrections", UNSET)
        briefing_corrections: list[BriefingCorrection] | Unset = UNSET
        if _briefing_corrections is not UNSET:
            briefing_corrections = []
            for briefing_corrections_item_data in _briefing_corrections:
                briefing_corrections_item = BriefingCorrection.from_dict(briefing_corrections_item_data)



                briefing_corrections.append(briefing_corrections_item)


        def _parse_consult_room(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        consult_room = _parse_consult_room(d.pop("consult_room", UNSET))


        def _parse_caller_room(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        caller_room = _parse_caller_room(d.pop("caller_room", UNSET))


        def _parse_media_status(data: object) -> MediaStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                media_status_type_0 = MediaStatus.from_dict(data)



                return media_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MediaStatus | None | Unset, data)

        media_status = _parse_media_status(d.pop("media_status", UNSET))


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


        def _parse_outcome(data: object) -> None | Outcome | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = Outcome(data)



                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Outcome | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))


        def _parse_agent_joined_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_joined_at_type_0 = datetime.datetime.fromisoformat(data)



                return agent_joined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        agent_joined_at = _parse_agent_joined_at(d.pop("agent_joined_at", UNSET))


        def _parse_connected_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                connected_at_type_0 = datetime.datetime.fromisoformat(data)



                return connected_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        connected_at = _parse_connected_at(d.pop("connected_at", UNSET))


        def _parse_consult_room_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                consult_room_finished_at_type_0 = datetime.datetime.fromisoformat(data)



                return consult_room_finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        consult_room_finished_at = _parse_consult_room_finished_at(d.pop("consult_room_finished_at", UNSET))


        def _parse_transferred_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transferred_to = _parse_transferred_to(d.pop("transferred_to", UNSET))


        def _parse_queue(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        queue = _parse_queue(d.pop("queue", UNSET))


        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))


        def _parse_enqueued_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                enqueued_at_type_0 = datetime.datetime.fromisoformat(data)



                return enqueued_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        enqueued_at = _parse_enqueued_at(d.pop("enqueued_at", UNSET))


        offered_to = cast(list[str], d.pop("offered_to", UNSET))


        def _parse_offer_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offer_expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return offer_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        offer_expires_at = _parse_offer_expires_at(d.pop("offer_expires_at", UNSET))


        _offers = d.pop("offers", UNSET)
        offers: list[Offer] | Unset = UNSET
        if _offers is not UNSET:
            offers = []
            for offers_item_data in _offers:
                offers_item = Offer.from_dict(offers_item_data)



                offers.append(offers_item)


        def _parse_step(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        step = _parse_step(d.pop("step", UNSET))


        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.pop("position", UNSET))


        def _parse_estimated_wait_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        estimated_wait_seconds = _parse_estimated_wait_seconds(d.pop("estimated_wait_seconds", UNSET))


        _join_tokens = d.pop("join_tokens", UNSET)
        join_tokens: list[JoinToken] | Unset = UNSET
        if _join_tokens is not UNSET:
            join_tokens = []
            for join_tokens_item_data in _join_tokens:
                join_tokens_item = JoinToken.from_dict(join_tokens_item_data)



                join_tokens.append(join_tokens_item)


        initiated_transfer = cls(
            transfer_id=transfer_id,
            call_id=call_id,
            status=status,
            briefing=briefing,
            briefing_provider=briefing_provider,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
            history=history,
            from_agent=from_agent,
            to_agent=to_agent,
            to_phone=to_phone,
            reason=reason,
            briefing_fallback_reason=briefing_fallback_reason,
            transcript_language=transcript_language,
            briefing_language=briefing_language,
            briefing_corrections=briefing_corrections,
            consult_room=consult_room,
            caller_room=caller_room,
            media_status=media_status,
            from_identity=from_identity,
            to_identity=to_identity,
            outcome=outcome,
            agent_joined_at=agent_joined_at,
            connected_at=connected_at,
            consult_room_finished_at=consult_room_finished_at,
            transferred_to=transferred_to,
            queue=queue,
            priority=priority,
            enqueued_at=enqueued_at,
            offered_to=offered_to,
            offer_expires_at=offer_expires_at,
            offers=offers,
            step=step,
            position=position,
            estimated_wait_seconds=estimated_wait_seconds,
            join_tokens=join_tokens,
        )


        initiated_transfer.additional_properties = d
        return initiated_transfer

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
