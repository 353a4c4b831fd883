from enum import StrEnum

class MediaStatusState(StrEnum):
    FAILED = "failed"
    NOT_IN_ROOM = "not_in_room"
    OK = "ok"

    def __str__(self) -> str:
        return str(self.value)
