"""The audit trail in the staff admin: a read-only list (entries are written by the services, in the same
transaction as the change they record; nobody edits or deletes them)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cpsplatform.staff_admin import Screen, read_only_viewset

from .models import AuditLogEntry

AUDIT_TRAIL = read_only_viewset(
    Screen("audit_trail", AuditLogEntry, "history", _("Audit trail")),
    url_prefix="audit",
    add_to_admin_menu=True,
    menu_order=900,
    list_display=["created_at", "action", "actor", "organisation", "content_type", "object_id"],
    list_filter=["action"],
    search_fields=["action", "object_id"],
    default_ordering="-created_at",
)


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AUDIT_TRAIL
