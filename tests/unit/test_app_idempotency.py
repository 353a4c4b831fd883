"""Every function app that takes no request with side effects says so (`idempotent=False`),
so it never loads the store for an Idempotency-Key it cannot use."""

from __future__ import annotations

from fastapi.routing import APIRoute

from infra import routes

READ_ONLY = {"GET", "HEAD", "OPTIONS"}


def test_read_only_apps_are_not_idempotent_and_writers_are() -> None:
    wrong = []
    for module, app in {r.module: r.load_app() for r in routes.load()}.items():
        methods = {m for r in app.routes if isinstance(r, APIRoute) for m in r.methods}
        if methods <= READ_ONLY and app.state.idempotent:
            wrong.append(f"{module}: only {sorted(methods)} but idempotent")
    assert not wrong, wrong
