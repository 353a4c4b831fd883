"""Layer and function package sizes, zipped and unzipped, against the naive bundle.

Both layers come from the deploy build (infra/layer/build_layer.py) for serverless.yml's
runtime and architecture: the slim layer as deployed, and the naive bundle (the same wheels
as `pip install -t` leaves them, with pip's bytecode). The function package is what
serverless.yml's package patterns select (functions/, the table definition), zipped the
same way. Builds are cached under build/bench/ per set of pinned versions.

    python -m bench sizes
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from bench.bundle import CACHE, PACKAGE, ROOT
from bench.stats import table, verdict
from infra.layer import build_layer

LAYER_RATIO = 0.6
MB = 1024 * 1024


def _layers() -> dict[str, dict[str, Any]]:
    target = build_layer.lambda_target()
    pins = build_layer.pinned_closure(target)
    key = hashlib.sha256(json.dumps([target.machine, target.python_version, pins]).encode())
    out = CACHE / f"sizes-{key.hexdigest()[:16]}"
    reports = {}
    for kind, naive in (("slim", False), ("naive", True)):
        report_file = out / f"{kind}.json"
        if not report_file.exists():
            out.mkdir(parents=True, exist_ok=True)
            report = build_layer.build(out / kind, target, naive=naive)
            report_file.write_text(json.dumps(report))
        reports[kind] = json.loads(report_file.read_text())
    return reports


def _function_package() -> dict[str, int]:
    files = []
    for rel in PACKAGE:
        path = ROOT / rel
        found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        files += [p for p in found if "__pycache__" not in p.parts and p.suffix != ".pyc"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            zf.write(path, path.relative_to(ROOT).as_posix())
    return {
        "unzipped_bytes": sum(p.stat().st_size for p in files),
        "zipped_bytes": len(buf.getvalue()),
    }


def measure() -> dict[str, Any]:
    return {**_layers(), "function": _function_package()}


def report(result: dict[str, Any]) -> tuple[str, list[str]]:
    slim, naive, fn = result["slim"], result["naive"], result["function"]
    ratio = slim["zipped_bytes"] / naive["zipped_bytes"]
    ok = ratio <= LAYER_RATIO
    rows = [
        [
            name,
            f"{r['zipped_bytes'] / MB:.1f}",
            f"{r['unzipped_bytes'] / MB:.1f}",
            f"{r['zipped_bytes'] / naive['zipped_bytes']:.2f}x",
        ]
        for name, r in (
            ("naive bundle (pip install -t, pip's .pyc)", naive),
            ("layer (slim, .pyc unchecked-hash)", slim),
            ("function package (each function)", fn),
        )
    ]
    title = (
        f"Package sizes for Lambda python{slim['python']} {slim['machine']}: "
        f"target layer zipped <= {LAYER_RATIO}x naive zipped ({verdict(ok)})"
    )
    missed = [] if ok else [f"layer zipped is {ratio:.2f}x the naive bundle"]
    return title + "\n" + table(
        ["package", "zipped MB", "unzipped MB", "zipped / naive"], rows
    ), missed
