"""Without Redis the rate-limit counters live in a database table that ``migrate`` creates.

The test suite runs with Redis (``make test`` sets ``REDIS_URL``); here the cache is switched to the database
backend the settings choose without it, on a table of its own, and ``migrate`` must create that table.
"""

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from cpsplatform.discussions.ratelimit import WRITES_PER_SECOND, check_frame_allowed
from tests.factories import DEFAULT_PASSWORD, make_user

TABLE = "platform_cache_probe"
DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": TABLE,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}


@pytest.fixture
def database_cache(transactional_db):
    with override_settings(CACHES=DATABASE_CACHE):
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE IF EXISTS platform_cache_probe")


def test_migrate_creates_the_cache_table_and_the_counters_live_there(database_cache):
    assert TABLE not in connection.introspection.table_names()

    call_command("migrate", verbosity=0)

    assert TABLE in connection.introspection.table_names()
    spent = [check_frame_allowed(9001, "send", now=4_000_000_000.0) for _ in range(WRITES_PER_SECOND + 1)]
    assert spent == [True] * WRITES_PER_SECOND + [False]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM platform_cache_probe")
        assert cursor.fetchone()[0] >= 1


def test_failed_logins_are_counted_in_the_database_cache(database_cache):
    call_command("migrate", verbosity=0)
    make_user(email="kato@example.co.jp")
    client = Client()
    for n in range(5):
        client.post(reverse("account_login"), {"login": "kato@example.co.jp", "password": f"wrong-{n}"})

    response = client.post(
        reverse("account_login"),
        {"login": "kato@example.co.jp", "password": DEFAULT_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert isinstance(caches["default"], DatabaseCache)
