"""E-mails to participants. Built when the change is made, sent after the transaction commits (never for a change
that rolled back), each in the recipient's language. Every e-mail about a seat the person may still give back
carries the one-click cancel link, so a seat returns before the day, not after."""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cpsplatform.links import absolute_url

from ..models import Event, Meeting, Registration, RegistrationStatus
from ..notification_kinds import notify_status_change
from ..permissions import PUBLIC_EVENTS
from ..tokens import cancel_token
from .common import lock_event

logger = logging.getLogger(__name__)

#: Subject line per kind of message; the body is ``templates/events/email/registrant.txt``.
SUBJECTS = {
    "applied": lambda: _("Application received: %(title)s"),
    "confirmed": lambda: _("Your seat is confirmed: %(title)s"),
    "waitlisted": lambda: _("You are on the waitlist: %(title)s"),
    "lottery_won": lambda: _("Lottery result — you have a seat: %(title)s"),
    "lottery_waitlisted": lambda: _("Lottery result — you are on the waitlist: %(title)s"),
    "offered": lambda: _("A seat is free for you — please confirm: %(title)s"),
    "offer_expired": lambda: _("Your seat offer expired: %(title)s"),
    "declined": lambda: _("Your application was not accepted: %(title)s"),
    "cancelled": lambda: _("Registration cancelled: %(title)s"),
    "invited": lambda: _("You are invited: %(title)s"),
    "reminder": lambda: _("Reminder: %(title)s"),
    "meeting_requested": lambda: _("1:1 meeting request at %(title)s"),
    "meeting_accepted": lambda: _("1:1 meeting accepted at %(title)s"),
    "meeting_declined": lambda: _("1:1 meeting declined at %(title)s"),
    "meeting_cancelled": lambda: _("1:1 meeting cancelled at %(title)s"),
}


def cancel_url(registration: Registration) -> str:
    return absolute_url(reverse("events:cancel_by_token", kwargs={"token": cancel_token(registration)}))


def _language_of(user) -> str:
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def build_registrant_message(
    registration: Registration,
    kind: str,
    *,
    meeting: Meeting | None = None,
    body: str = "",
    subject: str = "",
) -> EmailMessage:
    event = registration.event
    with translation.override(_language_of(registration.user)):
        context = {
            "kind": kind,
            "registration": registration,
            "event": event,
            "meetup": event.meetup_or_none,
            "meeting": meeting,
            "body": body,
            "registration_url": absolute_url(reverse("events:registration", kwargs={"pk": registration.pk})),
            "cancel_url": cancel_url(registration) if registration.can_cancel else "",
            "event_url": absolute_url(reverse("events:detail", kwargs={"pk": event.pk})),
        }
        text = render_to_string("events/email/registrant.txt", context)
        subject = subject or SUBJECTS[kind]() % {"title": event.title}
    return EmailMessage(
        subject=" ".join(subject.split()), body=text, from_email=None, to=[registration.user.email]
    )


def _send_after_commit(build: Callable[[], list[EmailMessage]]) -> None:
    """Build and send after commit: rendering happens outside the transaction, so it never lengthens the time a
    seat lock is held, and nothing is sent for a change that rolled back."""

    def send() -> None:
        try:
            messages = build()
            if messages:
                get_connection().send_messages(messages)
        except Exception:  # the change is committed; a mail outage must not turn it into an error page
            logger.exception("events: could not send e-mail after commit")

    transaction.on_commit(send)


def notify_registrant(registration: Registration, kind: str, *, meeting: Meeting | None = None) -> None:
    """Queue e-mail ``kind`` (a key of ``SUBJECTS``) to the registrant, sent after commit; a status change also
    shows in their notification centre."""
    _send_after_commit(lambda: [build_registrant_message(registration, kind, meeting=meeting)])
    notify_status_change([registration], kind)


def notify_registrants(registrations: Iterable[Registration], kind: str) -> None:
    registrations = list(registrations)
    if registrations:
        _send_after_commit(lambda: [build_registrant_message(r, kind) for r in registrations])
        notify_status_change(registrations, kind)


def notify_organiser_message(registrations: Iterable[Registration], *, subject: str, body: str) -> int:
    """Queue the organiser's message to each registrant (one connection, after commit); returns the count."""
    registrations = list(registrations)
    if registrations:
        _send_after_commit(
            lambda: [
                build_registrant_message(r, "organiser_message", subject=subject, body=body)
                for r in registrations
            ]
        )
    return len(registrations)


#: How long before an event its participants get the reminder (with the one-click cancel link).
REMINDER_BEFORE = timedelta(days=2)


def do_send_reminders(*, now: datetime | None = None) -> int:
    """E-mail each confirmed participant of events starting within ``REMINDER_BEFORE`` once. Concurrent runs
    send each reminder once: ``reminded_at`` is read and written under the event lock."""
    now = now or timezone.now()
    event_ids = list(
        Event.objects.filter(PUBLIC_EVENTS, starts_at__gt=now, starts_at__lte=now + REMINDER_BEFORE)
        .filter(registrations__status=RegistrationStatus.CONFIRMED, registrations__reminded_at__isnull=True)
        .values_list("pk", flat=True)
        .distinct()
    )
    sent = 0
    for event_id in sorted(event_ids):
        with transaction.atomic():
            lock_event(event_id)
            due = list(
                Registration.objects.filter(
                    event_id=event_id, status=RegistrationStatus.CONFIRMED, reminded_at__isnull=True
                ).select_related("user", "event", "organisation")
            )
            Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=now)
            notify_registrants(due, "reminder")
            sent += len(due)
    return sent
