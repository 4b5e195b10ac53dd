from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from events.models import Registration
from events.services import registration as service
from events.services import waitlist
from events.services.errors import OfferNotOpen
from events.services.tick import do_tick

from .conftest import login, make_event, make_user

Status = Registration.Status
pytestmark = pytest.mark.django_db


def register(event, **kwargs):
    return service.do_register(event=event, user=make_user(), organisation=None, **kwargs)


@pytest.fixture
def full_event(organiser_org):
    event = make_event(organiser_org, capacity=1, offer_hours=24, meetup_capacity=5)
    holder = register(event, wants_meetup=True)
    first, second = register(event, wants_meetup=True), register(event)
    return event, holder, first, second


def test_offered_person_confirms_within_the_deadline_and_gets_the_meetup_seat(full_event):
    event, holder, first, _ = full_event
    service.do_cancel_registration(holder, by=holder.user)
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    assert first.offer_expires_at == pytest.approx(
        timezone.now() + timedelta(hours=24), abs=timedelta(minutes=1)
    )
    confirmed = waitlist.do_accept_offer(first)
    assert confirmed.status == Status.CONFIRMED
    assert confirmed.has_meetup_seat
    assert AuditLogEntry.objects.filter(action="events.registration.offer_accepted").count() == 1


def test_an_offer_never_outlives_the_event_start(organiser_org):
    event = make_event(
        organiser_org,
        capacity=1,
        offer_hours=24 * 7,
        starts_at=timezone.now() + timedelta(days=2),
        registration_closes_at=timezone.now() + timedelta(days=1),
    )
    holder, waiting = register(event), register(event)
    service.do_cancel_registration(holder, by=holder.user)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == event.starts_at


def test_declining_an_offer_moves_the_seat_on(full_event):
    event, holder, first, second = full_event
    service.do_cancel_registration(holder, by=holder.user)
    first.refresh_from_db()
    waitlist.do_decline_offer(first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.status_reason) == (Status.DECLINED, "offer_declined")
    assert second.status == Status.OFFERED


def test_an_expired_offer_moves_on_once_even_if_the_tick_runs_twice(
    full_event, django_capture_on_commit_callbacks
):
    event, holder, first, second = full_event
    service.do_cancel_registration(holder, by=holder.user)
    later = timezone.now() + timedelta(hours=25)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert do_tick(now=later).offers_expired == 1
        assert do_tick(now=later).offers_expired == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.status_reason) == (Status.DECLINED, "offer_expired")
    assert second.status == Status.OFFERED
    assert AuditLogEntry.objects.filter(action="events.registration.offer_expired").count() == 1
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "expired" in subjects[first.user.email]
    assert "please confirm" in subjects[second.user.email]


def test_accepting_after_the_deadline_is_refused_and_the_seat_moves_on(full_event):
    event, holder, first, second = full_event
    service.do_cancel_registration(holder, by=holder.user)
    first.refresh_from_db()
    with pytest.raises(OfferNotOpen, match="expired") as refused:
        waitlist.do_accept_offer(first, now=first.offer_expires_at + timedelta(seconds=1))
    assert refused.value.code == "offer_expired"
    second.refresh_from_db()
    first.refresh_from_db()
    assert first.status == Status.DECLINED
    assert second.status == Status.OFFERED


def test_raising_the_capacity_offers_the_new_seats(full_event, organiser):
    from events.services.organising import do_update_event

    event, _, first, second = full_event
    event.capacity = 3
    do_update_event(event, by=organiser, fields=["capacity"])
    assert set(Registration.objects.filter(status=Status.OFFERED).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_capacity_cannot_drop_below_the_seats_taken(full_event, organiser):
    from events.services.errors import OrganiserActionRefused
    from events.services.organising import do_update_event

    event, *_ = full_event
    register(event)  # waitlisted, not counted
    event.capacity = 0
    with pytest.raises(OrganiserActionRefused, match="seats are taken"):
        do_update_event(event, by=organiser, fields=["capacity"])


def test_nothing_is_offered_once_the_event_has_started(full_event):
    event, holder, first, _ = full_event
    with pytest.raises(Exception, match="started"):
        service.do_cancel_registration(holder, by=holder.user, now=event.starts_at + timedelta(minutes=5))
    first.refresh_from_db()
    assert first.status == Status.WAITLISTED


def test_participant_confirms_the_offer_from_their_page(client, full_event):
    event, holder, first, _ = full_event
    service.do_cancel_registration(holder, by=holder.user)
    login(client, first.user)
    page = client.get(reverse("events:registration", args=[first.pk])).content.decode()
    assert "Confirm my seat" in page
    response = client.post(
        reverse("events:offer_respond", args=[first.pk]), {"action": "accept"}, follow=True
    )
    assert "Your seat is confirmed." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED


def test_waitlist_position_is_shown(client, full_event):
    _, _, first, second = full_event
    login(client, second.user)
    page = client.get(reverse("events:registration", args=[second.pk])).content.decode()
    assert "You are number 2 on the waitlist." in page


def test_events_tick_command_reports_what_it_did(full_event):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("events_tick", stdout=out)
    assert (
        out.getvalue().strip() == "lotteries drawn: 0, offers expired: 0, reminders sent: 0, events closed: 0"
    )
