from enum import StrEnum

class TransferStatus(StrEnum):
    ABANDONED = "abandoned"
    ACCEPTED = "accepted"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    EXPIRED = "expired"
    INITIATED = "initiated"

    def __str__(self) -> str:
        return str(self.value)
