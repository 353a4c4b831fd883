from enum import StrEnum

class AiVoiceRequestAudioFormatType0(StrEnum):
    FLAC = "flac"
    M4A = "m4a"
    MP3 = "mp3"
    OGG = "ogg"
    WAV = "wav"
    WEBM = "webm"

    def __str__(self) -> str:
        return str(self.value)
