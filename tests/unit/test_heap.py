"""heap.settle: freezes the heap after new imports, and only then."""

import gc
import sys
import types

from functions.core import heap


def test_settle_freezes_after_new_imports_only() -> None:
    gc.unfreeze()
    heap.settle()  # whatever this process imported so far is new to it
    frozen = gc.get_freeze_count()
    assert frozen > 0

    made_since = [[i] for i in range(1000)]
    heap.settle()  # no import since: the new lists stay with the collector
    assert gc.get_freeze_count() == frozen
    assert len(made_since) == 1000

    sys.modules["_heap_probe"] = types.ModuleType("_heap_probe")
    try:
        heap.settle()  # an import happened: what it made is frozen too
        assert gc.get_freeze_count() > frozen
    finally:
        del sys.modules["_heap_probe"]
        gc.unfreeze()
