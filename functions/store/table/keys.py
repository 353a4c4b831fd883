"""Every key of the one table in one place: the item layout, prefixes and index keys.

Attribute names come from the table's definition (store/schema.py); the values are:
  call         pk=CALL#<call_id>   sk=CALL
  turn         pk=CALL#<call_id>   sk=TURN#<seq:08d>  (a query on pk: the call, then its turns)
  transfer     pk=TRANSFER#<id>    sk=TRANSFER, plus index keys: inbox AGENT#<agent>, status
               STATUS#<status>, newest first kind=TRANSFER / created_sk=<created_at>#<id>
  turn id      pk=TURNID#<call_id>#<turn_id>  sk=TURNID  (a client turn id already stored;
               its own partition, so reading a call never reads them)
  idempotency  pk=IDEMPOTENCY#<sub>#<key>  sk=IDEMPOTENCY, and a large stored response's
               parts sk=IDEMPOTENCY#PART#<n:04d>. Subs match ID_PATTERN, so hold no '#'.
  queue        pk=QUEUE#<name>  sk=QUEUE, kind=QUEUE / created_sk=<name> (by_created: by name)
  presence     pk=PRESENCE#<agent>  sk=PRESENCE, kind=PRESENCE / created_sk=<agent>
  waiting      a transfer in a queue, while initiated: queue_pk=QUEUE#<name>,
               queue_sk=<priority>#<enqueued_at>#<id> (queue_waiting: the order of offers)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from functions.store.table.schema import (
    AGENT_INBOX,
    BY_CREATED,
    BY_STATUS,
    QUEUE_WAITING,
    Index,
    schema,
)

CALL = "CALL"
TURN = "TURN"
LAST_SEQ = 99_999_999  # turn sort keys hold 8 digits
TRANSFER = "TRANSFER"
TURN_ID = "TURNID"
AGENT = "AGENT"
STATUS = "STATUS"
IDEMPOTENCY = "IDEMPOTENCY"
IDEMPOTENCY_PART_PREFIX = f"{IDEMPOTENCY}#PART#"
QUEUE = "QUEUE"
PRESENCE = "PRESENCE"
AUDIT = "AUDIT"
# which kind of item: call, turn, turn_id, transfer, idempotency, idempotency_part
ENTITY = "entity"


def call_pk(call_id: str) -> str:
    return f"{CALL}#{call_id}"


def turn_sk(seq: int) -> str:
    return f"{TURN}#{seq:08d}"


def audit_pk(call_id: str) -> str:
    """A call's audit records: who read its transcript or briefings, newest by sort key."""
    return f"{AUDIT}#{call_id}"


def turn_id_pk(call_id: str, turn_id: str) -> str:
    return f"{TURN_ID}#{call_id}#{turn_id}"


def transfer_pk(transfer_id: str) -> str:
    return f"{TRANSFER}#{transfer_id}"


def agent_key(agent: str) -> str:
    return f"{AGENT}#{agent}"


def status_key(status: str) -> str:
    return f"{STATUS}#{status}"


def queue_key(queue: str) -> str:
    return f"{QUEUE}#{queue}"


def presence_pk(agent: str) -> str:
    return f"{PRESENCE}#{agent}"


def waiting_sk(priority: int, enqueued_at: str, transfer_id: str) -> str:
    return f"{priority}#{enqueued_at}#{transfer_id}"


def idempotency_pk(sub: str, key: str) -> str:
    return f"{IDEMPOTENCY}#{sub}#{key}"


def idempotency_part_sk(n: int) -> str:
    return f"{IDEMPOTENCY_PART_PREFIX}{n:04d}"


