"""Check-in at the door, by the QR code each confirmed participant carries or by searching their name, and the
no-shows recorded afterwards (which the lottery of later events weighs)."""

import io
from datetime import datetime

import qrcode
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action

from ..models import Event, Registration, RegistrationStatus
from ..tokens import read_checkin_code
from .common import lock_event, lock_registration
from .errors import AlreadyCheckedIn, CheckInRefused, OrganiserActionRefused

Status = RegistrationStatus


def qr_png(data: str) -> bytes:
    """The QR code for ``data`` as a PNG image."""
    image = qrcode.make(data, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def check_checkin_code(event: Event, code: str) -> Registration:
    """The registration a door code belongs to; refuses codes that are tampered, for another event, or from an
    earlier registration of the same person (the code changes when a registration starts afresh)."""
    try:
        claim = read_checkin_code(code)
    except (signing.BadSignature, ValueError):
        raise CheckInRefused(
            _("This code is not valid: it was altered or mistyped."), code="bad_code"
        ) from None
    if claim.event_id != event.pk:
        raise CheckInRefused(_("This code is for a different event."), code="other_event")
    registration = Registration.objects.filter(pk=claim.registration_id, event=event).first()
    if registration is None or registration.secret != claim.secret:
        raise CheckInRefused(
            _("This code is no longer valid: it belongs to an earlier registration."), code="stale_code"
        )
    return registration


def _refuse_unless_admissible(registration: Registration) -> None:
    if registration.status == Status.CHECKED_IN:
        raise AlreadyCheckedIn(
            _("%(name)s is already checked in (at %(time)s).")
            % {
                "name": registration.person_name,
                "time": timezone.localtime(registration.checked_in_at).strftime("%H:%M"),
            }
        )
    if registration.status in (Status.CANCELLED, Status.DECLINED):
        raise CheckInRefused(
            _("%(name)s's registration was cancelled.") % {"name": registration.person_name}, code="cancelled"
        )
    if registration.status not in (Status.CONFIRMED, Status.NO_SHOW):
        raise CheckInRefused(
            _("%(name)s has no confirmed seat (status: %(status)s).")
            % {"name": registration.person_name, "status": registration.get_status_display()},
            code="not_confirmed",
        )


def do_check_in(registration: Registration, *, by, now: datetime | None = None) -> Registration:
    """Admit a confirmed participant (or a late one recorded as a no-show). A second scan is refused with
    ``AlreadyCheckedIn``; two scans at the same moment are serialised by the row locks."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = lock_registration(registration.pk)
        _refuse_unless_admissible(registration)
        previous = registration.status
        registration.status = Status.CHECKED_IN
        registration.checked_in_at = now
        registration.checked_in_by = by
        registration.save(update_fields=["status", "checked_in_at", "checked_in_by", "updated_at"])
        log_action(
            "events.registration.checked_in",
            actor=by,
            organisation=event.organiser,
            subject=registration,
            data={"previous": previous},
        )
    return registration


def do_check_in_by_code(event: Event, code: str, *, by, now: datetime | None = None) -> Registration:
    return do_check_in(check_checkin_code(event, code), by=by, now=now)


def do_record_no_shows(event: Event, *, by=None, now: datetime | None = None) -> int:
    """After the doors open, everyone still only confirmed becomes a no-show. Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(event.pk)
        if not event.has_started(now):
            raise OrganiserActionRefused(_("No-shows can be recorded once the event has started."))
        absent = Registration.objects.filter(event=event, status=Status.CONFIRMED)
        ids = list(absent.values_list("pk", flat=True))
        if not ids and event.no_shows_recorded_at is not None:
            return 0  # recorded already (by the organiser or a concurrent tick)
        absent.update(status=Status.NO_SHOW, updated_at=now)
        event.no_shows_recorded_at = now
        event.save(update_fields=["no_shows_recorded_at", "updated_at"])
        log_action(
            "events.event.no_shows_recorded",
            actor=by,
            organisation=event.organiser,
            subject=event,
            data={"registrations": ids},
        )
    return len(ids)
