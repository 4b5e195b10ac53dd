from tests.search.conftest import clean_indexes, elasticsearch_down, sync_now  # noqa: F401
