from collections.abc import Iterator

import pytest
from django.conf import settings
from elasticsearch import Elasticsearch

from search.indexes import delete_all_under_prefix, get_client
from tests.search.esnode import ThrowawayNode


@pytest.fixture(scope="session")
def es_client() -> Iterator[Elasticsearch]:
    """TEMPORARY (until the root conftest lands): the configured cluster; this run's indexes removed after."""
    client = get_client()
    client.cluster.health(timeout="5s")
    yield client
    delete_all_under_prefix(client)


@pytest.fixture
def throwaway_es_node() -> Iterator[ThrowawayNode]:
    node = ThrowawayNode()
    try:
        node.start()
        yield node
    finally:
        node.destroy()


@pytest.fixture
def clean_indexes(es_client):
    """Each test starts without this run's listing/need indexes."""
    delete_all_under_prefix(es_client)
    yield es_client
    delete_all_under_prefix(es_client)


@pytest.fixture(autouse=True)
def _prefix_is_test_prefix():
    assert settings.ELASTICSEARCH_INDEX_PREFIX.startswith("cpsp-test")
