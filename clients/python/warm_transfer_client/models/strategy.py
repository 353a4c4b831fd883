from enum import StrEnum

class Strategy(StrEnum):
    LONGEST_IDLE = "longest_idle"
    RING_ALL = "ring_all"

    def __str__(self) -> str:
        return str(self.value)
