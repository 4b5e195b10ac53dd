"""Security categories, as platform staff edit them in the Wagtail admin. A category's labels are copied into the
search documents of the listings and needs filed under it, so each change tells them (``listing_changed`` /
``need_changed``) in the admin's transaction."""

from __future__ import annotations

from django.db import transaction

from cpsplatform.audit.services import log_action

from .. import permissions
from ..models import Need, SecurityCategory, SolutionListing
from .common import require, send_listing_changed, send_need_changed


def _send_filed_under(category: SecurityCategory) -> None:
    for listing_id in SolutionListing.objects.filter(categories=category).values_list("pk", flat=True):
        send_listing_changed(listing_id)
    for need_id in Need.objects.filter(categories=category).values_list("pk", flat=True):
        send_need_changed(need_id)


def do_admin_saved_category(category: SecurityCategory, *, actor, created: bool) -> None:
    """Called by the Wagtail admin (inside its transaction) after staff saved the form."""
    require(permissions.can_moderate(actor))
    log_action(
        f"marketplace.category.{'admin_created' if created else 'admin_edited'}",
        actor=actor,
        subject=category,
    )
    if not created:
        _send_filed_under(category)


@transaction.atomic
def do_delete_category(category: SecurityCategory, *, actor) -> None:
    """The listings and needs filed under it lose it: they are told before the rows that link them go."""
    require(permissions.can_moderate(actor))
    log_action("marketplace.category.deleted", actor=actor, data={"slug": category.slug})
    _send_filed_under(category)
    category.delete()
