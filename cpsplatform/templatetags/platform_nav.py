"""Site navigation links for ``templates/base.html``.

The core knows nothing of the domain apps, so the header names their pages by URL name only: a link whose URL
does not resolve (an app that is not installed) is left out instead of breaking every page. The page's own view
marks its section with ``aria-current="page"``.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def is_current(view_name: str, url_name: str, current_for: str) -> bool:
    """The page's view is ``url_name`` or one of ``current_for`` (space-separated view names; ``ns:*`` for all
    the views of a namespace)."""
    if not view_name:
        return False
    for pattern in (url_name, *current_for.split()):
        if pattern.endswith(":*") and view_name.startswith(pattern[:-1]):
            return True
        if view_name == pattern:
            return True
    return False


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, current_for: str = "", css_class: str = "") -> str:
    """``<a href>`` to ``url_name`` labelled ``label``; empty when the URL does not exist."""
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return ""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = is_current(getattr(match, "view_name", "") or "", url_name, current_for)
    return format_html(
        '<a href="{}"{}{}>{}</a>',
        url,
        format_html(' class="{}"', css_class) if css_class else "",
        mark_safe(' aria-current="page"') if current else "",
        label,
    )
