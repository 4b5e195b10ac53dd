"""Registering, cancelling, approving and inviting: who gets a seat when they ask for one.

Every function that changes a registration's status locks the event row first (``common.lock_event``), so two
people can never take the last seat, and one person can never hold two registrations (also a DB constraint).
"""

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.core import signing
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.models import Organisation
from cpsplatform.taxonomy import CpsfComponent

from ..models import (
    SEAT_HOLDING,
    AllocationMode,
    Answer,
    Event,
    Question,
    Registration,
    RegistrationStatus,
    new_registration_secret,
)
from ..permissions import is_public
from ..signals import registration_cancelled, registration_confirmed, send_on_commit
from ..tokens import read_cancel_token
from . import meetings, waitlist
from .common import (
    free_seats,
    lock_event,
    lock_meetup,
    lock_registration,
    meetup_has_room,
    seat_available_for,
)
from .errors import MeetupFull, OrganiserActionRefused, RegistrationRefused
from .notifications import notify_registrant

Status = RegistrationStatus


def _when(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "Y-m-d H:i")


def check_can_register(event: Event, user, *, now: datetime) -> None:
    """Refuse, with a message a participant understands, anyone who may not register right now."""
    if not getattr(user, "is_authenticated", False):
        raise RegistrationRefused(_("Please log in to register for this event."), code="login_required")
    if not is_public(event):
        raise RegistrationRefused(_("This event is not open for registration."), code="not_published")
    if now < event.registration_opens_at:
        raise RegistrationRefused(
            _("Registration opens on %(date)s.") % {"date": _when(event.registration_opens_at)},
            code="not_open_yet",
        )
    if now >= event.registration_closes_at:
        raise RegistrationRefused(
            _("Registration closed on %(date)s.") % {"date": _when(event.registration_closes_at)},
            code="closed",
        )


def check_answers(questions: Sequence[Question], answers: Mapping[int, str]) -> dict[int, str]:
    """The answers to keep, keyed by question id; refuses a missing required answer or an unknown choice."""
    cleaned: dict[int, str] = {}
    for question in questions:
        value = (answers.get(question.pk) or "").strip()
        if not value:
            if question.required:
                raise RegistrationRefused(
                    _("Please answer: %(question)s") % {"question": question.text}, code="answer_required"
                )
            continue
        if question.kind == Question.Kind.CHOICE and value not in question.choice_list:
            raise RegistrationRefused(
                _("Please choose one of the listed answers for: %(question)s") % {"question": question.text},
                code="bad_choice",
            )
        if question.kind == Question.Kind.YES_NO and value not in ("yes", "no"):
            raise RegistrationRefused(
                _("Please answer yes or no: %(question)s") % {"question": question.text}
            )
        cleaned[question.pk] = value[:5000]
    return cleaned


def _clean_components(components: Sequence[str]) -> list[str]:
    valid = set(CpsfComponent.values)
    return sorted({c for c in components if c in valid})


def _start_afresh(registration: Registration, *, now: datetime) -> None:
    """Reset a cancelled/declined registration so it can be used again; old codes and links stop working."""
    registration.secret = new_registration_secret()
    registration.status_reason = ""
    registration.is_invited_guest = False
    registration.has_meetup_seat = False
    registration.lottery_rank = None
    registration.offer_expires_at = None
    registration.confirmed_at = None
    registration.cancelled_at = None
    registration.checked_in_at = None
    registration.checked_in_by = None
    registration.reminded_at = None
    registration.queued_at = now


def _initial_status(event: Event, organisation_id: int | None) -> str:
    """Caller holds the event lock."""
    if event.allocation == AllocationMode.APPROVAL or event.lottery_pending:
        return Status.APPLIED
    return Status.CONFIRMED if seat_available_for(event, organisation_id) else Status.WAITLISTED


