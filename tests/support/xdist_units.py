"""Which tests go to a pytest-xdist worker together, and which start first.

`make test` runs the suite on several workers; tests/conftest.py hands xdist this
scheduler (the pytest_xdist_make_scheduler hook). A unit is a module's tests by default,
as `--dist loadfile` would make them: a module-scoped fixture (50 warm containers in
test_races, an OpenID provider, a built /docs) is made once, and what one module writes
(build/api-docs) is not rebuilt under another worker's feet. The modules in SPREAD have
function-scoped fixtures only and are long, so each of their tests is a unit of its own.

Why not xdist's own: `--dist loadgroup` (xdist_group marks) renames node ids to carry the
group, which pytest 9.2 ignores, so the groups are silently dropped
(pytest-dev/pytest-xdist#1386); and loadfile/loadscope key their work by node id, so the
51 cases schemathesis collects under one id (test_schema_fuzz) would run as one. This one
is `--dist load`'s (which sends indices into the collection) with units added.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Any

import pytest
from xdist.scheduler import LoadScheduling

# Long modules whose tests need nothing from each other: any worker takes any one.
SPREAD = frozenset(
    {
        "tests/integration/routing/test_queues.py",
        "tests/integration/faults/test_store_faults.py",
        "tests/integration/events/test_events.py",
        "tests/integration/webhooks/test_webhooks.py",
        "tests/integration/faults/test_schema_fuzz.py",
    }
)
# Started before the rest, in this order: a long unit picked up last would run alone at
# the end while the other workers sit idle.
FIRST = (
    "tests/integration/stats/test_stats.py",
    "tests/deploy/test_edge_auth.py",  # makes the layer and the package the others read
    "tests/browser/test_agent_console.py",
    "tests/deploy/test_offline.py",
    "tests/integration/local/test_local_run.py",
)


def unit(nodeid: str, index: int) -> str:
    """The unit of the test at `index` of the collection (by index: schemathesis's cases
    share one node id)."""
    module = nodeid.split("::", 1)[0]
    return f"{module}#{index}" if module in SPREAD else module


def rank(scope: str) -> int:
    """FIRST in its order, then the tests of SPREAD's long modules (up to 25 s each: one
    picked up last ran alone at the end), then the other modules."""
    module = scope.split("#", 1)[0]
    if module in FIRST:
        return FIRST.index(module)
    return len(FIRST) if module in SPREAD else len(FIRST) + 1


class Units(LoadScheduling):
    """Sends a worker whole units, so it always holds more than two pending tests while
    units remain (a worker runs a test only once it knows the next one)."""

    def __init__(self, config: pytest.Config, log: Any = None) -> None:
        super().__init__(config, log)
        self.units: deque[list[int]] = deque()

    def schedule(self) -> None:
        if self.collection is None and self.collection_is_completed:
            collection = next(iter(self.node2collection.values()), [])
            grouped: dict[str, list[int]] = {}
            for index, nodeid in enumerate(collection):
                grouped.setdefault(unit(nodeid, index), []).append(index)
            # By rank, then the units with the most tests: short ones fill the end.
            order = sorted(grouped, key=lambda key: (rank(key), -len(grouped[key])))
            self.units.extend(grouped[key] for key in order)
        super().schedule()

    def _send_tests(self, node: Any, num: int) -> None:
        """Instead of `num` tests from the head: units until the node has enough."""
        pending = self.node2pending[node]
        sent: list[int] = []
        while self.units and len(pending) + len(sent) <= 2:
            sent += self.units.popleft()
        if sent:
            taken = set(sent)
            self.pending[:] = [i for i in self.pending if i not in taken]
            pending.extend(sent)
            node.send_runtest_some(sent)

    def check_schedule(self, node: Any, duration: float = 0) -> None:
        if node.shutting_down:
            return
        if self.units:
            self._send_tests(node, 0)
        else:
            node.shutdown()

    def mark_test_pending(self, item: str) -> None:
        assert self.collection is not None
        self.units.appendleft([self.collection.index(item)])
        super().mark_test_pending(item)

    def remove_node(self, node: Any) -> str | None:
        """A crashed worker's tests, but the one it crashed in, go back as a unit."""
        left: Sequence[int] = self.node2pending.get(node, [])[1:]
        if left:
            self.units.appendleft(list(left))
        return super().remove_node(node)


def make_scheduler(config: pytest.Config, log: Any) -> Units:
    return Units(config, log)
