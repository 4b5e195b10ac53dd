from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """The header bell's first number; the page's WebSocket keeps it current from then on. A page that counted
    them already (the notifications list) passes its count as ``unread_notifications``: it is not asked twice."""
    if "unread_notifications" in context:
        return context["unread_notifications"]
    request = context.get("request")
    return selectors.unread_count(getattr(request, "user", None))
