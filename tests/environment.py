"""Loaded by pytest before Django (``-p tests.environment`` in pyproject): the test environment's defaults.

They are put in ``os.environ`` so servers that tests start as subprocesses inherit the same configuration.
"""

import os

os.environ.setdefault("PLATFORM_ENV", "test")
os.environ.setdefault("EMAIL_URL", "locmem:")
# One index prefix per test run, so concurrent runs on one cluster never see each other's indexes.
os.environ.setdefault("ELASTICSEARCH_INDEX_PREFIX", f"cpsp-test-{os.getpid()}")
