"""The whole flow in headless Chromium: an organiser creates an event, two participants register (the second is
waitlisted), the first cancels, the second is offered the seat and confirms, checks in by code at the door, and the
dashboard figures are right."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cpsplatform.organisations.models import Membership, Organisation, OrganisationKind
from events.models import Event, Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: How the participants' browsers read the site: English, Japan time.
EN_TOKYO = {"timezone_id": "Asia/Tokyo", "extra_http_headers": {"Accept-Language": "en"}}


def local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def browser_locale() -> str:
    return "en-GB"


def make_person(email: str, name: str, organisation: Organisation | None = None):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(email, "correct-horse-battery", display_name=name)
    if organisation is not None:
        Membership.objects.create(organisation=organisation, user=user, role="admin")
    return user


def status_of(page) -> str:
    return page.get_attribute("#registration-status", "data-status")


def test_organiser_creates_event_participants_register_cancel_promote_and_check_in(page_as, live_server):
    ipa = Organisation.objects.create(
        kind=OrganisationKind.EVENT_ORGANISER,
        slug="ipa",
        name_ja="情報処理推進機構",
        name_en="IPA",
        confirmed_by_staff=True,
    )
    organiser = make_person("organiser@ipa.example", "Organiser", ipa)
    first = make_person("first@factory.example", "First Participant")
    second = make_person("second@vendor.example", "Second Participant")

    # The organiser creates a one-seat event.
    org_page = page_as(organiser, **EN_TOKYO)
    org_page.goto("/events/organise/new/")
    start = timezone.now() + timedelta(days=10)
    org_page.fill("#id_number", "4")
    org_page.fill("#id_title_ja", "中小企業のセキュリティ")
    org_page.fill("#id_title_en", "SME security")
    org_page.fill("#id_starts_at", local(start))
    org_page.fill("#id_ends_at", local(start + timedelta(hours=3)))
    org_page.fill("#id_venue", "IPA 13F")
    org_page.fill("#id_capacity", "1")
    org_page.fill("#id_registration_opens_at", local(timezone.now() - timedelta(hours=1)))
    org_page.fill("#id_registration_closes_at", local(start - timedelta(days=1)))
    org_page.select_option("#id_allocation", "first_come")
    org_page.check("#id_is_published")
    org_page.click("#event-form button[type=submit]")
    org_page.wait_for_url(re.compile(r".*/events/organise/\d+/$"))
    event = Event.objects.get(number=4)
    assert event.organiser == ipa and event.capacity == 1

    # Two participants register: the first gets the seat, the second is waitlisted.
    pages = {}
    for user, expected in ((first, "confirmed"), (second, "waitlisted")):
        page = page_as(user, **EN_TOKYO)
        page.goto(f"/events/{event.pk}/")
        page.get_by_role("link", name="Register", exact=True).click()
        page.click("#register-form button[type=submit]")
        page.wait_for_url(re.compile(r".*/events/registrations/\d+/$"))
        assert status_of(page) == expected
        pages[user.pk] = page
    assert "number 1 on the waitlist" in pages[second.pk].content()

    # The first cancels; the second is offered the seat and confirms it.
    page = pages[first.pk]
    page.get_by_role("link", name="Cancel my registration", exact=True).click()
    page.get_by_role("button", name="Yes, cancel my registration").click()
    page.wait_for_selector("text=Your registration is cancelled")
    assert status_of(page) == "cancelled"

    page = pages[second.pk]
    page.reload()
    assert status_of(page) == "offered"
    page.get_by_role("button", name="Confirm my seat").click()
    page.wait_for_selector("text=Your seat is confirmed.")
    assert status_of(page) == "confirmed"
    qr = page.locator("#checkin-qr")
    qr.evaluate("img => img.complete || new Promise(resolve => img.addEventListener('load', resolve))")
    assert qr.evaluate("img => img.naturalWidth") > 100
    code = page.inner_text("#checkin-code")

    # At the door the organiser enters the code; a second scan says "already checked in".
    org_page.goto(f"/events/organise/{event.pk}/checkin/")
    org_page.fill("#id_code", code)
    org_page.click("#checkin-form button[type=submit]")
    org_page.wait_for_selector("text=Welcome, Second Participant")
    org_page.fill("#id_code", code)
    org_page.click("#checkin-form button[type=submit]")
    org_page.wait_for_selector("text=Second Participant is already checked in")

    # The dashboard figures.
    org_page.goto(f"/events/organise/{event.pk}/")
    figures = {
        name: org_page.inner_text(f"#figures [data-figure={name}]")
        for name in (
            "applications",
            "registered",
            "confirmed",
            "waitlisted",
            "cancelled",
            "checked_in",
            "offered",
        )
    }
    assert figures == {
        "applications": "2",
        "registered": "1",
        "confirmed": "0",
        "waitlisted": "0",
        "cancelled": "1",
        "checked_in": "1",
        "offered": "0",
    }
    assert org_page.inner_text("[data-figure=summary]") == "1 registered"
    statuses = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
    assert statuses == {"first@factory.example": "cancelled", "second@vendor.example": "checked_in"}
