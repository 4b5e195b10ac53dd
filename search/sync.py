"""Draining the outbox into Elasticsearch, and rebuilding indexes.

``drain`` takes a batch of outbox rows (locked with ``SKIP LOCKED`` on PostgreSQL so concurrent drainers never
take the same rows), folds repeated rows of one object into one, reads each object's *current* state from the
database and sends one bulk request: ``index`` for objects that exist, ``delete`` for the ones that are gone.
Only rows whose object reached the index are deleted, in the same transaction that locked them; when
Elasticsearch is unreachable the transaction rolls back and every row waits for the next attempt.

Documents are versioned externally with the object's ``updated_at`` (microseconds, ``external_gte``; a discussion
message uses its ``change`` number), so a slow drainer holding an older state can never overwrite a newer one,
while re-sending the same state is accepted: replays are harmless, which makes the whole step idempotent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan, streaming_bulk

from search import sources
from search.documents import action_for
from search.freshness import index_changed
from search.indexes import (
    KINDS,
    UNAVAILABLE_ERRORS,
    SearchUnavailable,
    alias_name,
    create_index,
    delete_indexes,
    ensure_index,
    get_client,
    new_version_name,
    orphan_versions,
    swap_alias,
)
from search.models import IndexOutbox

logger = logging.getLogger(__name__)


@dataclass
class DrainResult:
    indexed: int = 0
    deleted: int = 0
    failed: int = 0
    batches: int = 0

    def add(self, other: DrainResult) -> None:
        self.indexed += other.indexed
        self.deleted += other.deleted
        self.failed += other.failed
        self.batches += other.batches


def _action_for(kind: str, object_id: str, record: Any, index: str) -> dict[str, Any]:
    if record is None:
        return {
            "_op_type": "delete",
            "_index": index,
            "_id": object_id,
            # Newer than any state this object was indexed with; ES keeps the tombstone, so a late stale write
            # of the deleted object is refused.
            "version": int(time.time() * 1_000_000),
            "version_type": "external",
        }
    return action_for(kind, record, index)


def _item_ok(op_type: str, item: dict[str, Any]) -> bool:
    """A bulk item that needs no retry: done, already newer in the index (409), or already deleted (404)."""
    result = item.get(op_type, {})
    status = result.get("status", 500)
    return status < 300 or status == 409 or (op_type == "delete" and status == 404)


def _drain_batch(client: Elasticsearch, batch_size: int) -> tuple[DrainResult, int]:
    result = DrainResult(batches=1)
    with transaction.atomic():
        # Rows that failed before go last, so a document ES keeps refusing never holds up fresh changes. Order
        # does not matter otherwise: each object's current state is read from the database.
        rows = list(
            IndexOutbox.objects.select_for_update(skip_locked=True).order_by("attempts", "pk")[:batch_size]
        )
        if not rows:
            return DrainResult(), 0
        by_key: dict[tuple[str, str], list[int]] = {}
        for row in rows:
            by_key.setdefault((row.kind, row.object_id), []).append(row.pk)
        actions: list[dict[str, Any]] = []
        keys_in_order: list[tuple[str, str]] = []
        for kind in KINDS:
            ids = [object_id for (k, object_id) in by_key if k == kind]
            if not ids:
                continue
            index = ensure_index(client, kind)
            records = sources.load_records(kind, ids)
            for object_id in ids:
                actions.append(_action_for(kind, object_id, records.get(object_id), index))
                keys_in_order.append((kind, object_id))
        done_rows: list[int] = []
        failed_rows: list[int] = []
        errors: dict[int, str] = {}
        responses = streaming_bulk(
            client, actions, chunk_size=500, raise_on_error=False, raise_on_exception=True, max_retries=0
        )
        for key, action, (_, item) in zip(keys_in_order, actions, responses, strict=True):
            op_type = action["_op_type"]
            if _item_ok(op_type, item):
                done_rows.extend(by_key[key])
                if op_type == "delete":
                    result.deleted += 1
                else:
                    result.indexed += 1
            else:
                failed_rows.extend(by_key[key])
                errors.update(
                    dict.fromkeys(by_key[key], str(item.get(op_type, {}).get("error", item))[:1000])
                )
                result.failed += 1
        IndexOutbox.objects.filter(pk__in=done_rows).delete()
        for kind in {kind for kind, _object_id in keys_in_order}:
            index_changed(kind)
        for pk in failed_rows:
            IndexOutbox.objects.filter(pk=pk).update(attempts=F("attempts") + 1, last_error=errors[pk])
        if failed_rows:
            logger.warning(
                "search sync: %d objects could not be indexed; they stay in the outbox", result.failed
            )
    return result, len(rows)


def drain(
    client: Elasticsearch | None = None, *, batch_size: int = 500, max_batches: int | None = None
) -> DrainResult:
    """Send every pending change to Elasticsearch. Raises ``SearchUnavailable`` if it cannot be reached.

    Failed items (a document ES refuses) stay in the outbox with their error and are retried next time; they
    do not block the rows behind them within a batch.
    """
    client = client or get_client()
    total = DrainResult()
    batches = 0
    try:
        while max_batches is None or batches < max_batches:
            result, taken = _drain_batch(client, batch_size)
            total.add(result)
            batches += 1
            if taken < batch_size or (result.failed and result.failed == taken):
                break
    except UNAVAILABLE_ERRORS as error:
        raise SearchUnavailable(str(error)) from error
    return total


def pending() -> int:
    return IndexOutbox.objects.count()


def drain_after_commit() -> None:
    """The web process's quick attempt after a commit: short timeout, no retries, never raises."""
    try:
        drain(get_client(timeout=3, retries=0), max_batches=4)
    except SearchUnavailable as error:
        logger.info("search sync deferred, Elasticsearch unavailable: %s", error)
    except Exception:  # the user's change is committed; the outbox keeps it for search_sync
        logger.exception("search sync after commit failed; the outbox keeps the changes")


