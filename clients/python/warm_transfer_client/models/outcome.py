from enum import StrEnum

class Outcome(StrEnum):
    ABANDONED = "abandoned"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    NO_AGENT = "no_agent"
    NO_ANSWER = "no_answer"
    TRANSFERRED_OUT = "transferred_out"

    def __str__(self) -> str:
        return str(self.value)
