"""The older system's HTTP API under /v0, one Lambda function per endpoint (kept for older
clients; it does not grow: new features go to the new API)."""