def do_register(
    *,
    event: Event,
    user,
    organisation: Organisation | None,
    wants_meetup: bool = False,
    listed_publicly: bool = False,
    answers: Mapping[int, str] | None = None,
    interest_components: Sequence[str] = (),
    now: datetime | None = None,
) -> Registration:
    """Register ``user`` (acting for ``organisation``, which they must belong to) and allocate a seat if the
    event's mode allows it now: confirmed or waitlisted for first come; applied for a lottery before its draw or
    for approval. Asking for a full meetup is refused (nothing is saved), so the person can choose again."""
    now = now or timezone.now()
    check_can_register(event, user, now=now)
    if organisation is not None and not organisation.memberships.filter(user=user).exists():
        raise RegistrationRefused(_("You can only register for an organisation you belong to."))
    with transaction.atomic():
        event = lock_event(event.pk)
        check_can_register(event, user, now=now)
        meetup = lock_meetup(event)
        existing = Registration.objects.select_for_update().filter(event=event, user=user).first()
        if existing is not None and existing.is_active:
            raise RegistrationRefused(
                _("You are already registered for this event (status: %(status)s).")
                % {"status": existing.get_status_display()},
                code="already_registered",
            )
        cleaned_answers = check_answers(list(event.questions.all()), answers or {})
        if wants_meetup and meetup is None:
            raise RegistrationRefused(_("This event has no meetup."), code="no_meetup")
        organisation_id = organisation.pk if organisation else None
        status = _initial_status(event, organisation_id)
        if wants_meetup and status != Status.APPLIED and not meetup_has_room(meetup):
            raise MeetupFull(
                _("The meetup is full. Untick 'join the meetup' to register for the session only."),
            )

        registration = existing or Registration(event=event, user=user)
        if existing is not None:
            _start_afresh(registration, now=now)
        registration.organisation = organisation
        registration.status = status
        registration.wants_meetup = wants_meetup
        registration.has_meetup_seat = wants_meetup and status == Status.CONFIRMED
        registration.listed_publicly = listed_publicly
        registration.interest_components = _clean_components(interest_components)
        registration.queued_at = now
        if status == Status.CONFIRMED:
            registration.confirmed_at = now
        registration.save()

        if existing is not None:
            registration.answers.all().delete()
        Answer.objects.bulk_create(
            Answer(registration=registration, question_id=qid, value=value)
            for qid, value in cleaned_answers.items()
        )
        log_action(
            "events.registration.created",
            actor=user,
            organisation=organisation,
            subject=registration,
            data={"event": event.pk, "status": status, "meetup": registration.has_meetup_seat},
        )
        notify_registrant(registration, status)
        if status == Status.CONFIRMED:
            send_on_commit(registration_confirmed, Registration, registration=registration)
    return registration


def do_cancel_registration(registration: Registration, *, by, now: datetime | None = None) -> Registration:
    """Cancel and give the seat (and meetup seat, and 1:1 slots) back; the next person on the waitlist is offered
    the seat in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = lock_registration(registration.pk)
        if registration.status == Status.CANCELLED:
            raise RegistrationRefused(_("This registration is already cancelled."), code="already_cancelled")
        if not registration.can_cancel:
            raise RegistrationRefused(
                _("A registration that is %(status)s cannot be cancelled.")
                % {"status": registration.get_status_display().lower()},
                code="cannot_cancel",
            )
        if event.has_started(now):
            raise RegistrationRefused(
                _("The event has started; it can no longer be cancelled."), code="started"
            )
        held_seat = registration.status in SEAT_HOLDING
        previous = registration.status
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.has_meetup_seat = False
        registration.offer_expires_at = None
        registration.save(
            update_fields=["status", "cancelled_at", "has_meetup_seat", "offer_expires_at", "updated_at"]
        )
        meetings.cancel_meetings_of(registration, now=now)
        log_action(
            "events.registration.cancelled",
            actor=by,
            organisation=registration.organisation,
            subject=registration,
            data={"event": event.pk, "previous": previous},
        )
        notify_registrant(registration, "cancelled")
        send_on_commit(registration_cancelled, Registration, registration=registration)
        if held_seat:
            waitlist.do_fill_free_seats(event, now=now)
    return registration


def get_registration_for_cancel_token(token: str) -> Registration:
    """The registration a one-click cancel link points at; refuses tampered links and links of a registration
    that has since started afresh."""
    try:
        claim = read_cancel_token(token)
    except (signing.BadSignature, ValueError):
        raise RegistrationRefused(_("This cancel link is not valid."), code="bad_token") from None
    registration = (
        Registration.objects.select_related("event", "user", "organisation")
        .filter(pk=claim.registration_id)
        .first()
    )
    if registration is None or registration.secret != claim.secret:
        raise RegistrationRefused(_("This cancel link is no longer valid."), code="stale_token")
    return registration


def do_cancel_by_token(token: str, *, now: datetime | None = None) -> Registration:
    registration = get_registration_for_cancel_token(token)
    return do_cancel_registration(registration, by=registration.user, now=now)


def do_update_preferences(
    registration: Registration, *, listed_publicly: bool, interest_components: Sequence[str]
) -> Registration:
    """Things a participant may change at any time without touching seats."""
    registration.listed_publicly = listed_publicly
    registration.interest_components = _clean_components(interest_components)
    registration.save(update_fields=["listed_publicly", "interest_components", "updated_at"])
    return registration


def _confirm_or_wait(event: Event, registration: Registration, *, now: datetime) -> str:
    """Give ``registration`` a seat if one is free (and the organisation is under its limit), else put it on the
    waitlist. Caller holds the event, meetup and registration locks."""
    if seat_available_for(event, registration.organisation_id):
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        meetup = event.meetup_or_none
        registration.has_meetup_seat = bool(registration.wants_meetup and meetup and meetup_has_room(meetup))
    else:
        registration.status = Status.WAITLISTED
        registration.queued_at = now
    return registration.status


def do_approve_application(registration: Registration, *, by, now: datetime | None = None) -> Registration:
    """Approval mode: accept an application. It gets a seat if one is free, else waits first in line by time."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event_id)
        lock_meetup(event)
        registration = lock_registration(registration.pk)
        if registration.status != Status.APPLIED:
            raise OrganiserActionRefused(_("Only pending applications can be approved."))
        status = _confirm_or_wait(event, registration, now=now)
        registration.save()
        log_action(
            "events.registration.approved",
            actor=by,
            organisation=event.organiser,
            subject=registration,
            data={"status": status},
        )
        notify_registrant(registration, status)
        if status == Status.CONFIRMED:
            send_on_commit(registration_confirmed, Registration, registration=registration)
    return registration


