"""The meetup after the session and the 15-minute 1:1 meetings in it.

A meetup seat is granted under the meetup's row lock, so the meetup never holds more people than its capacity.
A 1:1 meeting is booked when the invitee accepts: both people's registration rows are locked (lowest id first, so
two acceptances never deadlock) and a ``MeetingBooking`` row per person is written, whose unique
(registration, slot) constraint makes double booking impossible even if a code path forgot a lock.
"""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action

from ..models import MEETING_MINUTES, Meeting, MeetingBooking, Meetup, Registration, RegistrationStatus
from .common import lock_meetup, meetup_has_room
from .errors import MeetingRefused, MeetupFull, RegistrationRefused
from .notifications import notify_registrant

Status = RegistrationStatus
CAN_MEET = (Status.CONFIRMED, Status.CHECKED_IN)


def meeting_slots(meetup: Meetup) -> list[datetime]:
    """Start times of the 15-minute slots that fit in the meetup."""
    slots = []
    step = timedelta(minutes=MEETING_MINUTES)
    start = meetup.starts_at
    while start + step <= meetup.ends_at:
        slots.append(start)
        start += step
    return slots


def free_slots(registration: Registration, meetup: Meetup) -> list[datetime]:
    """The meetup's slots in which ``registration`` has no meeting yet."""
    busy = set(MeetingBooking.objects.filter(registration=registration).values_list("starts_at", flat=True))
    return [slot for slot in meeting_slots(meetup) if slot not in busy]


