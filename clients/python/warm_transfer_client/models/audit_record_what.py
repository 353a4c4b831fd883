from enum import StrEnum

class AuditRecordWhat(StrEnum):
    BRIEFING = "briefing"
    TRANSCRIPT = "transcript"

    def __str__(self) -> str:
        return str(self.value)
