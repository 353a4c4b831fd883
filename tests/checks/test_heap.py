"""heap.settle: freezes the heap after new imports, and only then.

In a fresh interpreter: in the test process, threads left by other tests (servers,
pollers) call settle after their own requests, and would freeze between two lines here."""

import subprocess
import sys

CHILD = """
import gc, sys, types
from functions.runtime import heap

heap.settle()  # catch up with whatever the interpreter imported before
gc.unfreeze()
made_since = [[i] for i in range(1000)]
heap.settle()  # no import since: the new lists stay with the collector
after_nothing = gc.get_freeze_count()
sys.modules["_heap_probe"] = types.ModuleType("_heap_probe")
heap.settle()  # an import happened: everything tracked so far is frozen
print(after_nothing, gc.get_freeze_count(), len(made_since))
"""


def test_settle_freezes_after_new_imports_only() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=60, check=True
    )
    after_nothing, after_import, kept = (int(v) for v in done.stdout.split())
    assert after_nothing == 0
    assert after_import > 1000 and kept == 1000
