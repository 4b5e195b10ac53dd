"""A token that changes whenever what an index holds may have changed, for caches of results computed from it.

The drain, a reindex and an alias swap call ``index_changed(kind)``; a cache of search results puts
``index_version(kind, names)`` in its key, so the next request after a change computes afresh. The token is random
rather than a counter: if the shared cache loses it (eviction, a Redis restart) a new one is drawn, and entries
keyed by the old one are simply never read again. Results still lag a change by Elasticsearch's refresh interval
(one second), which is why such caches also keep a short lifetime.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache


def _token_key(kind: str) -> str:
    return f"search:index-token:{kind}"


def index_changed(kind: str) -> None:
    cache.set(_token_key(kind), uuid.uuid4().hex, timeout=None)


def index_version(kind: str, index_names: list[str]) -> str:
    """The concrete indexes behind the alias (a swap changes them) and the current change token."""
    token = cache.get(_token_key(kind))
    if token is None:
        token = uuid.uuid4().hex
        cache.add(_token_key(kind), token, timeout=None)
        token = cache.get(_token_key(kind), token)
    return f"{','.join(sorted(index_names))}:{token}"
