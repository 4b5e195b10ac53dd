"""The chat's frame budgets live in the shared cache (Redis here): every server process draws on one budget.

The other process is a real second Python process with its own Redis connection; both count in the same second
(``now`` is fixed, so no test depends on the clock).
"""

import os

import pytest
from django.conf import settings
from django.core.cache import cache

from cpsplatform.discussions.ratelimit import WRITES_PER_SECOND, check_frame_allowed
from tests.subprocesses import run_in_django

#: A second far in the future: no live frame of this run counts in it.
SECOND = 4_000_000_000.0


def spend_in_another_process(user_id: int, frames: int, kind: str = "send") -> list[bool]:
    script = (
        "import django; django.setup()\n"
        "from cpsplatform.discussions.ratelimit import check_frame_allowed\n"
        f"print(''.join('y' if check_frame_allowed({user_id}, {kind!r}, now={SECOND}) else 'n'"
        f" for _ in range({frames})))\n"
    )
    result = run_in_django(script)
    assert result.returncode == 0, result.stderr
    return [mark == "y" for mark in result.stdout.strip().splitlines()[-1]]


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def test_the_cache_holding_the_counters_is_redis():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings.CACHES["default"]["LOCATION"] == os.environ["REDIS_URL"]


def test_a_budget_spent_in_one_process_is_spent_in_the_other():
    spent = spend_in_another_process(user_id=7001, frames=WRITES_PER_SECOND)

    assert spent == [True] * WRITES_PER_SECOND
    assert not check_frame_allowed(7001, "send", now=SECOND)
    assert check_frame_allowed(7001, "typing", now=SECOND)  # only the write budget is spent
    assert check_frame_allowed(7002, "send", now=SECOND)  # and only this person's


def test_two_processes_together_get_one_budget_not_two():
    there = spend_in_another_process(user_id=7003, frames=WRITES_PER_SECOND // 2, kind="edit")
    here = [check_frame_allowed(7003, "react", now=SECOND) for _ in range(WRITES_PER_SECOND)]

    assert all(there)
    assert sum(here) == WRITES_PER_SECOND - len(there)


def test_the_budget_renews_the_next_second():
    for _ in range(WRITES_PER_SECOND):
        check_frame_allowed(7004, "send", now=SECOND)

    assert not check_frame_allowed(7004, "send", now=SECOND + 0.5)
    assert check_frame_allowed(7004, "send", now=SECOND + 1)
