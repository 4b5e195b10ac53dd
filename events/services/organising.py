"""What organisers do to an event itself: create and edit it (and its meetup), e-mail confirmed participants,
share materials after the session."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.actor import Actor

from ..models import Event, Material, Meetup, new_lottery_seed
from ..permissions import can_manage_event, may_publish, organiser_organisations
from ..selectors import confirmed_recipients
from ..signals import event_created, send_event_changed, send_on_commit
from . import waitlist
from .common import held_seats, lock_event, meetup_seats_taken
from .errors import OrganiserActionRefused
from .notifications import notify_organiser_message

MATERIAL_EXTENSIONS = frozenset(
    {"pdf", "pptx", "ppt", "docx", "doc", "xlsx", "xls", "txt", "csv", "png", "jpg", "jpeg", "zip"}
)
MATERIAL_MAX_BYTES = 30 * 1024 * 1024
#: Fields of an event its organiser edits, in the order the form shows them.
EVENT_FIELDS = (
    "organiser",
    "number",
    "title_ja",
    "title_en",
    "theme",
    "description",
    "starts_at",
    "ends_at",
    "venue",
    "venue_address",
    "online_url",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "allocation",
    "lottery_draw_at",
    "lottery_seed",
    "new_member_weight",
    "per_organisation_limit",
    "offer_hours",
    "is_published",
)
#: Fields of an event's meetup its organiser edits.
MEETUP_FIELDS = ("capacity", "starts_at", "ends_at", "venue", "fee_note")
#: Fields an organiser may not change once the lottery is drawn: the published draw must stay reproducible.
LOTTERY_FIELDS = (
    "allocation",
    "lottery_draw_at",
    "lottery_seed",
    "new_member_weight",
    "per_organisation_limit",
)


def _check_meetup(event: Event, meetup: Meetup) -> None:
    if meetup.starts_at < event.starts_at:
        raise OrganiserActionRefused(_("The meetup cannot start before the event."))
    if meetup.pk and meetup.capacity < meetup_seats_taken(meetup):
        raise OrganiserActionRefused(
            _("%(n)d people already have a meetup seat; the meetup capacity cannot be lower.")
            % {"n": meetup_seats_taken(meetup)}
        )


def check_may_publish(event: Event) -> None:
    """A published event of an organiser that platform staff have not approved would be public at once; refuse
    it with the reason, so the organiser keeps it as a draft."""
    if event.is_published and not may_publish(event.organiser):
        raise OrganiserActionRefused(
            _(
                "%(name)s awaits approval by platform staff, so its events cannot be published yet. Untick "
                "“published” to keep the event as a draft."
            )
            % {"name": event.organiser.display_name}
        )


def check_seed_unchanged(current: Event, event: Event, *, now: datetime) -> None:
    """The lottery seed is fixed once applications open (``Event.lottery_seed_is_fixed``): refuse a change after
    that, and an empty seed at any time."""
    if not event.lottery_seed.strip():
        raise OrganiserActionRefused(_("The lottery seed cannot be empty."))
    if event.lottery_seed != current.lottery_seed and current.lottery_seed_is_fixed(now):
        raise OrganiserActionRefused(
            _("Applications have opened, so the published lottery seed %(seed)s is fixed and cannot change.")
            % {"seed": current.lottery_seed}
        )


def do_create_event(event: Event, *, by, meetup: Meetup | None = None) -> Event:
    """Save a new event (built by the organiser's form) and its optional meetup; published only if the organiser
    is approved by staff. Its lottery seed is fixed here, once: the organiser's own, or a fresh one generated on
    this save (the create form never shows a seed it does not save)."""
    if not organiser_organisations(by).filter(pk=event.organiser_id).exists():
        raise OrganiserActionRefused(
            _("You can only create events for an event-organiser organisation you belong to.")
        )
    check_may_publish(event)
    if not event.lottery_seed.strip():
        event.lottery_seed = new_lottery_seed()
    with transaction.atomic():
        event.created_by = by
        event.save()
        if meetup is not None:
            meetup.event = event
            _check_meetup(event, meetup)
            meetup.save()
        log_action(
            "events.event.created",
            actor=by,
            organisation=event.organiser,
            subject=event,
            data={
                "number": event.number,
                "capacity": event.capacity,
                "allocation": event.allocation,
                "lottery_seed": event.lottery_seed,
            },
        )
        send_event_changed(event.pk)
        send_on_commit(event_created, Event, event=event)
    return event


def do_update_event(
    event: Event,
    *,
    by,
    fields: Sequence[str],
    meetup: Meetup | None = None,
    remove_meetup: bool = False,
    now: datetime | None = None,
) -> Event:
    """Save the organiser's changes to ``fields`` of ``event``. Capacity can never drop below the seats already
    held; a raised capacity is offered to the waitlist at once."""
    now = now or timezone.now()
    if not can_manage_event(Actor(by), event):
        raise OrganiserActionRefused(_("You cannot edit this event."))
    if "is_published" in fields:
        check_may_publish(event)
    with transaction.atomic():
        current = lock_event(event.pk)
        taken = held_seats(current)
        if event.capacity < taken:
            raise OrganiserActionRefused(
                _("%(n)d seats are taken already; the capacity cannot be lower.") % {"n": taken}
            )
        if current.lottery_drawn_at is not None:
            changed = [f for f in LOTTERY_FIELDS if getattr(current, f) != getattr(event, f)]
            if changed:
                raise OrganiserActionRefused(
                    _("The lottery has been drawn; its settings can no longer change.")
                )
        check_seed_unchanged(current, event, now=now)
        event.save(update_fields=[*fields, "updated_at"])
        existing = current.meetup_or_none
        if meetup is not None:
            meetup.event = event
            _check_meetup(event, meetup)
            meetup.save()
        elif remove_meetup and existing is not None:
            if meetup_seats_taken(existing):
                raise OrganiserActionRefused(_("People have meetup seats; the meetup cannot be removed."))
            existing.delete()
        log_action(
            "events.event.updated",
            actor=by,
            organisation=event.organiser,
            subject=event,
            data={"fields": list(fields)},
        )
        send_event_changed(event.pk)
        event.refresh_from_db()
        waitlist.do_fill_free_seats(event, now=now)
    return event


def do_email_participants(event: Event, *, subject: str, body: str, by) -> int:
    """E-mail every confirmed (or checked-in) participant; returns how many were sent after commit."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise OrganiserActionRefused(_("A message needs a subject and a text."))
    with transaction.atomic():
        recipients = list(confirmed_recipients(event))
        count = notify_organiser_message(recipients, subject=subject, body=body)
        log_action(
            "events.event.emailed",
            actor=by,
            organisation=event.organiser,
            subject=event,
            data={"subject": subject, "recipients": count},
        )
    return count


def check_material_file(upload: UploadedFile) -> str:
    name = PurePath(upload.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in MATERIAL_EXTENSIONS:
        raise OrganiserActionRefused(
            _("Files of this type cannot be shared. Allowed: %(types)s.")
            % {"types": ", ".join(sorted(MATERIAL_EXTENSIONS))}
        )
    if upload.size > MATERIAL_MAX_BYTES:
        raise OrganiserActionRefused(_("The file is larger than 30 MB."))
    if upload.size == 0:
        raise OrganiserActionRefused(_("The file is empty."))
    return name


def do_upload_material(event: Event, *, title: str, upload: UploadedFile, by) -> Material:
    """Store a file in the private storage; only organisers and people who held a seat can download it."""
    name = check_material_file(upload)
    with transaction.atomic():
        material = Material(
            event=event, title=title.strip() or name, original_name=name, size=upload.size, uploaded_by=by
        )
        material.file.save(name, upload, save=False)
        material.save()
        log_action(
            "events.material.uploaded",
            actor=by,
            organisation=event.organiser,
            subject=material,
            data={"name": name, "size": upload.size},
        )
    return material


def do_delete_material(material: Material, *, by) -> None:
    with transaction.atomic():
        log_action(
            "events.material.deleted", actor=by, organisation=material.event.organiser, subject=material
        )
        storage, name = material.file.storage, material.file.name
        material.delete()
        transaction.on_commit(lambda: storage.delete(name))
