import pytest

from search.indexes import delete_all_under_prefix


@pytest.fixture
def clean_indexes(es_client):
    """The test starts and ends without this run's indexes (listings, needs, temporary ones)."""
    delete_all_under_prefix(es_client)
    yield es_client
    delete_all_under_prefix(es_client)
