"""The periodic work (``manage.py events_tick``, e.g. every minute from cron or a systemd timer): due lotteries,
expired seat offers, reminders, and no-shows of past events. Every step is safe to run in several processes at
once; each takes the event lock and acts only on what is still due."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from ..models import Event, RegistrationStatus
from .checkin import do_record_no_shows
from .errors import OrganiserActionRefused
from .lottery import do_run_due_lotteries
from .notifications import do_send_reminders
from .waitlist import do_expire_offers

#: No-shows are recorded automatically this long after an event ends, if the door used check-in at all.
NO_SHOWS_AFTER = timedelta(hours=12)


@dataclass(frozen=True)
class TickReport:
    lotteries_drawn: int
    offers_expired: int
    reminders_sent: int
    events_closed: int


def do_record_due_no_shows(*, now: datetime) -> int:
    due = (
        Event.objects.filter(ends_at__lte=now - NO_SHOWS_AFTER, no_shows_recorded_at__isnull=True)
        .filter(registrations__status=RegistrationStatus.CHECKED_IN)
        .distinct()
    )
    closed = 0
    for event in due:
        try:
            do_record_no_shows(event, now=now)
        except OrganiserActionRefused:
            continue
        closed += 1
    return closed


def do_tick(*, now: datetime | None = None) -> TickReport:
    now = now or timezone.now()
    return TickReport(
        lotteries_drawn=do_run_due_lotteries(now=now),
        offers_expired=do_expire_offers(now=now),
        reminders_sent=do_send_reminders(now=now),
        events_closed=do_record_due_no_shows(now=now),
    )
