from enum import StrEnum

class AuditRecordRole(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"

    def __str__(self) -> str:
        return str(self.value)
