from enum import StrEnum

class MediaStatusStep(StrEnum):
    CLOSE = "close"
    HANDOFF = "handoff"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
