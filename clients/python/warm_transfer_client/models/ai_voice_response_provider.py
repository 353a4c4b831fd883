from enum import StrEnum

class AiVoiceResponseProvider(StrEnum):
    GROQ = "groq"
    OFFLINE = "offline"

    def __str__(self) -> str:
        return str(self.value)
