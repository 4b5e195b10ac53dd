"""No overbooking, ever: real threads, each with its own PostgreSQL connection, hitting the services at once.

Each test starts its threads behind a barrier so they really race. At most ``MAX_CONNECTIONS`` of them hold a
database connection at the same moment: the shared PostgreSQL here allows 100 connections for every helper's
tests, and the point is the race, not exhausting the server.
"""

import threading
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from events.models import AllocationMode, Meeting, MeetingBooking, Registration
from events.services import checkin, lottery, meetings, notifications, waitlist
from events.services import registration as service
from events.services.errors import EventsError
from events.tokens import checkin_code

from .conftest import make_event, make_org, make_user, make_users

Status = Registration.Status
MAX_CONNECTIONS = 40
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(calls: list[Callable[[], object]]) -> Counter:
    """Run every call in its own thread, all released at once; count outcomes ("ok" or the refusal's code).
    Any exception that is not a domain refusal is collected as "error: ..." so the test shows it."""
    barrier = threading.Barrier(len(calls))
    gate = threading.BoundedSemaphore(MAX_CONNECTIONS)
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait(timeout=60)
            with gate:
                try:
                    call()
                    outcome = "ok"
                except EventsError as refusal:
                    outcome = refusal.code
                except Exception as error:  # noqa: BLE001 - reported in the assertion
                    outcome = f"error: {type(error).__name__}: {error}"
                finally:
                    connection.close()
        except threading.BrokenBarrierError:
            outcome = "error: barrier"
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return outcomes


def test_hundred_concurrent_registrations_for_thirty_seats():
    event = make_event(capacity=30)
    users = make_users(100)
    outcomes = race([lambda u=u: service.do_register(event=event, user=u, organisation=None) for u in users])
    assert outcomes == Counter({"ok": 100})
    statuses = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == Counter({Status.CONFIRMED: 30, Status.WAITLISTED: 70})
    assert Registration.objects.filter(event=event).values("user").distinct().count() == 100


def test_one_person_registering_twenty_times_at_once_gets_one_registration():
    event = make_event(capacity=30)
    user = make_user()
    outcomes = race(
        [lambda: service.do_register(event=event, user=user, organisation=None) for _ in range(20)]
    )
    assert outcomes == Counter({"ok": 1, "already_registered": 19})
    assert Registration.objects.filter(event=event, user=user).count() == 1


def test_meetup_capacity_holds_under_concurrent_registration():
    event = make_event(capacity=200, meetup_capacity=30)
    users = make_users(100)
    outcomes = race(
        [
            lambda u=u: service.do_register(event=event, user=u, organisation=None, wants_meetup=True)
            for u in users
        ]
    )
    assert outcomes == Counter({"ok": 30, "meetup_full": 70})
    assert Registration.objects.filter(event=event, has_meetup_seat=True).count() == 30
    assert Registration.objects.filter(event=event).count() == 30


def test_meetup_capacity_holds_when_confirmed_people_join_at_once():
    event = make_event(capacity=200, meetup_capacity=30)
    registrations = [service.do_register(event=event, user=u, organisation=None) for u in make_users(100)]
    outcomes = race([lambda r=r: meetings.do_join_meetup(r) for r in registrations])
    assert outcomes == Counter({"ok": 30, "meetup_full": 70})
    assert Registration.objects.filter(event=event, has_meetup_seat=True).count() == 30


def _meetup_people(event, count):
    people = []
    for user in make_users(count):
        people.append(
            service.do_register(
                event=event, user=user, organisation=None, wants_meetup=True, listed_publicly=True
            )
        )
    return people


def test_one_person_accepting_many_requests_for_one_slot_is_booked_once():
    event = make_event(capacity=100, meetup_capacity=100)
    invitee, *requesters = _meetup_people(event, 61)
    slot = event.meetup.starts_at
    requests = [
        meetings.do_request_meeting(requester=r, invitee=invitee, starts_at=slot, message="Hello")
        for r in requesters
    ]
    outcomes = race([lambda m=m: meetings.do_accept_meeting(m, by=invitee.user) for m in requests])
    assert outcomes["ok"] == 1
    assert sum(outcomes.values()) == 60
    assert set(outcomes) <= {"ok", "invitee_booked", "booked"}, outcomes
    assert Meeting.objects.filter(status=Meeting.Status.ACCEPTED).count() == 1
    assert MeetingBooking.objects.filter(registration=invitee, starts_at=slot).count() == 1


