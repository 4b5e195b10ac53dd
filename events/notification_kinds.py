"""Registration changes in the header's notification centre (the core's notifications know nothing of events).

The e-mail of each change is the events app's own (``services.notifications``): it carries the registration's
one-click cancel link and always goes, so these kinds are in-app only (``EmailDelivery.APP_ALWAYS``).
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cpsplatform.notifications import kinds
from cpsplatform.notifications.kinds import EmailDelivery, NotificationKind, bilingual
from cpsplatform.notifications.services import notify

from .models import Registration

SESSIONS = _("Sessions")

KINDS = [
    NotificationKind(
        "events.registration_confirmed",
        _("Seat confirmed"),
        _("Your seat at %(event)s is confirmed."),
        SESSIONS,
        delivery=EmailDelivery.APP_ALWAYS,
    ),
    NotificationKind(
        "events.registration_waitlisted",
        _("Put on the waitlist"),
        _("You are on the waitlist for %(event)s."),
        SESSIONS,
        delivery=EmailDelivery.APP_ALWAYS,
    ),
    NotificationKind(
        "events.registration_promoted",
        _("Seat offered from the waitlist"),
        _("A seat at %(event)s is free for you. Please confirm it before the deadline."),
        SESSIONS,
        delivery=EmailDelivery.APP_ALWAYS,
    ),
    NotificationKind(
        "events.registration_cancelled",
        _("Registration cancelled"),
        _("Your registration for %(event)s was cancelled."),
        SESSIONS,
        delivery=EmailDelivery.APP_ALWAYS,
    ),
    NotificationKind(
        "events.registration_declined",
        _("Application not accepted"),
        _("Your application for %(event)s was not accepted."),
        SESSIONS,
        delivery=EmailDelivery.APP_ALWAYS,
    ),
    NotificationKind(
        "events.offer_expired",
        _("Seat offer expired"),
        _("Your seat offer for %(event)s expired."),
        SESSIONS,
        delivery=EmailDelivery.APP_ALWAYS,
    ),
]

#: The events app's mail kinds (``services.notifications.SUBJECTS``) that change a registration's status.
BY_MAIL_KIND = {
    "confirmed": "events.registration_confirmed",
    "lottery_won": "events.registration_confirmed",
    "waitlisted": "events.registration_waitlisted",
    "lottery_waitlisted": "events.registration_waitlisted",
    "offered": "events.registration_promoted",
    "cancelled": "events.registration_cancelled",
    "declined": "events.registration_declined",
    "offer_expired": "events.offer_expired",
}


def register_kinds() -> None:
    for kind in KINDS:
        kinds.register(kind)


def notify_status_change(registrations: Iterable[Registration], mail_kind: str) -> None:
    """Called with the registrant mail of ``mail_kind``, inside the transaction of the change."""
    code = BY_MAIL_KIND.get(mail_kind)
    if code is None:
        return
    for registration in registrations:
        notify(
            [registration.user],
            code,
            params={"event": bilingual(registration.event.title_ja, registration.event.title_en)},
            url=reverse("events:registration", kwargs={"pk": registration.pk}),
        )
