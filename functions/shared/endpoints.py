"""What an AWS client needs to know about the endpoint it is given."""

from __future__ import annotations


def tls_verify(endpoint_url: str | None) -> bool | None:
    """The client's `verify` for `endpoint_url`. None (the SDK's default: verify against
    its CA bundle) for AWS's endpoints and any https:// one. False for plain http:// (moto
    on 127.0.0.1, DynamoDB Local): there is no TLS to verify, and aiobotocore would
    otherwise build a TLS context for each client's connection pool anyway, loading the
    CA bundle (~20 ms of CPU), for a client per thread of every local poller."""
    if endpoint_url is not None and endpoint_url.lower().startswith("http://"):
        return False
    return None
