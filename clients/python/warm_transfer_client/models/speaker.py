from enum import StrEnum

class Speaker(StrEnum):
    AGENT = "agent"
    AI = "ai"
    CALLER = "caller"

    def __str__(self) -> str:
        return str(self.value)
