"""POST /ai-voice: one AI voice turn; caller text or audio in, AI reply (and audio) out."""

from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Service
from functions.api.openapi_parts import STORE
from functions.domain.errors import AudioTooLarge, InvalidAudio
from functions.domain.models.voice import AiVoiceRequest, AiVoiceResponse
from functions.services import voice

# Audio comes base64-encoded in the body: a larger limit than other functions.
app = create_app(
    "ai_voice",
    __doc__,
    errors={
        **STORE,
        InvalidAudio: "audio_base64 is not base64, empty, or not of audio_format",
        AudioTooLarge: "the audio is over AI_VOICE_MAX_AUDIO_BYTES",
    },
    max_body_bytes=lambda s: s.ai_voice_max_body_bytes,
)


@app.post("/ai-voice", response_model=AiVoiceResponse)
async def ai_voice(
    body: AiVoiceRequest,
    actor: Service,
) -> AiVoiceResponse:
    return await voice.voice_turn(body, actor)


handler = Mangum(app, lifespan="off")
