"""Each main page of each role answers within a pinned number of SQL queries, so the cost cannot creep back.

The pages are measured on the demo data (``scripts.demo.seed_all``): enough listings, needs, events, channels and
notifications that a query per row (an N+1) would show. Seeding takes a while, so it is done once for the module,
inside a transaction that is rolled back at the end; each test runs in a savepoint within it.

Every page is loaded once before it is measured: the process-wide caches (content types, the Wagtail site) are
warm in a running server, and a first visit's one-off writes (the session) are not the page's steady cost.
A budget is the count measured when it was pinned, plus one for harmless variation. When a change legitimately
needs more queries, raise the budget in the same commit and say why.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse

from cpsplatform.discussions.selectors import channels_readable_by
from events.models import Event
from marketplace.models import Need, SolutionListing
from scripts.demo import seed_all
from scripts.demo.events import ORGANISER_EMAIL
from scripts.demo.marketplace import DEMO_LOGINS
from search.indexes import delete_all_under_prefix, get_client

pytestmark = pytest.mark.django_db

(VENDOR_SLUG, VENDOR, _), (BUYER_SLUG, BUYER, _) = DEMO_LOGINS[0], DEMO_LOGINS[1]
ANONYMOUS = None


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, seeded once for the module and rolled back afterwards (with this run's search indexes)."""
    with django_db_blocker.unblock():
        delete_all_under_prefix(get_client())
        with transaction.atomic():
            seed_all(io.StringIO())
            yield
            transaction.set_rollback(True)
        delete_all_under_prefix(get_client())


def vendor_listing() -> str:
    listing = (
        SolutionListing.objects.filter(vendor__slug=VENDOR_SLUG, status="published").order_by("pk").first()
    )
    return reverse("marketplace:listing_detail", args=[listing.pk])


def buyer_need() -> str:
    need = Need.objects.filter(owner__slug=BUYER_SLUG).order_by("pk").first()
    return reverse("marketplace:need_detail", args=[need.pk])


def next_event() -> str:
    return reverse("events:detail", args=[Event.objects.get(number=6).pk])


def organiser_event() -> str:
    return reverse("events:dashboard", args=[Event.objects.get(number=6).pk])


def buyer_channel() -> str:
    buyer = get_user_model().objects.get(email=BUYER)
    channel = channels_readable_by(buyer).order_by("pk").first()
    return reverse("discussions:channel", args=[channel.slug])


def fixed(url: str) -> Callable[[], str]:
    return lambda: url


#: (page, who asks, the page's address, the budget in queries)
PAGES = [
    ("home", ANONYMOUS, fixed("/"), 6),
    ("home", BUYER, fixed("/"), 10),
    ("solutions browse", ANONYMOUS, fixed("/marketplace/"), 6),
    ("solutions browse", BUYER, fixed("/marketplace/"), 10),
    ("listing", ANONYMOUS, vendor_listing, 6),
    ("listing", VENDOR, vendor_listing, 10),
    ("listing", BUYER, vendor_listing, 11),
    ("need with recommendations", BUYER, buyer_need, 13),
    ("need", VENDOR, buyer_need, 8),
    ("event", ANONYMOUS, next_event, 5),
    ("event", BUYER, next_event, 11),
    ("search", ANONYMOUS, fixed("/search/?q=セキュリティ"), 1),
    ("search", VENDOR, fixed("/search/?q=セキュリティ&type=needs"), 6),
    ("discussions", BUYER, fixed("/discussions/"), 9),
    ("discussions channel", BUYER, buyer_channel, 10),
    ("organiser dashboard", ORGANISER_EMAIL, fixed("/events/organise/"), 6),
    ("organiser event dashboard", ORGANISER_EMAIL, organiser_event, 10),
    ("vendor dashboard", VENDOR, fixed("/marketplace/dashboard/listings/"), 8),
    ("needs dashboard", BUYER, fixed("/marketplace/dashboard/needs/"), 8),
    ("notifications", BUYER, fixed("/notifications/"), 6),
]


@pytest.mark.parametrize(
    ("page", "who", "address", "budget"),
    PAGES,
    ids=[f"{page} as {who.split('@')[0] if who else 'anonymous'}" for page, who, _a, _b in PAGES],
)
def test_main_page_stays_within_its_query_budget(
    demo, django_assert_max_num_queries, page, who, address, budget
):
    client = Client()
    if who is not None:
        client.force_login(get_user_model().objects.get(email=who))
    url = address()
    assert client.get(url).status_code == 200, f"{page} does not answer {who or 'anonymous'}"
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
