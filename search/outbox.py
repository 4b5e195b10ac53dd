"""Writing to the indexing outbox. Call ``enqueue`` inside the transaction of the change."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

from search.models import IndexKind, IndexOutbox

logger = logging.getLogger(__name__)


def enqueue(kind: str, object_id: int | str) -> None:
    """Record that ``object_id`` of ``kind`` changed; it commits or rolls back with the caller's transaction.

    After commit the web process tries to drain the outbox once (quietly: if Elasticsearch is down the rows stay
    for ``search_sync``). ``SEARCH_SYNC_ON_COMMIT = False`` leaves all draining to ``search_sync``.
    """
    IndexOutbox.objects.create(kind=IndexKind(kind), object_id=str(object_id))
    if getattr(settings, "SEARCH_SYNC_ON_COMMIT", True):
        transaction.on_commit(_drain_quietly)


def enqueue_many(kind: str, object_ids: list[int] | list[str]) -> None:
    IndexOutbox.objects.bulk_create(
        [IndexOutbox(kind=IndexKind(kind), object_id=str(pk)) for pk in object_ids]
    )
    if object_ids and getattr(settings, "SEARCH_SYNC_ON_COMMIT", True):
        transaction.on_commit(_drain_quietly)


def _drain_quietly() -> None:
    from search.sync import drain_after_commit

    drain_after_commit()
