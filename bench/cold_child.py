"""One cold start, in a fresh process: run as a script, never imported by the bench.

    cold_child.py app MODULE EVENT_JSON        import functions.MODULE, call its handler once
    cold_child.py record MODULE EVENT_JSON     the same, listing the store calls it makes
    cold_child.py floor SPEC_JSON EVENT_JSON   import the same libraries, open the same client,
                                               make the same store calls: no app around them
    cold_child.py monolith MODULES EVENT_JSON  one app with every route and every dependency
    cold_child.py snap MODULE EVENT_JSON HOOKS URL  SnapStart: import (init), then the
                                               before-snapshot and after-restore hooks if
                                               HOOKS is "hooks", then the first invocation and
                                               WARM more, the table restored (moto at URL)
                                               before each; prints their times

Prints one JSON line: monotonic time when the first response was ready (the parent took
the start time just before spawning), the status, the peak RSS after the invocation and,
for `app`, the third-party modules it loaded (the floor imports exactly those).
Only `time` is imported before the work starts; `json` and `resource` after it is done.
"""

import time  # noqa: I001 - first, and alone: everything after it is measured

import sys


def _report(extra: dict) -> None:  # type: ignore[type-arg]
    done = time.monotonic()
    cpu = time.process_time()  # CPU seconds: far less sensitive than wall time to a busy machine
    import json

    # VmHWM is this process's own peak. getrusage's ru_maxrss is not: Linux carries the
    # parent's high-water mark across fork and exec, so it would report the bench's size.
    with open("/proc/self/status") as f:
        peak = next(line for line in f if line.startswith("VmHWM:"))
    extra.update(done=done, cpu=cpu, rss_kb=int(peak.split()[1]))
    extra["groq"] = "groq" in sys.modules
    extra["livekit"] = any(name.startswith("livekit") for name in sys.modules)
    sys.stdout.write(json.dumps(extra) + "\n")
    sys.stdout.flush()


def _event(path: str) -> dict:  # type: ignore[type-arg]
    import json

    with open(path) as f:
        return json.load(f)


def _third_party() -> list[str]:
    own = {"functions", "tests", "bench", "monolith", "__main__"}
    names = []
    for name, module in list(sys.modules.items()):
        top = name.split(".")[0]
        if top in own or top in sys.stdlib_module_names or module is None:
            continue
        if getattr(module, "__file__", None) is None:
            continue  # namespace packages and aliases: imported through their children
        names.append(name)
    return names


def app(module: str, event_path: str, record: bool) -> None:
    ops: list = []  # type: ignore[type-arg]
    if record:
        # Bench instrumentation, only in the discovery run (never in a timed one).
        from aiobotocore.client import AioBaseClient

        original = AioBaseClient._make_api_call

        async def recording(self, operation_name, api_params):  # type: ignore[no-untyped-def]
            import copy

            ops.append([operation_name, copy.deepcopy(api_params)])
            return await original(self, operation_name, api_params)

        AioBaseClient._make_api_call = recording  # type: ignore[method-assign]
    import importlib

    handler = importlib.import_module(f"functions.{module}").handler
    imported = time.monotonic()
    from tests.support.apigw import LambdaContext

    result = handler(_event(event_path), LambdaContext())
    extra = {"imported": imported, "status": result["statusCode"]}
    if result["statusCode"] >= 400:
        extra["body"] = str(result.get("body"))[:300]
    if record:
        extra["ops"] = ops
    else:
        extra["modules"] = _third_party()  # read after the clock stopped
    _report(extra)


def floor(spec_path: str, event_path: str) -> None:
    import importlib
    import json

    with open(spec_path) as f:
        spec = json.load(f)
    for name in spec["modules"]:
        try:
            importlib.import_module(name)
        except Exception:  # a few are aliases that only import through their parent
            continue
    imported = time.monotonic()
    from tests.support.apigw import LambdaContext

    _event(event_path), LambdaContext()  # what the runtime hands the handler
    status = 200
    if spec["ops"]:
        import asyncio

        import aioboto3
        from aiobotocore.config import AioConfig
        from botocore import xform_name

        async def calls() -> int:
            client_spec = spec["client"]
            config = AioConfig(**client_spec["config"])
            async with aioboto3.Session().client(
                "dynamodb",
                region_name=client_spec["region"],
                endpoint_url=client_spec["endpoint_url"],
                config=config,
            ) as db:
                for operation, params in spec["ops"]:
                    await getattr(db, xform_name(operation))(**params)
            return 200

        loop = asyncio.new_event_loop()
        status = loop.run_until_complete(calls())
    _report({"imported": imported, "status": status})


def monolith(modules: str, event_path: str) -> None:
    import monolith as mono  # bench/monolith.py: this script's directory is on sys.path

    handler = mono.build(modules.split(","))
    imported = time.monotonic()
    from tests.support.apigw import LambdaContext

    result = handler(_event(event_path), LambdaContext())
    _report({"imported": imported, "status": result["statusCode"]})


WARM = 5


def snap(module: str, event_path: str, hooks: str, moto_url: str) -> None:
    import importlib
    import json
    import os

    # The bench's own package (Snapshot), after the bundle's paths so they still win.
    sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from bench.scenarios import Snapshot
    from tests.support.apigw import LambdaContext

    handler = importlib.import_module(f"functions.{module}").handler
    restore_hooks: list = []  # type: ignore[type-arg]
    if hooks == "hooks":
        from snapshot_restore_py import get_after_restore, get_before_snapshot

        for hook, args, kwargs in get_before_snapshot():
            hook(*args, **kwargs)
        # (Lambda snapshots here; a new container restores it when a request comes, runs
        # the after-restore hooks, then the request: those hooks count in the first.)
        restore_hooks = get_after_restore()
    event, table = _event(event_path), Snapshot(moto_url)
    times, statuses = [], []
    for _ in range(1 + WARM):
        table.restore()  # every invocation meets the same items and makes the same calls
        started = time.perf_counter()
        for hook, args, kwargs in restore_hooks:
            hook(*args, **kwargs)
        restore_hooks = []
        result = handler(event, LambdaContext())
        times.append((time.perf_counter() - started) * 1000)
        statuses.append(result["statusCode"])
    done = {"done": time.monotonic(), "cpu": time.process_time()}
    sys.stdout.write(json.dumps({"ms": times, "statuses": statuses, **done}) + "\n")


if __name__ == "__main__":
    mode, first, second = sys.argv[1:4]
    if mode == "snap":
        snap(first, second, sys.argv[4], sys.argv[5])
    elif mode in ("app", "record"):
        app(first, second, record=mode == "record")
    elif mode == "floor":
        floor(first, second)
    else:
        monolith(first, second)
