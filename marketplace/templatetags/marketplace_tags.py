"""Template helpers of the marketplace pages."""

from django import template

from ..choices import ACTION_LABELS

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    """An audit code ("marketplace.listing.published") as the reader's language names it."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code
