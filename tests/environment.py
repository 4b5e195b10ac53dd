"""Loaded by pytest before Django (``-p tests.environment`` in pyproject): the test environment's defaults."""

import os

os.environ.setdefault("PLATFORM_ENV", "test")
os.environ.setdefault("EMAIL_URL", "locmem:")
