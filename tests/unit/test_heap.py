"""heap.settle: freezes the heap after new imports, and only then."""

import gc
import sys
import types

from functions.shared import heap


def test_settle_freezes_after_new_imports_only() -> None:
    heap.settle()  # catch up with whatever this process imported before the test
    gc.unfreeze()
    try:
        made_since = [[i] for i in range(1000)]
        heap.settle()  # no import since: the new lists stay with the collector
        assert gc.get_freeze_count() == 0
        assert len(made_since) == 1000

        sys.modules["_heap_probe"] = types.ModuleType("_heap_probe")
        heap.settle()  # an import happened: everything tracked so far is frozen
        assert gc.get_freeze_count() > 1000
    finally:
        sys.modules.pop("_heap_probe", None)
        gc.unfreeze()
