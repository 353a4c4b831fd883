"""Who is calling: bearer tokens verified (an OpenID provider's JWKS, or HS256 locally) and
the claims API Gateway's JWT authorizer verified, turned into an Actor. No FastAPI here:
the HTTP dependency (functions/api/auth.py) and the WebSocket $connect both call it."""
