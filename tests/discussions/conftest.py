"""Fixtures of the discussions tests: people in organisations of every kind, and the real Redis channel layer."""

import itertools
import os

import pytest
from django.contrib.auth import get_user_model

from cpsplatform.organisations.models import Membership, Organisation, OrganisationKind

#: The chat helper's Redis database; every test run uses its own key prefix in it.
CHAT_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6"
_numbers = itertools.count(1)


def make_user(*, display_name: str = "", is_policy_staff: bool = False, password: str = "pw-for-tests-123"):  # noqa: S107
    n = next(_numbers)
    return get_user_model().objects.create_user(
        email=f"person{n}-{os.getpid()}@example.test",
        password=password,
        display_name=display_name or f"Person {n}",
        is_policy_staff=is_policy_staff,
    )


def make_org(kind: str = OrganisationKind.USER_COMPANY, name: str = "") -> Organisation:
    n = next(_numbers)
    name = name or f"{kind} org {n}"
    return Organisation.objects.create(name_en=name, slug=f"org-{n}-{os.getpid()}", kind=kind)


def make_member(org: Organisation, *, role: str = "member", **user_fields):
    user = make_user(**user_fields)
    Membership.objects.create(organisation=org, user=user, role=role)
    return user


def redis_layer_settings(url: str = CHAT_REDIS_URL) -> dict:
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [url], "prefix": f"chat-test-{os.getpid()}", "capacity": 1500, "expiry": 30},
        }
    }


@pytest.fixture(autouse=True)
def redis_channel_layer(settings):
    """Every discussions test runs on the real Redis channel layer (the chat helper's database number)."""
    settings.CHANNEL_LAYERS = redis_layer_settings()
    yield


@pytest.fixture
def vendor_org(db):
    return make_org(OrganisationKind.VENDOR)


@pytest.fixture
def user_org(db):
    return make_org(OrganisationKind.USER_COMPANY)


@pytest.fixture
def agency_org(db):
    return make_org(OrganisationKind.PUBLIC_AGENCY)
