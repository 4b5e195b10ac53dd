"""Fixtures for the events tests: events-specific builders on top of the shared ``tests/factories.py``, and the
PostgreSQL guard for the concurrency tests."""

import itertools
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.utils import timezone, translation

from cpsplatform.organisations.models import Membership, Organisation, OrganisationKind
from events.models import AllocationMode, Event, Material, Meetup
from events.signals import send_event_changed
from tests.factories import give_totp, login, make_member, make_organisation
from tests.factories import make_user as make_account

_seq = itertools.count(1)

POSTGRES_HINT = (
    "This test needs PostgreSQL for real row locking under concurrency; run it with "
    "DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/cpsp_events (the suite is on {vendor})."
)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Concurrency tests FAIL loudly, never pass vacuously or skip, when the database cannot lock rows."""
    if pyfuncitem.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.fail(POSTGRES_HINT.format(vendor=connection.vendor), pytrace=False)


def make_org(kind: str = OrganisationKind.USER_COMPANY, **fields) -> Organisation:
    return make_organisation(kind=kind, **fields)


def make_user(org: Organisation | None = None, *, role: str = "member", **fields):
    """A verified user (shared factory), a member of ``org`` with ``role`` if given. E-mails to them are in
    English unless ``preferred_language`` says otherwise (``test_japanese.py`` covers Japanese)."""
    fields.setdefault("preferred_language", "en")
    user = make_account(**fields)
    if org is not None:
        make_member(org, role=role, user=user)
    return user


def make_users(count: int, org: Organisation | None = None) -> list:
    """Many users at once (no password hashing), for the concurrency tests."""
    User = get_user_model()
    start = next(_seq)
    for _ in range(count):
        next(_seq)
    users = User.objects.bulk_create(
        [
            User(
                email=f"crowd{start}-{i}@example.com",
                display_name=f"Crowd {start}-{i}",
                password="!",
                preferred_language="en",
            )
            for i in range(count)
        ]
    )
    users = list(User.objects.filter(email__startswith=f"crowd{start}-").order_by("pk"))
    if org is not None:
        Membership.objects.bulk_create(Membership(organisation=org, user=u) for u in users)
    return users


def make_event(
    organiser: Organisation | None = None, *, meetup_capacity: int | None = None, **fields
) -> Event:
    now = timezone.now().replace(second=0, microsecond=0)
    organiser = organiser or make_org(OrganisationKind.EVENT_ORGANISER)
    fields.setdefault("number", next(_seq))
    fields.setdefault("title_ja", "中小企業のセキュリティ")
    fields.setdefault("title_en", "SME security")
    fields.setdefault("starts_at", now + timedelta(days=14))
    fields.setdefault("ends_at", fields["starts_at"] + timedelta(hours=3))
    fields.setdefault("capacity", 30)
    fields.setdefault("registration_opens_at", now - timedelta(days=7))
    fields.setdefault("registration_closes_at", fields["starts_at"] - timedelta(days=1))
    fields.setdefault("allocation", AllocationMode.FIRST_COME)
    fields.setdefault("is_published", True)
    fields.setdefault("venue", "IPA 13F")
    if fields["allocation"] == AllocationMode.LOTTERY:
        fields.setdefault("lottery_draw_at", fields["registration_closes_at"])
    event = Event.objects.create(organiser=organiser, **fields)
    send_event_changed(event.pk)  # as the services do: search indexes it
    if meetup_capacity is not None:
        Meetup.objects.create(
            event=event,
            capacity=meetup_capacity,
            starts_at=event.ends_at,
            ends_at=event.ends_at + timedelta(hours=2),
            venue="Lounge",
            fee_note="¥3,000 at the door",
        )
    return event


@pytest.fixture(autouse=True)
def english_by_default():
    """The events tests read messages in English; ``test_japanese.py`` overrides this to check the default."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """pytest-django's client, asking for English pages (the site's default language is Japanese)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def organiser_org(db):
    return make_org(OrganisationKind.EVENT_ORGANISER, name_ja="情報処理推進機構", name_en="IPA (test)")


@pytest.fixture
def organiser(organiser_org):
    """An admin of the organiser, with the second factor that e-mailing everyone and the export need."""
    user = make_user(organiser_org, role="admin")
    give_totp(user)
    return user


@pytest.fixture
def event(organiser_org):
    return make_event(organiser_org, capacity=2, meetup_capacity=1)


@pytest.fixture
def private_storage(tmp_path, monkeypatch):
    """Materials go to a per-test private directory (a real file system storage, not the project's var/)."""
    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(Material._meta.get_field("file"), "storage", storage)
    return storage


__all__ = ["login", "make_event", "make_org", "make_user", "make_users"]
