"""serverless.yml as infra.routes reads it: parsed once per version of the file, each
caller with its own copy."""

from __future__ import annotations

import os
from pathlib import Path

from infra import routes


def test_an_edited_file_is_read_again_and_a_callers_changes_stay_its_own(tmp_path: Path) -> None:
    config = tmp_path / "serverless.yml"
    config.write_text("service: one\nfunctions:\n  health:\n    handler: !Ref Health\n")
    first = routes.read_config(config)
    assert first == {"service": "one", "functions": {"health": {"handler": "Health"}}}

    first["functions"]["health"]["handler"] = "changed by a caller"
    assert routes.read_config(config)["functions"]["health"]["handler"] == "Health"

    # Same size, new content and time: an edit is never served from the parse of before.
    config.write_text("service: two\nfunctions:\n  health:\n    handler: !Ref Health\n")
    stat = config.stat()
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert routes.read_config(config)["service"] == "two"
