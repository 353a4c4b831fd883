"""The API reference at /docs for `make run`: Swagger UI on /openapi.json, from the files
docs/build.mjs puts in build/api-docs (npm run build:docs), so nothing loads from
anywhere but this server. Local only: the deployed API serves no reference."""

from __future__ import annotations

from pathlib import Path

from starlette.responses import FileResponse, RedirectResponse, Response

from functions.api.problems import problem

ROOT = Path(__file__).resolve().parents[1]
BUILT = ROOT / "build" / "api-docs"
PREFIX = "/docs"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
# As the console's: scripts and styles of this origin only, no inline script. Swagger UI's
# stylesheet draws its icons as data: SVGs, and "Try it out" calls this origin.
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


def is_docs(path: str) -> bool:
    return path == PREFIX or path.startswith(f"{PREFIX}/")


def response(path: str) -> Response:
    """The answer to GET `path` under /docs (a 404 problem for anything not built there)."""
    if path == PREFIX:
        return RedirectResponse(f"{PREFIX}/", status_code=308)
    name = path[len(PREFIX) + 1 :] or "index.html"
    file = BUILT / name
    # Only the files the build wrote, by their plain name: no path reaches outside BUILT.
    if "/" in name or file.suffix not in _TYPES or not file.is_file():
        hint = " (build it: npm run build:docs)" if not BUILT.exists() else ""
        return problem(404, "not-found", "Not found", f"no file {path}{hint}")
    headers = {
        "Content-Security-Policy": POLICY,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-cache",
    }
    return FileResponse(file, media_type=_TYPES[file.suffix], headers=headers)
