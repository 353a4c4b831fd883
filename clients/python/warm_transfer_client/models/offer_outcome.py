from enum import StrEnum

class OfferOutcome(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TIMED_OUT = "timed_out"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
