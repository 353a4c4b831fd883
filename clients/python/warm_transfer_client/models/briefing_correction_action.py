from enum import StrEnum

class BriefingCorrectionAction(StrEnum):
    ADDED = "added"
    REMOVED = "removed"

    def __str__(self) -> str:
        return str(self.value)
