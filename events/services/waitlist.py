"""The waitlist: a freed seat is offered to the next person in line, who must confirm by a deadline or the seat
moves on. Exactly once, even with several ``events_tick`` processes or cancellations at the same moment: every
step re-reads the registrations under the event lock and acts only on what is still true."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action

from ..models import Event, Registration, RegistrationStatus
from ..signals import registration_confirmed, send_on_commit
from .common import (
    free_seats,
    lock_event,
    lock_meetup,
    lock_registration,
    meetup_has_room,
    organisation_has_room,
    seats_per_organisation,
)
from .errors import OfferNotOpen
from .notifications import notify_registrant

Status = RegistrationStatus


def waiting_order() -> list:
    """The order of a waitlist: lottery rank first (drawn order), then time of joining. The one definition, used
    for offering seats and for the positions people see."""
    return [F("lottery_rank").asc(nulls_last=True), F("queued_at").asc(), F("pk").asc()]


def waiting_line(event: Event) -> QuerySet[Registration]:
    """The waitlist in order (``waiting_order``)."""
    return Registration.objects.filter(event=event, status=Status.WAITLISTED).order_by(*waiting_order())


def offer_deadline(event: Event, now: datetime) -> datetime:
    return min(now + timedelta(hours=event.offer_hours), event.starts_at)


def do_fill_free_seats(event: Event, *, now: datetime) -> list[Registration]:
    """Offer every free seat to the next eligible person on the waitlist (skipping people whose organisation is at
    its seat limit). Nothing is offered before a lottery is drawn or once the event has started.

    Precondition: the caller holds the event's row lock (``lock_event``) inside ``transaction.atomic()``.
    """
    if event.lottery_pending or event.has_started(now):
        return []
    seats = free_seats(event)
    if seats <= 0:
        return []
    per_org = seats_per_organisation(event)
    offered: list[Registration] = []
    for registration in waiting_line(event).select_related("user", "event", "organisation"):
        if len(offered) == seats:
            break
        if not organisation_has_room(event, registration.organisation_id, per_org):
            continue
        registration.status = Status.OFFERED
        registration.offer_expires_at = offer_deadline(event, now)
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        if registration.organisation_id and not registration.is_invited_guest:
            per_org[registration.organisation_id] += 1
        log_action(
            "events.registration.promoted",
            organisation=registration.organisation,
            subject=registration,
            data={"event": event.pk, "offer_expires_at": registration.offer_expires_at},
        )
        notify_registrant(registration, "offered")
        offered.append(registration)
    return offered


def _expire(registration: Registration) -> None:
    """Caller holds the event and registration locks and has checked the offer is past its deadline."""
    registration.status = Status.DECLINED
    registration.status_reason = "offer_expired"
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "status_reason", "offer_expires_at", "updated_at"])
    log_action(
        "events.registration.offer_expired", organisation=registration.organisation, subject=registration
    )
    notify_registrant(registration, "offer_expired")


def do_accept_offer(registration: Registration, *, now: datetime | None = None) -> Registration:
    """Take the offered seat (and a meetup seat if wanted and free). An offer past its deadline is expired here
    and moved on, and the person is told so."""
    now = now or timezone.now()
    expired_at = None
    with transaction.atomic():
        event = lock_event(registration.event_id)
        meetup = lock_meetup(event)
        registration = lock_registration(registration.pk)
        if registration.status != Status.OFFERED:
            raise OfferNotOpen(_("There is no open seat offer on this registration."))
        if now >= registration.offer_expires_at:
            expired_at = registration.offer_expires_at
            _expire(registration)
            do_fill_free_seats(event, now=now)
        else:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            registration.offer_expires_at = None
            registration.has_meetup_seat = bool(
                registration.wants_meetup and meetup and meetup_has_room(meetup)
            )
            registration.save(
                update_fields=["status", "confirmed_at", "offer_expires_at", "has_meetup_seat", "updated_at"]
            )
            log_action(
                "events.registration.offer_accepted",
                actor=registration.user,
                organisation=registration.organisation,
                subject=registration,
                data={"meetup": registration.has_meetup_seat},
            )
            notify_registrant(registration, "confirmed")
            send_on_commit(registration_confirmed, Registration, registration=registration)
    if expired_at is not None:
        raise OfferNotOpen(
            _("Sorry, this offer expired at %(time)s and the seat went to the next person.")
            % {"time": timezone.localtime(expired_at).strftime("%Y-%m-%d %H:%M")},
            code="offer_expired",
        )
    return registration


def do_decline_offer(registration: Registration, *, now: datetime | None = None) -> Registration:
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = lock_registration(registration.pk)
        if registration.status != Status.OFFERED:
            raise OfferNotOpen(_("There is no open seat offer on this registration."))
        registration.status = Status.DECLINED
        registration.status_reason = "offer_declined"
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "status_reason", "offer_expires_at", "updated_at"])
        log_action(
            "events.registration.offer_declined",
            actor=registration.user,
            organisation=registration.organisation,
            subject=registration,
        )
        do_fill_free_seats(event, now=now)
    return registration


def do_expire_offers(*, now: datetime | None = None) -> int:
    """Expire every offer past its deadline and offer the seat to the next person. Safe to run concurrently:
    each event is handled under its lock, and offers are re-read there, so each expiry happens once."""
    now = now or timezone.now()
    event_ids = sorted(
        set(
            Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now).values_list(
                "event_id", flat=True
            )
        )
    )
    expired = 0
    for event_id in event_ids:
        with transaction.atomic():
            event = lock_event(event_id)
            # Re-read under the event lock: another tick may have expired these a moment ago.
            due = list(
                Registration.objects.filter(event=event, status=Status.OFFERED, offer_expires_at__lte=now)
                .select_related("user", "event", "organisation")
                .order_by("pk")
            )
            for registration in due:
                _expire(registration)
            if due:
                do_fill_free_seats(event, now=now)
            expired += len(due)
    return expired
