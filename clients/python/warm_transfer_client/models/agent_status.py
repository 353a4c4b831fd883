from enum import StrEnum

class AgentStatus(StrEnum):
    AVAILABLE = "available"
    AWAY = "away"
    BUSY = "busy"
    OFFLINE = "offline"
    WRAP_UP = "wrap_up"

    def __str__(self) -> str:
        return str(self.value)