def do_join_meetup(registration: Registration, *, now: datetime | None = None) -> Registration:
    """Give a confirmed participant a meetup seat, or refuse with ``MeetupFull``."""
    with transaction.atomic():
        meetup = lock_meetup(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if meetup is None:
            raise RegistrationRefused(_("This event has no meetup."), code="no_meetup")
        if registration.status not in CAN_MEET:
            raise RegistrationRefused(_("Only participants with a confirmed seat can join the meetup."))
        if registration.has_meetup_seat:
            raise RegistrationRefused(_("You have already joined the meetup."), code="already_joined")
        if not meetup_has_room(meetup):
            raise MeetupFull(_("The meetup is full."))
        registration.wants_meetup = True
        registration.has_meetup_seat = True
        registration.save(update_fields=["wants_meetup", "has_meetup_seat", "updated_at"])
        log_action("events.meetup.joined", actor=registration.user, subject=registration)
    return registration


def do_leave_meetup(registration: Registration, *, now: datetime | None = None) -> Registration:
    now = now or timezone.now()
    with transaction.atomic():
        lock_meetup(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.has_meetup_seat and not registration.wants_meetup:
            raise RegistrationRefused(_("You have not joined the meetup."))
        registration.wants_meetup = False
        registration.has_meetup_seat = False
        registration.save(update_fields=["wants_meetup", "has_meetup_seat", "updated_at"])
        cancel_meetings_of(registration, now=now)
        log_action("events.meetup.left", actor=registration.user, subject=registration)
    return registration


def _check_can_meet(registration: Registration, *, who: str) -> None:
    if registration.status not in CAN_MEET or not registration.has_meetup_seat:
        if who == "you":
            raise MeetingRefused(
                _("1:1 meetings are for participants with a meetup seat."), code="no_meetup_seat"
            )
        raise MeetingRefused(
            _("%(name)s is not at the meetup.") % {"name": registration.public_name},
            code="other_not_at_meetup",
        )


def _booked(registration_id: int, starts_at: datetime) -> bool:
    return MeetingBooking.objects.filter(registration_id=registration_id, starts_at=starts_at).exists()


def do_request_meeting(
    *, requester: Registration, invitee: Registration, starts_at: datetime, message: str = ""
) -> Meeting:
    """Ask ``invitee`` (who must be listed in 'people to meet') for the 15-minute slot at ``starts_at``."""
    if requester.event_id != invitee.event_id:
        raise MeetingRefused(_("You can only meet people at the same event."))
    if requester.pk == invitee.pk:
        raise MeetingRefused(_("You cannot book a meeting with yourself."))
    meetup = Meetup.objects.filter(event_id=requester.event_id).first()
    if meetup is None:
        raise MeetingRefused(_("This event has no meetup."))
    if starts_at not in meeting_slots(meetup):
        raise MeetingRefused(_("Please choose one of the meetup's 15-minute slots."), code="bad_slot")
    first, second = sorted([requester.pk, invitee.pk])
    with transaction.atomic():
        locked = {
            r.pk: r
            for r in Registration.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")
        }
        requester, invitee = locked[requester.pk], locked[invitee.pk]
        _check_can_meet(requester, who="you")
        _check_can_meet(invitee, who="other")
        if not invitee.listed_publicly:
            raise MeetingRefused(_("This participant does not take meeting requests."), code="not_listed")
        if _booked(requester.pk, starts_at):
            raise MeetingRefused(_("You already have a meeting at that time."), code="requester_booked")
        if _booked(invitee.pk, starts_at):
            raise MeetingRefused(
                _("%(name)s already has a meeting at that time.") % {"name": invitee.public_name},
                code="invitee_booked",
            )
        if Meeting.objects.filter(
            requester=requester, invitee=invitee, starts_at=starts_at, status=Meeting.Status.REQUESTED
        ).exists():
            raise MeetingRefused(_("You have already asked for this slot."), code="duplicate")
        meeting = Meeting.objects.create(
            event_id=requester.event_id,
            requester=requester,
            invitee=invitee,
            starts_at=starts_at,
            message=message.strip()[:300],
        )
        log_action("events.meeting.requested", actor=requester.user, subject=meeting)
        notify_registrant(invitee, "meeting_requested", meeting=meeting)
    return meeting


def _lock_meeting_parties(meeting: Meeting) -> tuple[Meeting, Registration, Registration]:
    ids = sorted([meeting.requester_id, meeting.invitee_id])
    locked = {
        r.pk: r
        for r in Registration.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("user")
        .order_by("pk")
    }
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    return meeting, locked[meeting.requester_id], locked[meeting.invitee_id]


def do_accept_meeting(meeting: Meeting, *, by, now: datetime | None = None) -> Meeting:
    """The invitee accepts: both people are booked for the slot, or the acceptance is refused if either already
    has a meeting then."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting, requester, invitee = _lock_meeting_parties(meeting)
        if invitee.user_id != by.pk:
            raise MeetingRefused(_("Only the person asked can accept this meeting."))
        if meeting.status != Meeting.Status.REQUESTED:
            raise MeetingRefused(
                _("This request is already %(status)s.") % {"status": meeting.get_status_display().lower()},
                code="not_open",
            )
        _check_can_meet(invitee, who="you")
        _check_can_meet(requester, who="other")
        if _booked(invitee.pk, meeting.starts_at):
            raise MeetingRefused(_("You already have a meeting at that time."), code="invitee_booked")
        if _booked(requester.pk, meeting.starts_at):
            raise MeetingRefused(
                _("%(name)s already has a meeting at that time.") % {"name": requester.public_name},
                code="requester_booked",
            )
        try:
            with transaction.atomic():
                MeetingBooking.objects.bulk_create(
                    [
                        MeetingBooking(meeting=meeting, registration=requester, starts_at=meeting.starts_at),
                        MeetingBooking(meeting=meeting, registration=invitee, starts_at=meeting.starts_at),
                    ]
                )
        except IntegrityError:
            raise MeetingRefused(_("That slot was just booked."), code="booked") from None
        meeting.status = Meeting.Status.ACCEPTED
        meeting.responded_at = now
        meeting.save(update_fields=["status", "responded_at"])
        log_action("events.meeting.accepted", actor=by, subject=meeting)
        notify_registrant(requester, "meeting_accepted", meeting=meeting)
    return meeting


def do_decline_meeting(meeting: Meeting, *, by, now: datetime | None = None) -> Meeting:
    now = now or timezone.now()
    with transaction.atomic():
        meeting, requester, invitee = _lock_meeting_parties(meeting)
        if invitee.user_id != by.pk:
            raise MeetingRefused(_("Only the person asked can decline this meeting."))
        if meeting.status != Meeting.Status.REQUESTED:
            raise MeetingRefused(_("This request is no longer open."), code="not_open")
        meeting.status = Meeting.Status.DECLINED
        meeting.responded_at = now
        meeting.save(update_fields=["status", "responded_at"])
        log_action("events.meeting.declined", actor=by, subject=meeting)
        notify_registrant(requester, "meeting_declined", meeting=meeting)
    return meeting


def do_cancel_meeting(meeting: Meeting, *, by, now: datetime | None = None) -> Meeting:
    """Either person withdraws a request or an accepted meeting; the slot is free again for both."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting, requester, invitee = _lock_meeting_parties(meeting)
        if by.pk not in (requester.user_id, invitee.user_id):
            raise MeetingRefused(_("Only the two people meeting can cancel it."))
        if meeting.status not in (Meeting.Status.REQUESTED, Meeting.Status.ACCEPTED):
            raise MeetingRefused(_("This meeting is no longer open."), code="not_open")
        meeting.status = Meeting.Status.CANCELLED
        meeting.responded_at = now
        meeting.save(update_fields=["status", "responded_at"])
        meeting.bookings.all().delete()
        log_action("events.meeting.cancelled", actor=by, subject=meeting)
        other = invitee if by.pk == requester.user_id else requester
        notify_registrant(other, "meeting_cancelled", meeting=meeting)
    return meeting


def cancel_meetings_of(registration: Registration, *, now: datetime) -> int:
    """Cancel every open meeting of someone who lost their seat or left the meetup.

    Precondition: the caller holds the registration's row lock, so no acceptance can book it meanwhile.
    """
    open_meetings = list(
        Meeting.objects.filter(
            Q(requester=registration) | Q(invitee=registration),
            status__in=[Meeting.Status.REQUESTED, Meeting.Status.ACCEPTED],
        ).select_related("requester__user", "invitee__user", "requester__event", "invitee__event")
    )
    for meeting in open_meetings:
        MeetingBooking.objects.filter(meeting=meeting).delete()
        meeting.status = Meeting.Status.CANCELLED
        meeting.responded_at = now
        meeting.save(update_fields=["status", "responded_at"])
        other = meeting.invitee if meeting.requester_id == registration.pk else meeting.requester
        notify_registrant(other, "meeting_cancelled", meeting=meeting)
    return len(open_meetings)