def do_decline_application(registration: Registration, *, by, now: datetime | None = None) -> Registration:
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = lock_registration(registration.pk)
        if registration.status != Status.APPLIED:
            raise OrganiserActionRefused(_("Only pending applications can be declined."))
        registration.status = Status.DECLINED
        registration.status_reason = "not_approved"
        registration.save(update_fields=["status", "status_reason", "updated_at"])
        log_action(
            "events.registration.declined", actor=by, organisation=event.organiser, subject=registration
        )
        notify_registrant(registration, "declined")
    return registration


def do_invite_guest(
    event: Event, *, user, by, wants_meetup: bool = False, now: datetime | None = None
) -> Registration:
    """Reserve a seat for a guest the organiser nominates (speakers, officials). Guests take seats from the
    capacity, skip the lottery, waitlist and per-organisation limit, and are refused when no seat is left."""
    now = now or timezone.now()
    membership = user.memberships.select_related("organisation").order_by("joined_at", "pk").first()
    with transaction.atomic():
        event = lock_event(event.pk)
        meetup = lock_meetup(event)
        registration = Registration.objects.select_for_update().filter(event=event, user=user).first()
        if registration is not None and registration.status in SEAT_HOLDING:
            if registration.status == Status.OFFERED:
                registration.status = Status.CONFIRMED
                registration.confirmed_at = now
                registration.offer_expires_at = None
            registration.is_invited_guest = True
            registration.save()
            log_action(
                "events.registration.invited", actor=by, organisation=event.organiser, subject=registration
            )
            return registration
        if free_seats(event) <= 0:
            raise OrganiserActionRefused(_("No seat is left for a guest: raise the capacity first."))
        if registration is None:
            registration = Registration(event=event, user=user)
        else:
            _start_afresh(registration, now=now)
        registration.organisation = membership.organisation if membership else None
        registration.status = Status.CONFIRMED
        registration.is_invited_guest = True
        registration.confirmed_at = now
        registration.wants_meetup = wants_meetup and meetup is not None
        registration.has_meetup_seat = bool(registration.wants_meetup and meetup_has_room(meetup))
        registration.save()
        log_action(
            "events.registration.invited", actor=by, organisation=event.organiser, subject=registration
        )
        notify_registrant(registration, "invited")
        send_on_commit(registration_confirmed, Registration, registration=registration)
    return registration