def sync_loop(
    *,
    client: Elasticsearch | None = None,
    idle_seconds: float = 2.0,
    max_backoff: float = 60.0,
    should_stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
    log: Callable[[str], None] = logger.info,
) -> None:
    """Drain continuously; while Elasticsearch is down, retry with exponential back-off (1 s doubling to 60 s)."""
    backoff = 1.0
    while not should_stop():
        try:
            result = drain(client)
        except SearchUnavailable as error:
            log(f"Elasticsearch unavailable ({error}); retrying in {backoff:.0f}s")
            sleep(backoff)
            backoff = min(backoff * 2, max_backoff)
            continue
        backoff = 1.0
        if result.indexed or result.deleted or result.failed:
            log(f"indexed {result.indexed}, deleted {result.deleted}, failed {result.failed}")
        sleep(idle_seconds)


# --- rebuilding -------------------------------------------------------------------------------------------------


@dataclass
class ReindexResult:
    kind: str
    index: str
    documents: int
    removed: list[str]


def reindex(
    kind: str,
    client: Elasticsearch | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = 500,
) -> ReindexResult:
    """Build a new versioned index of ``kind`` from the database, swap the alias to it, drop the old one.

    Searches keep using the old index until the atomic swap. Changes made while the new index was being built
    were drained into the old one; after the swap they are queued again (objects changed since the start, and
    documents of objects deleted meanwhile) so the new index misses none. Older builds that an interrupted run
    left behind (no alias points at them) are dropped too.
    """
    client = client or get_client(timeout=120)
    started = timezone.now()
    total = sources.count_all(kind)
    name = create_index(client, kind, new_version_name(kind))
    done = 0
    try:
        # Loading a fresh index: refresh off until the end, then one refresh.
        client.indices.put_settings(index=name, settings={"refresh_interval": "-1"})

        def actions():
            for record in sources.iter_all(kind, batch_size=chunk_size):
                yield action_for(kind, record, name)

        for ok, item in streaming_bulk(client, actions(), chunk_size=chunk_size, raise_on_error=False):
            if not ok and item.get("index", {}).get("status") != 409:
                raise RuntimeError(f"Reindex failed on {item}")
            done += 1
            if progress and (done % chunk_size == 0 or done == total):
                progress(done, total)
        client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
        client.indices.refresh(index=name)
    except BaseException:
        delete_indexes(client, [name])
        raise
    removed = swap_alias(client, kind, name)
    removed += [orphan for orphan in orphan_versions(client, kind, name) if orphan not in removed]
    delete_indexes(client, removed)
    _catch_up(client, kind, started)
    return ReindexResult(kind=kind, index=name, documents=done, removed=removed)


def _catch_up(client: Elasticsearch, kind: str, since) -> None:
    from search.outbox import enqueue_many

    changed = sources.ids_changed_since(kind, since)
    alive = sources.existing_ids(kind)
    indexed_ids = {
        hit["_id"] for hit in scan(client, index=alias_name(kind), query={"_source": False}, size=2000)
    }
    gone = sorted(indexed_ids - alive)
    with transaction.atomic():
        enqueue_many(kind, changed + gone)
