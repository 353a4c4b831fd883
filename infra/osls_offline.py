"""Run osls (the open Serverless Framework v3) with no AWS account: its AWS calls go to moto.

`osls package` is offline except for one question: whether the dependency layer is
already deployed (CloudFormation DescribeStacks). Here that question, and any SSM
Parameter Store lookup of infra/secrets.yml, goes to a moto server on 127.0.0.1 with fake
credentials, so nothing can reach a real AWS account.

    .venv/bin/python -m infra.osls_offline package --stage offline   # -> .serverless/
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from infra.local_stack import LOCAL_CREDENTIALS, LocalDynamoDB

ROOT = Path(__file__).resolve().parents[1]
OSLS = ROOT / "node_modules" / ".bin" / "osls"


def osls_env(endpoint_url: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment with every AWS call of osls sent to endpoint_url."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env |= {
        "AWS_ENDPOINT_URL": endpoint_url,
        "AWS_ACCESS_KEY_ID": LOCAL_CREDENTIALS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": LOCAL_CREDENTIALS["aws_secret_access_key"],
        "AWS_REGION": "us-east-1",
        # The AWS SDK's notice that Node 20 support ends is not ours to act on.
        "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED": "true",
    }
    return env | dict(extra or {})


def run(
    args: Sequence[str],
    *,
    endpoint_url: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 240,
) -> subprocess.CompletedProcess[str]:
    """osls with args in the project directory; stdout and stderr captured."""
    if not OSLS.exists():
        raise FileNotFoundError(f"{OSLS} is missing: run `npm ci` (make test does)")
    if args and args[0] in ("package", "deploy"):
        from infra.function_bytecode import compile_functions

        compile_functions()  # the package carries the runtime's .pyc of the functions
        from infra.console_build import build as build_console

        build_console()  # and the agent console's page (serve_console)
    return subprocess.run(
        [str(OSLS), *args],
        cwd=ROOT,
        env=osls_env(endpoint_url, env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def main(argv: Sequence[str]) -> int:
    server = LocalDynamoDB().start()
    try:
        done = run(argv, endpoint_url=server.endpoint_url, env=None, timeout=600)
    finally:
        server.stop()
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
