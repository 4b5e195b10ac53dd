"""Template helpers of the marketplace pages."""

from django import template
from django.utils.translation import pgettext

from ..choices import ACTION_LABELS

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    """An audit code ("marketplace.listing.published") as the reader's language names it."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


@register.filter
def revision_author(revision) -> str:
    """Who made a listing revision: the vendor's own people by name, platform staff as the platform (a staff
    member's personal account name means nothing to a vendor, and is not in the reader's language)."""
    user = revision.created_by
    if user is None:
        return "—"
    if user.is_staff and not revision.listing.vendor.memberships.filter(user=user).exists():
        return str(pgettext("listing revision author", "Platform staff"))
    return str(user)