def test_many_people_accepting_one_requesters_slot_books_the_requester_once():
    event = make_event(capacity=100, meetup_capacity=100)
    requester, *invitees = _meetup_people(event, 51)
    slot = event.meetup.starts_at + timedelta(minutes=15)
    requests = [meetings.do_request_meeting(requester=requester, invitee=i, starts_at=slot) for i in invitees]
    outcomes = race(
        [
            lambda m=m, i=i: meetings.do_accept_meeting(m, by=i.user)
            for m, i in zip(requests, invitees, strict=True)
        ]
    )
    assert outcomes["ok"] == 1
    assert set(outcomes) <= {"ok", "requester_booked", "booked"}, outcomes
    assert MeetingBooking.objects.filter(registration=requester, starts_at=slot).count() == 1


def test_concurrent_cancellations_promote_exactly_that_many_in_waitlist_order():
    event = make_event(capacity=30)
    registrations = [service.do_register(event=event, user=u, organisation=None) for u in make_users(70)]
    confirmed, waiting = registrations[:30], registrations[30:]
    leaving = confirmed[:15]
    outcomes = race([lambda r=r: service.do_cancel_registration(r, by=r.user) for r in leaving])
    assert outcomes == Counter({"ok": 15})
    offered = set(
        Registration.objects.filter(event=event, status=Status.OFFERED).values_list("pk", flat=True)
    )
    assert offered == {r.pk for r in waiting[:15]}
    assert (
        Registration.objects.filter(event=event, status__in=[Status.CONFIRMED, Status.OFFERED]).count() == 30
    )
    assert AuditLogEntry.objects.filter(action="events.registration.promoted").count() == 15


def test_an_expired_offer_moves_on_exactly_once_with_concurrent_ticks():
    event = make_event(capacity=10, offer_hours=1)
    registrations = [service.do_register(event=event, user=u, organisation=None) for u in make_users(30)]
    for registration in registrations[:5]:
        service.do_cancel_registration(registration, by=registration.user)
    first_offers = list(Registration.objects.filter(event=event, status=Status.OFFERED).order_by("pk"))
    assert len(first_offers) == 5
    later = timezone.now() + timedelta(hours=2)
    outcomes = race([lambda: waitlist.do_expire_offers(now=later) for _ in range(8)])
    assert outcomes == Counter({"ok": 8})
    expired = Registration.objects.filter(event=event, status=Status.DECLINED, status_reason="offer_expired")
    assert set(expired.values_list("pk", flat=True)) == {r.pk for r in first_offers}
    assert AuditLogEntry.objects.filter(action="events.registration.offer_expired").count() == 5
    assert AuditLogEntry.objects.filter(action="events.registration.promoted").count() == 10
    assert Registration.objects.filter(event=event, status=Status.OFFERED).count() == 5
    assert (
        Registration.objects.filter(event=event, status__in=[Status.CONFIRMED, Status.OFFERED]).count() == 10
    )


def test_a_lottery_is_drawn_once_by_concurrent_ticks():
    event = make_event(capacity=10, allocation=AllocationMode.LOTTERY)
    for user in make_users(25):
        service.do_register(event=event, user=user, organisation=None)
    after_draw = event.lottery_draw_at + timedelta(minutes=1)
    outcomes = race([lambda: lottery.do_run_due_lotteries(now=after_draw) for _ in range(8)])
    assert outcomes == Counter({"ok": 8})
    assert AuditLogEntry.objects.filter(action="events.lottery.drawn").count() == 1
    statuses = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == Counter({Status.CONFIRMED: 10, Status.WAITLISTED: 15})


def test_two_door_scanners_reading_one_code_check_in_once():
    event = make_event(capacity=10)
    organiser = make_user(event.organiser)
    registration = service.do_register(event=event, user=make_user(), organisation=None)
    code = checkin_code(registration)
    outcomes = race([lambda: checkin.do_check_in_by_code(event, code, by=organiser) for _ in range(10)])
    assert outcomes == Counter({"ok": 1, "already_checked_in": 9})
    assert AuditLogEntry.objects.filter(action="events.registration.checked_in").count() == 1


def test_per_organisation_limit_holds_under_concurrency():
    event = make_event(capacity=30, per_organisation_limit=3)
    big = make_org()
    users = make_users(20, org=big)
    outcomes = race([lambda u=u: service.do_register(event=event, user=u, organisation=big) for u in users])
    assert outcomes == Counter({"ok": 20})
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED, organisation=big).count() == 3


def test_concurrent_reminder_runs_send_each_reminder_once(mailoutbox):
    event = make_event(capacity=40)
    registrations = [service.do_register(event=event, user=u, organisation=None) for u in make_users(25)]
    mailoutbox.clear()
    day_before = event.starts_at - timedelta(days=1)
    outcomes = race([lambda: notifications.do_send_reminders(now=day_before) for _ in range(6)])
    assert outcomes == Counter({"ok": 6})
    reminders = Counter(m.to[0] for m in mailoutbox if m.subject.startswith("Reminder"))
    assert reminders == Counter({r.user.email: 1 for r in registrations})
