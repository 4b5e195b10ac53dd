from tests.search.conftest import clean_indexes, es_client, throwaway_es_node  # noqa: F401
