import pytest

from scripts.localprocess import free_port
from search import sync
from search.indexes import KINDS, alias_name, delete_all_under_prefix, ensure_indexes, get_client


@pytest.fixture
def clean_indexes(es_client):
    """The test starts and ends without this run's indexes (listings, needs, temporary ones)."""
    delete_all_under_prefix(es_client)
    yield es_client
    delete_all_under_prefix(es_client)


@pytest.fixture
def sync_now(clean_indexes, settings, security_categories):
    """Changes wait in the outbox until the test calls ``sync_now()``, which delivers them and refreshes."""
    settings.SEARCH_SYNC_ON_COMMIT = False

    def deliver() -> None:
        client = get_client()
        ensure_indexes(client)
        sync.drain(client)
        for kind in KINDS:
            client.indices.refresh(index=alias_name(kind))

    return deliver


class Outage:
    def __init__(self, settings) -> None:
        self.settings = settings
        self.real_hosts = list(settings.ELASTICSEARCH_HOSTS)
        self.down()

    def down(self) -> None:
        """Point the platform at a closed local port: every Elasticsearch call fails as if the node were down."""
        self.settings.ELASTICSEARCH_HOSTS = [f"http://127.0.0.1:{free_port()}"]

    def up(self) -> None:
        self.settings.ELASTICSEARCH_HOSTS = self.real_hosts


@pytest.fixture
def elasticsearch_down(settings):
    return Outage(settings)