@dataclass(frozen=True)
class TableKeys:
    """The table's key attribute names, and what items are built and stripped with."""

    pk: str
    sk: str
    ttl: str
    agent: Index
    status: Index
    created: Index
    waiting: Index
    hidden: frozenset[str]  # key and bookkeeping attributes: never handed back

    def key(self, pk: str, sk: str) -> dict[str, Any]:
        """A primary key in wire format."""
        return {self.pk: {"S": pk}, self.sk: {"S": sk}}

    def item(self, pk: str, sk: str, entity: str, **fields: Any) -> dict[str, Any]:
        return {self.pk: pk, self.sk: sk, ENTITY: entity, **fields}

    def strip(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in item.items() if k not in self.hidden}

    def transfer_index(self, transfer: Mapping[str, Any]) -> dict[str, Any]:
        """The index attributes of a transfer (inbox, status, newest first)."""
        to_agent = transfer.get("to_agent")
        return {
            self.agent.hash_key: agent_key(to_agent) if to_agent else None,
            self.status.hash_key: status_key(transfer["status"]),
            self.created.hash_key: TRANSFER,
            self.created.range_key: f"{transfer['created_at']}#{transfer['transfer_id']}",
            **self.waiting_index(transfer),
        }

    def waiting_index(self, transfer: Mapping[str, Any]) -> dict[str, Any]:
        """A queued transfer's place in its queue's line (none once it is not waiting)."""
        queue = transfer.get("queue")
        if not queue or transfer.get("status") != "initiated":
            return {}
        place = waiting_sk(transfer["priority"], transfer["enqueued_at"], transfer["transfer_id"])
        return {self.waiting.hash_key: queue_key(queue), self.waiting.range_key: place}


@cache
def table_keys() -> TableKeys:
    s = schema()
    agent, status, created = s.index(AGENT_INBOX), s.index(BY_STATUS), s.index(BY_CREATED)
    waiting = s.index(QUEUE_WAITING)
    hidden = {s.hash_key, s.range_key, agent.hash_key, status.hash_key}
    hidden |= {created.hash_key, created.range_key, s.ttl_attribute, ENTITY}
    hidden |= {waiting.hash_key, waiting.range_key}
    return TableKeys(
        pk=s.hash_key,
        sk=s.range_key,
        ttl=s.ttl_attribute,
        agent=agent,
        status=status,
        created=created,
        waiting=waiting,
        hidden=frozenset(hidden),
    )


# ---- events (store/connections.py, store/webhooks.py) -----------------------------------
#   connection  pk=CONNECTION#<connection_id>  sk=CONNECTION, socket_pk=AGENT#<sub> or
#               SUPERVISORS (the `sockets` index), kind=CONNECTION / created_sk=
#               <connected_at>#<connection_id> (by_created: every open socket)
#   webhook     pk=WEBHOOK#<webhook_id>  sk=WEBHOOK, kind=WEBHOOK / created_sk=
#               <created_at>#<webhook_id> (by_created: newest first)
CONNECTION = "CONNECTION"
WEBHOOK = "WEBHOOK"
SUPERVISORS = "SUPERVISORS"


def connection_pk(connection_id: str) -> str:
    return f"{CONNECTION}#{connection_id}"


def webhook_pk(webhook_id: str) -> str:
    return f"{WEBHOOK}#{webhook_id}"


def socket_key(sub: str, role: str) -> str:
    """A socket's `sockets` index key: its agent's, or every supervisor's."""
    return SUPERVISORS if role == "supervisor" else agent_key(sub)


# ---- stats (store/stats.py) ----------------------------------------------------------
#   counters    pk=STATS#<scope>  sk=H#<YYYY-MM-DDTHH> (an hour) or D#<YYYY-MM-DD> (a day,
#               UTC); scope: all, queue#<name>, agent#<id>. Numbers only (counts and
#               histogram buckets), ADDed; the `all` items also hold the string sets
#               `queues` and `agents` seen in them (what ?group_by= reads).
#   mark        pk=STATSMARK#<transfer_id>#<version>  sk=STATSMARK: this change is counted
#               (written in the counters' transaction, on condition it is new; TTL)
STATS = "STATS"
STATS_MARK = "STATSMARK"
HOUR_PREFIX = "H#"
DAY_PREFIX = "D#"


def stats_pk(scope: str) -> str:
    return f"{STATS}#{scope}"


def stats_mark_pk(transfer_id: str, version: int) -> str:
    return f"{STATS_MARK}#{transfer_id}#{version}"
