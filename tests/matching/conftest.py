from tests.search.conftest import (  # noqa: F401
    clean_indexes,
    elasticsearch_down,
    sync_now,
)
