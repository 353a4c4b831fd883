"""The voice agent: a LiveKit Agents worker that talks with the caller and hands the call
to a human through the warm-transfer API (docs/voice-agent.md)."""
