from enum import StrEnum

class GroupBy(StrEnum):
    AGENT = "agent"
    QUEUE = "queue"

    def __str__(self) -> str:
        return str(self.value)
