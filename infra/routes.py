"""The functions and HTTP routes of serverless.yml, read from serverless.yml itself."""

from __future__ import annotations

import copy
import functools
import importlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

SERVERLESS_YML = Path(__file__).resolve().parents[1] / "serverless.yml"


# libyaml's parser where PyYAML has it (its wheels do): serverless.yml in 10 ms, not 125.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CfnLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """Reads CloudFormation short-form tags (!Ref, !GetAtt, ...) as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_CfnLoader.add_multi_constructor("!", _any_tag)


@dataclass(frozen=True)
class Route:
    function: str  # the function's name in serverless.yml
    handler: str  # e.g. functions/get_transfer.handler
    method: str
    path: str  # API Gateway template, e.g. /transfers/{transfer_id}

    @property
    def module(self) -> str:
        return self.handler.rsplit(".", 1)[0].replace("/", ".")

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        regex = re.sub(r"\{(\w+)\+\}", r"(?P<\1>.+)", self.path)
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", regex)
        # API Gateway ignores one trailing slash when it matches a route (/console/ -> /console).
        return re.compile(f"^{regex}/?$")

    def load_app(self) -> Any:
        return importlib.import_module(self.module).app


def read_config(path: Path = SERVERLESS_YML) -> dict[str, Any]:
    """serverless.yml as data (variables unresolved, CloudFormation tags as plain values).
    Each caller gets its own copy: parsed once per version of the file (a test session
    starts the local server and its pollers hundreds of times)."""
    stat = path.stat()
    return copy.deepcopy(_parsed(path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    return yaml.load(path.read_text(), Loader=_CfnLoader)


def load(path: Path = SERVERLESS_YML) -> list[Route]:
    config = read_config(path)
    routes = []
    for name, function in (config.get("functions") or {}).items():
        for event in function.get("events") or []:
            http = event.get("httpApi") if isinstance(event, dict) else None
            if isinstance(http, dict):
                routes.append(
                    Route(name, function["handler"], http["method"].upper(), http["path"])
                )
    return routes


@dataclass(frozen=True)
class Cors:
    """provider.httpApi.cors of serverless.yml: what API Gateway answers browsers with."""

    origins: list[str]
    headers: list[str]
    methods: list[str]
    max_age: int


_PARAM = re.compile(r"\$\{param:(\w+)\}")


def cors(path: Path = SERVERLESS_YML) -> Cors:
    """The CORS settings, `${param:...}` resolved from the default params (local runs)."""
    config = read_config(path)
    defaults = (config.get("params") or {}).get("default") or {}
    settings = config["provider"]["httpApi"]["cors"]

    def resolve(value: Any) -> str:
        return _PARAM.sub(lambda m: str(defaults[m.group(1)]), str(value))

    return Cors(
        origins=[resolve(o) for o in settings.get("allowedOrigins", [])],
        headers=[resolve(h) for h in settings.get("allowedHeaders", [])],
        methods=[resolve(m) for m in settings.get("allowedMethods", [])],
        max_age=int(settings.get("maxAge", 0)),
    )
