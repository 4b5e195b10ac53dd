"""The Elasticsearch client and the platform's indexes: versioned names behind aliases, all under the prefix.

``{prefix}-listings``, ``-needs``, ``-events`` and ``-messages`` are aliases; each points at one versioned index
``{prefix}-listings-v20260101120000123456``. ``search_reindex`` builds a new version and swaps the alias in one
atomic ``_aliases`` call. Temporary indexes (evaluation, benchmarks) get their own unique names under the prefix.
"""

from __future__ import annotations

import datetime
import logging
import re
import time
import uuid

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

from cpsplatform.elasticsearch_client import get_client as core_client
from search.documents import DOCUMENTS, index_body
from search.freshness import index_changed

logger = logging.getLogger(__name__)

KINDS = tuple(DOCUMENTS)

#: What "Elasticsearch is unreachable or failing" looks like to callers: catch this, nothing wider.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (TransportError, ApiError)


class SearchUnavailable(Exception):
    """Elasticsearch could not be reached or refused the request; the caller shows a notice or retries."""


def get_client(*, timeout: float | None = None, retries: int = 1) -> Elasticsearch:
    """The platform's client (``cpsplatform.elasticsearch_client``) with this call site's timeout and retries.

    ``options()`` shares the connection pool, so this is cheap; web pages ask with a short timeout and no retry
    so an outage shows a notice quickly instead of holding the request.
    """
    return core_client().options(
        request_timeout=float(timeout if timeout is not None else settings.ELASTICSEARCH_TIMEOUT),
        # With several nodes listed, a refused connection (a node down) moves on to the next node at once even
        # when the caller wants no retry: the cluster answers with its replicas. Timeouts stay unretried.
        max_retries=max(retries, len(settings.ELASTICSEARCH_HOSTS) - 1),
        retry_on_timeout=retries > 0,
    )


def is_available(client: Elasticsearch | None = None) -> bool:
    """True when the cluster answers its health endpoint (``GET /`` is absent on the core-only node)."""
    try:
        (client or get_client(timeout=2, retries=0)).cluster.health(timeout="2s")
    except UNAVAILABLE_ERRORS:
        return False
    return True


def alias_name(kind: str) -> str:
    if kind not in DOCUMENTS:
        raise ValueError(f"Unknown index kind {kind!r}")
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{kind}"


def new_version_name(kind: str) -> str:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name(kind)}-v{stamp}"


def orphan_versions(client: Elasticsearch, kind: str, building: str) -> list[str]:
    """Versioned indexes of ``kind`` that no alias serves and that are older than ``building``.

    They are what an interrupted ``search_reindex`` left behind (killed before it could swap or clean up). Names
    compare as times because the stamp has a fixed width; indexes newer than ``building`` may be another run's
    build in progress and are left alone.
    """
    alias = alias_name(kind)
    served = set(indexes_behind(client, alias))
    version = re.compile(re.escape(alias) + r"-v\d{20}")
    found = client.indices.get(index=f"{alias}-v*", allow_no_indices=True, expand_wildcards="all")
    return sorted(
        name for name in found if version.fullmatch(name) and name not in served and name < building
    )


def temporary_name(purpose: str, kind: str) -> str:
    """A unique index name under the prefix for throw-away work (evaluation, benchmarks)."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{purpose}-{uuid.uuid4().hex[:12]}-{kind}"


def create_index(client: Elasticsearch, kind: str, name: str) -> str:
    if not name.startswith(settings.ELASTICSEARCH_INDEX_PREFIX):
        raise ValueError(f"Index {name!r} is not under the prefix {settings.ELASTICSEARCH_INDEX_PREFIX!r}")
    body = index_body(kind)
    client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
    return name


def indexes_behind(client: Elasticsearch, alias: str) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias).keys())
    except NotFoundError:
        return []


#: How long this process trusts that an alias exists. Looking costs a cluster-state request, which every search
#: would otherwise pay; an alias, once made, is only ever swapped atomically, and whoever deletes indexes here
#: forgets what was seen.
ALIAS_RECHECK_S = 60.0
_aliases_seen_at: dict[tuple[tuple[str, ...], str], float] = {}


def ensure_index(client: Elasticsearch, kind: str) -> str:
    """Make sure the alias for ``kind`` exists (creating a first versioned index); returns the alias."""
    alias = alias_name(kind)
    seen_key = (tuple(settings.ELASTICSEARCH_HOSTS), alias)
    seen_at = _aliases_seen_at.get(seen_key)
    if seen_at is not None and time.monotonic() - seen_at < ALIAS_RECHECK_S:
        return alias
    if not indexes_behind(client, alias):
        _create_first_version(client, kind, alias)
    _aliases_seen_at[seen_key] = time.monotonic()
    return alias


def _create_first_version(client: Elasticsearch, kind: str, alias: str) -> None:
    name = create_index(client, kind, new_version_name(kind))
    try:
        client.indices.update_aliases(
            actions=[{"add": {"index": name, "alias": alias, "is_write_index": True}}]
        )
    except ApiError:
        # Another process created the alias first: drop ours.
        client.indices.delete(index=name, ignore_unavailable=True)
        if not indexes_behind(client, alias):
            raise


def ensure_indexes(client: Elasticsearch | None = None) -> None:
    client = client or get_client()
    for kind in KINDS:
        ensure_index(client, kind)


def swap_alias(client: Elasticsearch, kind: str, new_index: str) -> list[str]:
    """Point the alias at ``new_index`` atomically; returns the indexes it pointed at before."""
    alias = alias_name(kind)
    old = indexes_behind(client, alias)
    actions: list[dict] = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": new_index, "alias": alias, "is_write_index": True}})
    client.indices.update_aliases(actions=actions)
    index_changed(kind)
    return [name for name in old if name != new_index]


def delete_indexes(client: Elasticsearch, names: list[str]) -> None:
    prefix = settings.ELASTICSEARCH_INDEX_PREFIX
    for name in names:
        if not name.startswith(prefix):
            raise ValueError(f"Refusing to delete {name!r}: not under the prefix {prefix!r}")
        client.indices.delete(index=name, ignore_unavailable=True)
    _aliases_seen_at.clear()
    for kind in KINDS:  # what searches of any kind found may be gone
        index_changed(kind)


def delete_all_under_prefix(client: Elasticsearch) -> None:
    """Remove every index under the prefix (test teardown)."""
    prefix = settings.ELASTICSEARCH_INDEX_PREFIX
    names = list(
        client.indices.get(index=f"{prefix}-*", allow_no_indices=True, expand_wildcards="all").keys()
    )
    delete_indexes(client, names)
