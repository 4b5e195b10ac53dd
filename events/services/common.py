"""Locks and seat counts shared by the services.

Lock order, always: the event row, then its meetup row, then registration rows (by primary key), then meeting
rows. Every change of a registration's status holds the event lock, so the counts below, read under that lock,
are exact for the rest of the transaction.
"""

from collections import Counter

from django.db.models import Count

from ..models import SEAT_HOLDING, Event, Meetup, Registration


def lock_event(event_id: int) -> Event:
    """Lock and return the event; the caller must be inside ``transaction.atomic()``."""
    return Event.objects.select_for_update().get(pk=event_id)


def lock_meetup(event: Event) -> Meetup | None:
    return Meetup.objects.select_for_update().filter(event=event).first()


def lock_registration(registration_id: int) -> Registration:
    return Registration.objects.select_for_update().get(pk=registration_id)


def held_seats(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=SEAT_HOLDING).count()


def free_seats(event: Event) -> int:
    return max(event.capacity - held_seats(event), 0)


def seats_per_organisation(event: Event) -> Counter:
    """Seats held per organisation, invited guests not counted (the per-organisation limit does not apply to them)."""
    rows = (
        Registration.objects.filter(
            event=event, status__in=SEAT_HOLDING, is_invited_guest=False, organisation__isnull=False
        )
        .values("organisation_id")
        .annotate(n=Count("pk"))
    )
    return Counter({row["organisation_id"]: row["n"] for row in rows})


def organisation_seats(event: Event, organisation_id: int) -> int:
    return Registration.objects.filter(
        event=event, status__in=SEAT_HOLDING, is_invited_guest=False, organisation_id=organisation_id
    ).count()


def seat_available_for(event: Event, organisation_id: int | None) -> bool:
    """A seat is free and the organisation is under its limit. Caller holds the event lock."""
    if free_seats(event) <= 0:
        return False
    if event.per_organisation_limit is None or organisation_id is None:
        return True
    return organisation_seats(event, organisation_id) < event.per_organisation_limit


def organisation_has_room(event: Event, organisation_id: int | None, counts: Counter) -> bool:
    if event.per_organisation_limit is None or organisation_id is None:
        return True
    return counts[organisation_id] < event.per_organisation_limit


def meetup_seats_taken(meetup: Meetup) -> int:
    return Registration.objects.filter(event_id=meetup.event_id, has_meetup_seat=True).count()


def meetup_has_room(meetup: Meetup) -> bool:
    return meetup_seats_taken(meetup) < meetup.capacity
