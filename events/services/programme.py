"""What organisers change in an event's programme and its registration questions.

The organiser's page edits both as inline form sets; the form set only builds the rows (``save(commit=False)``)
and this module writes them, so the rule (only the event's organisers, only the event's own rows, one audit entry
per save, all or nothing) lives here and not in the view.
"""

from collections.abc import Sequence

from django.db import models, transaction
from django.utils.translation import gettext as _

from cpsplatform.audit.services import log_action
from cpsplatform.organisations.actor import Actor

from ..models import Event, ProgrammeItem, Question
from ..permissions import can_manage_event
from .errors import OrganiserActionRefused

#: Fields of a programme item the organiser edits, in the order the page shows them.
PROGRAMME_FIELDS = ("order", "starts_at", "kind", "title", "speakers")
#: Fields of a registration question the organiser edits, in the order the page shows them.
QUESTION_FIELDS = ("order", "text", "kind", "choices", "required")


def _do_save_rows(
    event: Event,
    *,
    by,
    changed: Sequence[models.Model],
    deleted: Sequence[models.Model],
    action: str,
) -> None:
    if not can_manage_event(Actor(by), event):
        raise OrganiserActionRefused(_("You cannot edit this event."))
    if any(row.pk is not None and row.event_id != event.pk for row in [*changed, *deleted]):
        raise OrganiserActionRefused(_("You cannot edit this event."))
    with transaction.atomic():
        for row in deleted:
            row.delete()
        for row in changed:
            row.event = event
            row.save()
        log_action(action, actor=by, organisation=event.organiser, subject=event)


def do_save_programme(
    event: Event, *, by, changed: Sequence[ProgrammeItem], deleted: Sequence[ProgrammeItem] = ()
) -> None:
    """Save new and edited programme items of ``event`` and delete the removed ones, in one transaction."""
    _do_save_rows(event, by=by, changed=changed, deleted=deleted, action="events.event.programme_changed")


def do_save_questions(
    event: Event, *, by, changed: Sequence[Question], deleted: Sequence[Question] = ()
) -> None:
    """Save new and edited registration questions of ``event`` and delete the removed ones, in one transaction."""
    _do_save_rows(event, by=by, changed=changed, deleted=deleted, action="events.event.questions_changed")
