"""The lottery in headless Chromium: the organiser creates a lottery event (no seed shown before it is saved), the
seed shown on the dashboard is the one the public page shows, applications close, the organiser presses "Draw
now" and confirms, and the seed shown with the result recomputes — with the pure ``draw_order`` — exactly the
stored outcome (who got a seat, and the waitlist ranks). A second draw is refused."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cpsplatform.organisations.models import Membership, Organisation, OrganisationKind
from events.models import Event, Registration
from events.services import registration as registration_service
from events.services.lottery import draw_order, lottery_entries

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EN_TOKYO = {"timezone_id": "Asia/Tokyo", "extra_http_headers": {"Accept-Language": "en"}}


@pytest.fixture
def browser_locale() -> str:
    return "en-GB"


def local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def person(email: str, name: str, organisation: Organisation | None = None):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(email, "correct-horse-battery", display_name=name)
    if organisation is not None:
        Membership.objects.create(organisation=organisation, user=user, role="admin")
    return user


def test_lottery_draw_now_the_seed_shown_is_the_seed_used(page_as, live_server):
    ipa = Organisation.objects.create(
        kind=OrganisationKind.EVENT_ORGANISER, slug="ipa", name_en="IPA", confirmed_by_staff=True
    )
    organiser = person("organiser@ipa.example", "Organiser", ipa)
    page = page_as(organiser, **EN_TOKYO)

    # Create a lottery event; the form shows no seed it would not save.
    page.goto("/events/organise/new/")
    assert page.input_value("#id_lottery_seed") == ""
    start = timezone.now() + timedelta(days=10)
    page.fill("#id_number", "7")
    page.fill("#id_title_en", "Lottery session")
    page.fill("#id_starts_at", local(start))
    page.fill("#id_ends_at", local(start + timedelta(hours=3)))
    page.fill("#id_capacity", "3")
    page.fill("#id_registration_opens_at", local(timezone.now() - timedelta(hours=1)))
    page.fill("#id_registration_closes_at", local(start - timedelta(days=2)))
    page.select_option("#id_allocation", "lottery")
    page.fill("#id_lottery_draw_at", local(start - timedelta(days=1)))
    page.fill("#id_new_member_weight", "1")
    page.check("#id_is_published")
    page.click("#event-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/events/organise/\d+/$"))
    event = Event.objects.get(number=7)
    published = page.inner_text("#lottery code.lottery-seed")
    assert published == event.lottery_seed and published
    page.goto(f"/events/{event.pk}/")
    assert page.inner_text("#registration-box code.lottery-seed") == published

    # Six people apply; then applications close (the published draw time is still ahead).
    applicants = [
        registration_service.do_register(
            event=event, user=person(f"p{i}@example.com", f"Participant {i}"), organisation=None
        )
        for i in range(6)
    ]
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(registration_closes_at=now - timedelta(minutes=5))

    # Draw now, after a confirmation.
    page.goto(f"/events/organise/{event.pk}/")
    page.click("#draw-now")
    assert page.inner_text("#lottery-confirm code.lottery-seed") == published
    page.click("#confirm-draw")
    page.wait_for_selector("#lottery-result")
    shown = page.inner_text("#lottery-result code.lottery-drawn-seed")
    assert shown == published
    assert page.inner_text("#lottery code.lottery-seed") == published

    # The seed shown recomputes the stored outcome.
    event.refresh_from_db()
    order = [e.registration_id for e in draw_order(lottery_entries(event, applicants), shown)]
    stored = {r.pk: r for r in Registration.objects.filter(event=event)}
    assert {pk for pk, r in stored.items() if r.status == Registration.Status.CONFIRMED} == set(order[:3])
    waiting = sorted((r for r in stored.values() if r.lottery_rank), key=lambda r: r.lottery_rank)
    assert [r.pk for r in waiting] == order[3:]

    # The public page shows the same seed with the result; a second draw is refused.
    page.goto(f"/events/{event.pk}/")
    assert page.inner_text("#registration-box code.lottery-drawn-seed") == shown
    page.goto(f"/events/organise/{event.pk}/")
    assert page.locator("#draw-now").count() == 0
    response = page.request.get(f"/events/organise/{event.pk}/lottery/")
    assert "a lottery is drawn only once" in response.text()
