from enum import StrEnum

class OfferOutcome(StrEnum):
    ACCEPTED = "accepted"
    BUSY = "busy"
    DECLINED = "declined"
    FAILED = "failed"
    NO_ANSWER = "no_answer"
    TIMED_OUT = "timed_out"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
