from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditLogEntry
from .signals import action_logged


def log_action(
    action: str,
    *,
    actor=None,
    organisation=None,
    subject: models.Model | None = None,
    data: dict | None = None,
) -> AuditLogEntry:
    """Record ``action`` (a dotted code such as ``organisations.member.removed``).

    Call it inside the transaction that makes the change, so the entry exists exactly when the change does.
    """
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    entry = AuditLogEntry(action=action, actor=actor, organisation=organisation, data=data or {})
    if subject is not None:
        entry.content_type = ContentType.objects.get_for_model(subject)
        entry.object_id = str(subject.pk)
    entry.save()
    action_logged.send(sender=AuditLogEntry, entry=entry, subject=subject)
    return entry


def entries_for(subject: models.Model):
    return AuditLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("actor")
