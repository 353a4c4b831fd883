from enum import StrEnum

class CreateWebhookRequestEventsType0Item(StrEnum):
    AGENT_STATUS_CHANGED = "agent.status_changed"
    CALL_CALLBACK_REQUESTED = "call.callback_requested"
    CALL_ERASED = "call.erased"
    CALL_READ = "call.read"
    TRANSFER_ABANDONED = "transfer.abandoned"
    TRANSFER_ACCEPTED = "transfer.accepted"
    TRANSFER_AGENT_JOINED = "transfer.agent_joined"
    TRANSFER_CANCELLED = "transfer.cancelled"
    TRANSFER_COMPLETED = "transfer.completed"
    TRANSFER_CONNECTED = "transfer.connected"
    TRANSFER_DECLINED = "transfer.declined"
    TRANSFER_DIAL_FAILED = "transfer.dial_failed"
    TRANSFER_EXPIRED = "transfer.expired"
    TRANSFER_INITIATED = "transfer.initiated"
    TRANSFER_OFFERED = "transfer.offered"
    TRANSFER_OFFER_TIMED_OUT = "transfer.offer_timed_out"
    TRANSFER_OVERFLOWED = "transfer.overflowed"
    TRANSFER_REQUEUED = "transfer.requeued"

    def __str__(self) -> str:
        return str(self.value)
