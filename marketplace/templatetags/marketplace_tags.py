"""Template helpers of the marketplace pages."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cpsplatform.accounts.names import display_name

from ..choices import ACTION_LABELS

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    """An audit code ("marketplace.listing.published") as the reader's language names it."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


@register.filter
def listing_price(listing) -> str:
    """A listing's price as people read it: a range, "from"/"up to" when one end is open, and the unit only when
    the vendor gave one — never an empty "¥" or "()"."""
    low, high = listing.price_min_jpy, listing.price_max_jpy
    if low is None and high is None:
        return str(_("On request"))
    if low is not None and high is not None and low != high:
        amount = _("¥%(low)s – ¥%(high)s") % {"low": intcomma(low), "high": intcomma(high)}
    elif high is None:
        amount = (_("from ¥%(low)s") if low else _("¥%(low)s")) % {"low": intcomma(low)}
    elif low is None:
        amount = _("up to ¥%(high)s") % {"high": intcomma(high)}
    else:
        amount = _("¥%(low)s") % {"low": intcomma(low)}
    unit = listing.get_price_unit_display() if listing.price_unit else ""
    return f"{amount} ({unit})" if unit else str(amount)


@register.filter
def revision_author(revision) -> str:
    """Who made a listing revision: the vendor's own people by name, platform staff as the platform (a staff
    member's personal account name means nothing to a vendor, and is not in the reader's language)."""
    user = revision.created_by
    if user is None:
        return "—"
    if user.is_staff and not revision.listing.vendor.memberships.filter(user=user).exists():
        return str(pgettext("listing revision author", "Platform staff"))
    return display_name(user)
