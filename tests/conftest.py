"""Fixtures for the whole suite: the real Elasticsearch every test may use (``es_client``), a throwaway node a test
may stop (``throwaway_es_node``), per-test media directories (``isolated_media``) and the seeded security
categories (``security_categories``).

The session's Elasticsearch is ``ELASTICSEARCH_URL`` when set; otherwise the project-managed node
(127.0.0.1:ELASTICSEARCH_MANAGED_PORT), started if it does not run and left running afterwards
(``python -m scripts.elasticsearch stop`` stops it). Every index this run created (names start with
``settings.ELASTICSEARCH_INDEX_PREFIX``) is deleted when the session ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from elasticsearch import Elasticsearch

from cpsplatform.elasticsearch_client import cluster_state, get_client
from scripts.elasticsearch_node import ManagedNode
from scripts.localprocess import ServiceError, free_port


def _run_index_names(client: Elasticsearch, prefix: str) -> list[str]:
    """This run's indexes: the prefix, followed by nothing or a non-digit (so run 12 never takes run 123's)."""
    found = client.indices.get(index=f"{prefix}*", expand_wildcards="all", allow_no_indices=True)
    pattern = re.compile(re.escape(prefix) + r"($|\D)")
    return sorted(name for name in found if pattern.match(name))


@pytest.fixture(scope="session", autouse=True)
def elasticsearch_service() -> Iterator[Elasticsearch]:
    """Elasticsearch answers for the whole session; this run's indexes are removed at the end."""
    client = get_client()
    try:
        cluster_state(client, timeout=5)
    except Exception as exc:
        if not settings.ELASTICSEARCH_MANAGED:
            pytest.fail(
                f"ELASTICSEARCH_URL={settings.ELASTICSEARCH_URL} does not answer: {exc}", pytrace=False
            )
        try:
            ManagedNode.from_settings().start()
        except ServiceError as start_error:
            pytest.fail(f"Could not start the managed Elasticsearch node: {start_error}", pytrace=False)
    yield client
    names = _run_index_names(client, settings.ELASTICSEARCH_INDEX_PREFIX)
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


@pytest.fixture
def es_client(elasticsearch_service: Elasticsearch) -> Elasticsearch:
    """The platform's own client (``cpsplatform.elasticsearch_client.get_client``)."""
    return elasticsearch_service


@pytest.fixture
def throwaway_es_node() -> Iterator[ManagedNode]:
    """A running single node of its own (free port, own data dir, small heap) that a test may stop and start.

    ``node.url``, ``node.client()``, ``node.stop()``, ``node.start()`` (waits until ready), ``node.is_running()``.
    It is stopped and its data deleted afterwards.
    """
    node = ManagedNode.from_settings(port=free_port(), heap="256m")
    try:
        node.start()
    except ServiceError as exc:
        node.destroy()
        pytest.fail(f"Could not start a throwaway Elasticsearch node: {exc}", pytrace=False)
    try:
        yield node
    finally:
        node.destroy()


@pytest.fixture
def isolated_media(settings, tmp_path):
    """Uploaded files (public ``MEDIA_ROOT`` and the ``private`` storage) go to a per-test directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    storages = dict(settings.STORAGES)
    storages["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path / "private", "base_url": None},
    }
    settings.STORAGES = storages
    return tmp_path


@pytest.fixture
def security_categories(db):
    """The seeded categories, even after an earlier transactional test's flush removed the data migration's rows."""
    from marketplace.categories import seed_security_categories
    from marketplace.models import SecurityCategory

    seed_security_categories(SecurityCategory)
