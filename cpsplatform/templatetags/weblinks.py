"""``web_url``: a stored address becomes a link only if it is an http(s) web address.

Forms already refuse other schemes, but rows also arrive through the admin, imports and older code; escaping does
not defuse ``javascript:`` in an ``href``, so the templates ask this filter before they link.
"""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def web_url(value) -> str:
    """The address itself if its scheme is http or https (and it names a host), otherwise an empty string."""
    text = str(value or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else ""
