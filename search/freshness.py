"""A token that changes whenever what an index holds may have changed, for caches of results computed from it.

The drain, an alias swap and deleting indexes call ``index_changed(kind)``; a cache of search results puts
``index_version(kind)`` in its key, so the next request after a change computes afresh. The token is random
rather than a counter: if the shared cache loses it (eviction, a Redis restart) a new one is drawn, and entries
keyed by the old one are simply never read again. Results still lag a change by Elasticsearch's refresh interval
(one second), which is why such caches also keep a short lifetime.

A cache that cannot be reached (Redis restarting) never breaks a page: results are then computed afresh, and a
change token that could not be renewed is bounded by that same lifetime.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _token_key(kind: str) -> str:
    return f"search:index-token:{kind}"


def index_changed(kind: str) -> None:
    try:
        cache.set(_token_key(kind), uuid.uuid4().hex, timeout=None)
    except Exception:  # the cache is down: entries keyed by the old token expire on their own
        logger.warning("search: could not renew the %s index's change token", kind, exc_info=True)


def index_version(kind: str) -> str:
    """The current change token of ``kind``'s index."""
    try:
        token = cache.get(_token_key(kind))
        if token is None:
            cache.add(_token_key(kind), uuid.uuid4().hex, timeout=None)
            token = cache.get(_token_key(kind))
    except Exception:  # the cache is down: a token of its own makes every key new, so nothing stale is read
        token = None
    return token or uuid.uuid4().hex


def cached_result(key: str, compute: Callable[[], T], timeout: float) -> T:
    """``compute()``'s value, kept under ``key`` for ``timeout`` seconds; computed afresh when the cache is down."""
    try:
        value = cache.get(key)
    except Exception:
        logger.warning("search: the cache cannot be read; computing %s afresh", key, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("search: the cache cannot be written; %s not kept", key, exc_info=True)
    return value
