""" Contains all the data models used in inputs/outputs """

from .access_token import AccessToken
from .agent_say_request import AgentSayRequest
from .agent_start_request import AgentStartRequest
from .agent_status import AgentStatus
from .agent_stop_request import AgentStopRequest
from .ai_voice_request import AiVoiceRequest
from .ai_voice_request_audio_format_type_0 import AiVoiceRequestAudioFormatType0
from .ai_voice_response import AiVoiceResponse
from .ai_voice_response_provider import AiVoiceResponseProvider
from .append_turns_request import AppendTurnsRequest
from .append_turns_response import AppendTurnsResponse
from .assign_call_request import AssignCallRequest
from .audit_page import AuditPage
from .audit_record import AuditRecord
from .audit_record_role import AuditRecordRole
from .audit_record_what import AuditRecordWhat
from .briefing import Briefing
from .briefing_correction import BriefingCorrection
from .briefing_correction_action import BriefingCorrectionAction
from .briefing_sentiment import BriefingSentiment
from .bucket import Bucket
from .call import Call
from .call_assignment import CallAssignment
from .call_metadata import CallMetadata
from .call_page import CallPage
from .call_page_metadata import CallPageMetadata
from .callback import Callback
from .callback_request import CallbackRequest
from .caller import Caller
from .complete_request import CompleteRequest
from .create_call_request import CreateCallRequest
from .create_call_request_metadata import CreateCallRequestMetadata
from .create_token_request import CreateTokenRequest
from .create_webhook_request import CreateWebhookRequest
from .create_webhook_request_events_type_0_item import CreateWebhookRequestEventsType0Item
from .created_webhook import CreatedWebhook
from .customer import Customer
from .decline_request import DeclineRequest
from .erased_call import ErasedCall
from .figures import Figures
from .group import Group
from .group_by import GroupBy
from .health import Health
from .healthy import Healthy
from .history_entry import HistoryEntry
from .initiate_request import InitiateRequest
from .initiate_transfer_request import InitiateTransferRequest
from .initiated import Initiated
from .initiated_transfer import InitiatedTransfer
from .join_token import JoinToken
from .legacy_token import LegacyToken
from .live_kit_room import LiveKitRoom
from .media_status import MediaStatus
from .media_status_state import MediaStatusState
from .media_status_step import MediaStatusStep
from .message import Message
from .offer import Offer
from .offer_outcome import OfferOutcome
from .outcome import Outcome
from .participant import Participant
from .participant_list import ParticipantList
from .percentiles import Percentiles
from .period import Period
from .phone_member import PhoneMember
from .presence import Presence
from .presence_chosen import PresenceChosen
from .presence_list import PresenceList
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .queue import Queue
from .queue_agents import QueueAgents
from .queue_list import QueueList
from .queue_settings import QueueSettings
from .received import Received
from .room_agent import RoomAgent
from .room_info import RoomInfo
from .room_list import RoomList
from .rooms import Rooms
from .say_request import SayRequest
from .set_phone_request import SetPhoneRequest
from .set_status_request import SetStatusRequest
from .set_status_request_status import SetStatusRequestStatus
from .speaker import Speaker
from .start_agent_request import StartAgentRequest
from .stats_report import StatsReport
from .strategy import Strategy
from .success import Success
from .transfer import Transfer
from .transfer_page import TransferPage
from .transfer_record import TransferRecord
from .transfer_records import TransferRecords
from .transfer_status import TransferStatus
from .turn import Turn
from .turn_in import TurnIn
from .voice_request import VoiceRequest
from .webhook import Webhook
from .webhook_list import WebhookList

__all__ = (
    "AccessToken",
    "AgentSayRequest",
    "AgentStartRequest",
    "AgentStatus",
    "AgentStopRequest",
    "AiVoiceRequest",
    "AiVoiceRequestAudioFormatType0",
    "AiVoiceResponse",
    "AiVoiceResponseProvider",
    "AppendTurnsRequest",
    "AppendTurnsResponse",
    "AssignCallRequest",
    "AuditPage",
    "AuditRecord",
    "AuditRecordRole",
    "AuditRecordWhat",
    "Briefing",
    "BriefingCorrection",
    "BriefingCorrectionAction",
    "BriefingSentiment",
    "Bucket",
    "Call",
    "CallAssignment",
    "Callback",
    "CallbackRequest",
    "Caller",
    "CallMetadata",
    "CallPage",
    "CallPageMetadata",
    "CompleteRequest",
    "CreateCallRequest",
    "CreateCallRequestMetadata",
    "CreatedWebhook",
    "CreateTokenRequest",
    "CreateWebhookRequest",
    "CreateWebhookRequestEventsType0Item",
    "Customer",
    "DeclineRequest",
    "ErasedCall",
    "Figures",
    "Group",
    "GroupBy",
    "Health",
    "Healthy",
    "HistoryEntry",
    "Initiated",
    "InitiatedTransfer",
    "InitiateRequest",
    "InitiateTransferRequest",
    "JoinToken",
    "LegacyToken",
    "LiveKitRoom",
    "MediaStatus",
    "MediaStatusState",
    "MediaStatusStep",
    "Message",
    "Offer",
    "OfferOutcome",
    "Outcome",
    "Participant",
    "ParticipantList",
    "Percentiles",
    "Period",
    "PhoneMember",
    "Presence",
    "PresenceChosen",
    "PresenceList",
    "Problem",
    "ProblemErrorsItem",
    "Queue",
    "QueueAgents",
    "QueueList",
    "QueueSettings",
    "Received",
    "RoomAgent",
    "RoomInfo",
    "RoomList",
    "Rooms",
    "SayRequest",
    "SetPhoneRequest",
    "SetStatusRequest",
    "SetStatusRequestStatus",
    "Speaker",
    "StartAgentRequest",
    "StatsReport",
    "Strategy",
    "Success",
    "Transfer",
    "TransferPage",
    "TransferRecord",
    "TransferRecords",
    "TransferStatus",
    "Turn",
    "TurnIn",
    "VoiceRequest",
    "Webhook",
    "WebhookList",
)
