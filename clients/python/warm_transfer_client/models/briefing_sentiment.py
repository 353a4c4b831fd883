from enum import StrEnum

class BriefingSentiment(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"
    UPSET = "upset"

    def __str__(self) -> str:
        return str(self.value)
