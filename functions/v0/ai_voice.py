"""POST /v0/ai-voice {prompt, voice?}: the AI's spoken reply as audio/wav (Groq chat, then
Groq speech); a 503 problem when no speech is available, never an empty file."""

from fastapi.responses import Response
from mangum import Mangum

from functions.api.app import create_app
from functions.api.auth import Service
from functions.domain.errors import SpeechUnavailable
from functions.domain.models.v0 import VoiceRequest
from functions.services import v0 as v0

app = create_app(
    "v0_ai_voice",
    __doc__,
    errors={SpeechUnavailable: "no speech: Groq is not configured or failed"},
)
WAV = "audio/wav"


@app.post(
    "/v0/ai-voice",
    response_class=Response,
    responses={200: {"content": {WAV: {}}, "description": "The reply, spoken (WAV)"}},
)
async def ai_voice(
    body: VoiceRequest,
    _: Service,
) -> Response:
    return Response(content=await v0.ai_voice(body), media_type=WAV)


handler = Mangum(app, lifespan="off")
