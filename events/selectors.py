"""Read-only queries: figures, lists and schedules. Nothing here changes state."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from .models import REGISTERED, Event, Material, Meeting, Registration, RegistrationStatus
from .permissions import PUBLIC_EVENTS, visible_events
from .services.waitlist import waiting_order

Status = RegistrationStatus


@dataclass(frozen=True)
class EventFigures:
    """The per-event figures an organiser reports, e.g. "151 registered (56 at the meetup)"."""

    capacity: int
    meetup_capacity: int | None
    applications: int
    pending: int
    confirmed: int
    waitlisted: int
    offered: int
    cancelled: int
    declined: int
    checked_in: int
    no_shows: int
    guests: int
    meetup: int

    @property
    def registered(self) -> int:
        """People holding an accepted seat: confirmed, checked in, or recorded as no-shows."""
        return self.confirmed + self.checked_in + self.no_shows

    @property
    def free_seats(self) -> int:
        return max(self.capacity - self.registered - self.offered, 0)

    @property
    def summary(self) -> str:
        if self.registered == 0 and self.pending:
            return _("%(pending)d applications for %(capacity)d seats") % {
                "pending": self.pending,
                "capacity": self.capacity,
            }
        if self.meetup_capacity is None:
            return _("%(registered)d registered") % {"registered": self.registered}
        return _("%(registered)d registered (%(meetup)d at the meetup)") % {
            "registered": self.registered,
            "meetup": self.meetup,
        }


def event_figures(event: Event) -> EventFigures:
    def count(**condition) -> Count:
        return Count("pk", filter=Q(**condition))

    row = Registration.objects.filter(event=event).aggregate(
        applications=Count("pk"),
        pending=count(status=Status.APPLIED),
        confirmed=count(status=Status.CONFIRMED),
        waitlisted=count(status=Status.WAITLISTED),
        offered=count(status=Status.OFFERED),
        cancelled=count(status=Status.CANCELLED),
        declined=count(status=Status.DECLINED),
        checked_in=count(status=Status.CHECKED_IN),
        no_shows=count(status=Status.NO_SHOW),
        guests=count(is_invited_guest=True, status__in=REGISTERED),
        meetup=count(has_meetup_seat=True, status__in=REGISTERED),
    )
    meetup = event.meetup_or_none
    return EventFigures(capacity=event.capacity, meetup_capacity=meetup.capacity if meetup else None, **row)


def upcoming_events(user, *, now: datetime) -> QuerySet[Event]:
    return (
        visible_events(user)
        .filter(ends_at__gte=now)
        .select_related("organiser", "meetup")
        .order_by("starts_at", "pk")
    )


def past_events(user, *, now: datetime) -> QuerySet[Event]:
    return (
        visible_events(user)
        .filter(ends_at__lt=now)
        .select_related("organiser", "meetup")
        .order_by("-starts_at")
    )


def public_feed_events(*, now: datetime) -> QuerySet[Event]:
    return (
        Event.objects.filter(PUBLIC_EVENTS, ends_at__gte=now).select_related("meetup").order_by("starts_at")
    )


def event_for_page(pk: int, user) -> Event | None:
    return (
        visible_events(user)
        .select_related("organiser", "meetup")
        .prefetch_related("programme", "questions")
        .filter(pk=pk)
        .first()
    )


def registration_of(user, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None:
        registration.event = event  # the page shows both: no second read of the event
    return registration


def my_registrations(user) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "event__meetup", "organisation")
        .order_by("-event__starts_at")
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the next in line; None when not waitlisted."""
    return waitlist_positions([registration]).get(registration.pk)


def waitlist_positions(registrations: Iterable[Registration]) -> dict[int, int]:
    """Position on its event's waitlist (1 = next in line) of each waitlisted registration among
    ``registrations``, in the order seats are offered (``waiting_order``); one query for all their events."""
    waiting = {r.pk: r.event_id for r in registrations if r.status == Status.WAITLISTED}
    if not waiting:
        return {}
    rows = (
        Registration.objects.filter(event_id__in=set(waiting.values()), status=Status.WAITLISTED)
        .annotate(position=Window(RowNumber(), partition_by=[F("event_id")], order_by=waiting_order()))
        .values_list("pk", "position")
    )
    return {pk: position for pk, position in rows if pk in waiting}


def attendees(event: Event) -> QuerySet[Registration]:
    """Participants who opted in to be listed (the list is private by default)."""
    return (
        Registration.objects.filter(event=event, status__in=REGISTERED, listed_publicly=True)
        .select_related("user", "organisation")
        .order_by("organisation__name_ja", "user__display_name", "pk")
    )


def registrations_for_organiser(event: Event, *, status: str = "", query: str = "") -> QuerySet[Registration]:
    """The organiser's list; SMEs first among pending applications (the platform's priority users)."""
    registrations = Registration.objects.filter(event=event).select_related("user", "organisation")
    if status in Status.values:
        registrations = registrations.filter(status=status)
    if query:
        registrations = registrations.filter(_person_matches(query))
    return registrations.order_by("-organisation__is_sme", "queued_at", "pk")


def _person_matches(query: str) -> Q:
    query = query.strip()
    return (
        Q(user__display_name__icontains=query)
        | Q(user__email__icontains=query)
        | Q(user__first_name__icontains=query)
        | Q(user__last_name__icontains=query)
        | Q(organisation__name_ja__icontains=query)
        | Q(organisation__name_en__icontains=query)
    )


def checkin_candidates(event: Event, query: str) -> QuerySet[Registration]:
    """Door search by name, e-mail or organisation among people who hold a seat."""
    if len(query.strip()) < 2:
        return Registration.objects.none()
    return (
        Registration.objects.filter(event=event, status__in=REGISTERED)
        .filter(_person_matches(query))
        .select_related("user", "organisation")
        .order_by("user__display_name", "pk")[:25]
    )


def export_rows(event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event)
        .select_related("user", "organisation")
        .prefetch_related("answers")
        .order_by("status", "queued_at", "pk")
    )


def confirmed_recipients(event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(
        event=event, status__in=[Status.CONFIRMED, Status.CHECKED_IN]
    ).select_related("user", "event", "organisation")


@dataclass(frozen=True)
class Schedule:
    accepted: list[Meeting]
    incoming: list[Meeting]
    outgoing: list[Meeting]


def schedule_of(registration: Registration) -> Schedule:
    meetings = (
        Meeting.objects.filter(Q(requester=registration) | Q(invitee=registration))
        .filter(status__in=[Meeting.Status.REQUESTED, Meeting.Status.ACCEPTED])
        .select_related(
            "requester__user", "requester__organisation", "invitee__user", "invitee__organisation"
        )
        .order_by("starts_at", "pk")
    )
    accepted, incoming, outgoing = [], [], []
    for meeting in meetings:
        if meeting.status == Meeting.Status.ACCEPTED:
            accepted.append(meeting)
        elif meeting.invitee_id == registration.pk:
            incoming.append(meeting)
        else:
            outgoing.append(meeting)
    return Schedule(accepted=accepted, incoming=incoming, outgoing=outgoing)


def materials_of(event: Event) -> QuerySet[Material]:
    return Material.objects.filter(event=event).order_by("uploaded_at", "pk")
