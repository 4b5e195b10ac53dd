"""Fixtures of the discussions tests: people in organisations of every kind (built with ``tests.factories``), and
the real Redis channel layer."""

import os

import pytest

from cpsplatform.organisations.models import Organisation, OrganisationKind
from cpsplatform.settings import redis_channel_layers
from tests import factories

#: The chat helper's Redis database unless the run says otherwise; every test run uses its own key prefix in it.
CHAT_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6"


def make_org(kind: str = OrganisationKind.USER_COMPANY, **fields) -> Organisation:
    return factories.make_organisation(kind=kind, **fields)


def make_person(org: Organisation | None, *, role: str = "member", **user_fields):
    """A user (``display_name``, ``is_policy_staff``... as keywords) who is a member of ``org`` (if given)."""
    user = factories.make_user(**user_fields)
    if org is not None:
        factories.make_member(org, role=role, user=user)
    return user


def redis_layer_settings(url: str = CHAT_REDIS_URL) -> dict:
    """The project's Redis channel layer, with a key prefix of this test run."""
    layers = redis_channel_layers(url)
    layers["default"]["CONFIG"]["prefix"] = f"chat-test-{os.getpid()}"
    return layers


@pytest.fixture(autouse=True)
def redis_channel_layer(settings):
    """Every discussions test runs on the real Redis channel layer."""
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
