"""The organiser's "Draw now", the seed fixed once and shown identically everywhere, and waitlist positions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from events.models import AllocationMode, Event, Registration
from events.services import lottery, organising
from events.services import registration as service
from events.services.errors import OrganiserActionRefused
from events.services.lottery import draw_order
from events.services.tick import do_tick
from tests.factories import make_staff

from .conftest import login, make_event, make_org, make_user
from .test_organiser import event_form_data

Status = Registration.Status
pytestmark = pytest.mark.django_db


def closed_lottery(
    organiser_org, *, applicants: int = 5, capacity: int = 3
) -> tuple[Event, list[Registration]]:
    """A lottery whose applications closed an hour ago; its published draw time is tomorrow."""
    now = timezone.now()
    event = make_event(
        organiser_org,
        capacity=capacity,
        allocation=AllocationMode.LOTTERY,
        registration_opens_at=now - timedelta(days=7),
        registration_closes_at=now - timedelta(hours=1),
        lottery_draw_at=now + timedelta(days=1),
    )
    applied = [
        service.do_register(event=event, user=make_user(), organisation=None, now=now - timedelta(hours=2))
        for _ in range(applicants)
    ]
    return event, applied


def test_organiser_draws_now_once_applications_closed_and_the_seed_used_is_the_published_one(
    client, organiser, organiser_org
):
    event, applied = closed_lottery(organiser_org)
    login(client, organiser)
    dashboard = client.get(reverse("events:dashboard", args=[event.pk])).content.decode()
    assert reverse("events:run_lottery", args=[event.pk]) in dashboard
    confirm = client.get(reverse("events:run_lottery", args=[event.pk]))
    assert confirm.status_code == 200
    assert f'<code class="lottery-seed">{event.lottery_seed}</code>' in confirm.content.decode()
    assert not Event.objects.get(pk=event.pk).lottery_drawn_at, "showing the confirmation draws nothing"

    response = client.post(reverse("events:run_lottery", args=[event.pk]), follow=True)

    event.refresh_from_db()
    assert event.lottery_drawn_at is not None
    assert event.lottery_drawn_seed == event.lottery_seed
    page = response.content.decode()
    assert f'<code class="lottery-drawn-seed">{event.lottery_seed}</code>' in page
    record = AuditLogEntry.objects.get(action="events.lottery.drawn")
    assert record.data["seed"] == event.lottery_seed
    assert record.actor == organiser
    entries = lottery.lottery_entries(event, applied)
    assert record.data["order"] == [e.registration_id for e in draw_order(entries, event.lottery_seed)]
    winners = set(
        Registration.objects.filter(event=event, status=Status.CONFIRMED).values_list("pk", flat=True)
    )
    assert winners == set(record.data["order"][:3])


def test_draw_now_is_refused_while_applications_are_open(client, organiser, organiser_org):
    event = make_event(organiser_org, allocation=AllocationMode.LOTTERY)
    service.do_register(event=event, user=make_user(), organisation=None)
    login(client, organiser)
    assert (
        reverse("events:run_lottery", args=[event.pk])
        not in client.get(reverse("events:dashboard", args=[event.pk])).content.decode()
    )
    response = client.post(reverse("events:run_lottery", args=[event.pk]), follow=True)
    assert "the lottery can be drawn once they close" in response.content.decode()
    assert Event.objects.get(pk=event.pk).lottery_drawn_at is None
    assert client.get(reverse("events:run_lottery", args=[event.pk])).status_code == 302


def test_a_second_draw_is_refused_with_a_clear_message_and_changes_nothing(client, organiser, organiser_org):
    event, _ = closed_lottery(organiser_org)
    login(client, organiser)
    client.post(reverse("events:run_lottery", args=[event.pk]))
    before = dict(Registration.objects.filter(event=event).values_list("pk", "status"))

    response = client.post(reverse("events:run_lottery", args=[event.pk]), follow=True)

    assert "a lottery is drawn only once" in response.content.decode()
    assert dict(Registration.objects.filter(event=event).values_list("pk", "status")) == before
    assert AuditLogEntry.objects.filter(action="events.lottery.drawn").count() == 1
    with pytest.raises(OrganiserActionRefused) as refused:
        lottery.do_run_lottery(event)
    assert refused.value.code == "already_drawn"


def test_only_the_events_organisers_and_staff_may_draw(client, organiser_org):
    event, _ = closed_lottery(organiser_org)
    outsider = make_user(make_org("event_organiser"), role="admin")
    participant = make_user()
    for person in (outsider, participant):
        login(client, person)
        assert client.post(reverse("events:run_lottery", args=[event.pk])).status_code == 404
    assert Event.objects.get(pk=event.pk).lottery_drawn_at is None
    login(client, make_staff())  # staff have a second factor (required for them everywhere)
    client.post(reverse("events:run_lottery", args=[event.pk]))
    assert Event.objects.get(pk=event.pk).lottery_drawn_at is not None


def test_the_tick_skips_a_lottery_the_organiser_drew_early(organiser_org, organiser):
    event, _ = closed_lottery(organiser_org)
    lottery.do_run_lottery(event, by=organiser)
    report = do_tick(now=event.lottery_draw_at + timedelta(minutes=1))
    assert report.lotteries_drawn == 0
    assert AuditLogEntry.objects.filter(action="events.lottery.drawn").count() == 1


def test_the_create_form_shows_no_seed_and_the_saved_seed_is_shown_everywhere(
    client, organiser, organiser_org
):
    login(client, organiser)
    form = client.get(reverse("events:event_create")).content.decode()
    assert 'name="lottery_seed" value=' not in form
    assert "initial-lottery_seed" not in form
    start = timezone.now() + timedelta(days=20)
    data = event_form_data(
        organiser_org,
        allocation="lottery",
        lottery_seed="",
        lottery_draw_at=timezone.localtime(start - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
    )
    assert client.post(reverse("events:event_create"), data).status_code == 302
    event = Event.objects.get()
    assert len(event.lottery_seed) == 16
    shown = f'<code class="lottery-seed">{event.lottery_seed}</code>'
    assert shown in client.get(reverse("events:dashboard", args=[event.pk])).content.decode()
    assert shown in client.get(reverse("events:detail", args=[event.pk])).content.decode()
    created = AuditLogEntry.objects.get(action="events.event.created")
    assert created.data["lottery_seed"] == event.lottery_seed


def test_an_organiser_may_choose_the_seed_before_applications_open(organiser, organiser_org):
    now = timezone.now()
    event = make_event(
        organiser_org,
        allocation=AllocationMode.LOTTERY,
        registration_opens_at=now + timedelta(days=1),
        registration_closes_at=now + timedelta(days=5),
    )
    event.lottery_seed = "nikkei-close-2026-12-03"
    organising.do_update_event(event, by=organiser, fields=["lottery_seed"])
    assert Event.objects.get(pk=event.pk).lottery_seed == "nikkei-close-2026-12-03"


def test_the_seed_cannot_change_once_applications_open(client, organiser, organiser_org):
    event = make_event(organiser_org, allocation=AllocationMode.LOTTERY)
    published = event.lottery_seed
    event.lottery_seed = "a-luckier-seed"
    with pytest.raises(OrganiserActionRefused, match="is fixed and cannot change"):
        organising.do_update_event(event, by=organiser, fields=["lottery_seed"])
    login(client, organiser)
    form = client.get(reverse("events:event_edit", args=[event.pk])).content.decode()
    assert f'name="lottery_seed" value="{published}"' in form and "disabled" in form.split("lottery_seed")[2]
    assert Event.objects.get(pk=event.pk).lottery_seed == published


def test_waitlisted_people_see_their_position_in_the_order_seats_are_offered(
    client, organiser, organiser_org
):
    now = timezone.now()
    event = make_event(
        organiser_org,
        capacity=1,
        allocation=AllocationMode.LOTTERY,
        lottery_draw_at=now - timedelta(minutes=1),
    )
    for _ in range(4):
        service.do_register(event=event, user=make_user(), organisation=None, now=now - timedelta(hours=1))
    lottery.do_run_lottery(event, by=organiser)
    late = service.do_register(event=event, user=make_user(), organisation=None)  # after the draw: first come
    line = list(
        Registration.objects.filter(event=event, status=Status.WAITLISTED)
        .order_by("lottery_rank", "queued_at", "pk")
        .select_related("user")
    )
    assert line[-1] == late and len(line) == 4
    for position, registration in enumerate(line, start=1):
        login(client, registration.user)
        mine = client.get(reverse("events:my_registrations")).content.decode()
        assert f"No. {position} on the waitlist" in mine
        detail = client.get(reverse("events:registration", args=[registration.pk])).content.decode()
        assert f"You are number {position} on the waitlist." in detail
