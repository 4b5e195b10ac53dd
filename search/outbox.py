"""Writing to the indexing outbox. Call ``enqueue`` inside the transaction of the change.

One transaction writes at most one row per changed document and registers at most one drain: a service that
touches a listing several times (save, categories, verification level) still costs one outbox row and one bulk
request. The bookkeeping lives in the transaction's own ``on_commit`` list, so a rolled-back transaction takes
it away with the rows it wrote; a repeated change checks that its earlier row is still there (a rolled-back
savepoint or a drain inside the transaction may have removed it).

``settings.SEARCH_SYNC_ON_COMMIT`` decides who drains: the web process right after commit (the change is
searchable before the response is sent) or only the ``search_sync --loop`` worker (the request does not wait for
Sudachi and Elasticsearch).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection, transaction

from search.models import IndexKind, IndexOutbox

logger = logging.getLogger(__name__)


class PendingChanges:
    """The documents one transaction queued (key -> its outbox row), and its single after-commit drain.

    A repeated change of a document is skipped while the row written for it is still there; the row may have
    gone with a rolled-back savepoint or been drained already within this transaction, and then a new one is
    written.
    """

    def __init__(self) -> None:
        self.queued: dict[tuple[str, str], int] = {}
        #: Run already (the commit happened; a test capturing on-commit callbacks may keep it in the list).
        self.done = False

    def __call__(self) -> None:
        self.done = True
        if settings.SEARCH_SYNC_ON_COMMIT:
            from search.sync import drain_after_commit

            drain_after_commit()


def _pending() -> PendingChanges | None:
    """This transaction's bookkeeping, registering it (and its drain) on first use; None outside a transaction."""
    if not connection.in_atomic_block:
        return None
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, PendingChanges) and not callback.done:
            return callback
    pending = PendingChanges()
    transaction.on_commit(pending)
    return pending


def enqueue(kind: str, object_id: int | str) -> None:
    """Record that ``object_id`` of ``kind`` changed; it commits or rolls back with the caller's transaction."""
    enqueue_many(kind, [object_id])


def enqueue_many(kind: str, object_ids: list[int] | list[str]) -> None:
    if not object_ids:
        return
    keys = list(dict.fromkeys((IndexKind(kind).value, str(pk)) for pk in object_ids))
    pending = _pending()
    if pending is None:  # autocommit: the rows are committed at once, and drained at once if the web drains
        IndexOutbox.objects.bulk_create([IndexOutbox(kind=k, object_id=pk) for k, pk in keys])
        PendingChanges()()
        return
    written = [pending.queued[key] for key in keys if key in pending.queued]
    still_there = (
        set(IndexOutbox.objects.filter(pk__in=written).values_list("pk", flat=True)) if written else set()
    )
    keys = [key for key in keys if pending.queued.get(key) not in still_there]
    created = IndexOutbox.objects.bulk_create([IndexOutbox(kind=k, object_id=pk) for k, pk in keys])
    for key, row in zip(keys, created, strict=True):
        pending.queued[key] = row.pk
