from tests.search.conftest import clean_indexes  # noqa: F401
