"""The one Elasticsearch client every app uses, built from settings (``ELASTICSEARCH_HOSTS``, timeout).

The managed node has no ``rest-root`` module, so ``client.info()`` and ``client.ping()`` fail against it; ask
``cluster_state()`` (or ``client.cluster.health()`` / ``client.nodes.info()``) instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from elasticsearch import Elasticsearch


@cache
def get_client() -> Elasticsearch:
    """A process-wide client (thread-safe, pooled). Call ``get_client.cache_clear()`` after changing settings."""
    return Elasticsearch(
        hosts=list(settings.ELASTICSEARCH_HOSTS),
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        retry_on_timeout=True,
        max_retries=2,
    )


@receiver(setting_changed)
def _forget_client(setting: str, **kwargs) -> None:
    """Tests that override ``ELASTICSEARCH_*`` settings get a client built from the new values."""
    if setting.startswith("ELASTICSEARCH_"):
        get_client.cache_clear()


def index_name(name: str) -> str:
    """The full name of one of the platform's indexes: ``<ELASTICSEARCH_INDEX_PREFIX>-<name>``."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{name}"


@dataclass(frozen=True)
class ClusterState:
    cluster_name: str
    status: str
    versions: tuple[str, ...]


def cluster_state(client: Elasticsearch | None = None, timeout: float | None = None) -> ClusterState:
    """Cluster name, health status and the version of each node (from ``_nodes``, since ``info()`` may fail).

    Raises the client's ``TransportError``/``ApiError`` subclasses when the cluster does not answer.
    """
    client = client or get_client()
    if timeout is not None:
        client = client.options(request_timeout=timeout, max_retries=0)
    health = client.cluster.health()
    nodes = client.nodes.info(metric="process", filter_path="nodes.*.version")
    versions = tuple(sorted({node["version"] for node in nodes["nodes"].values()}))
    return ClusterState(cluster_name=health["cluster_name"], status=health["status"], versions=versions)
