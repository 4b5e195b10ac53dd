"""Absolute links for mails and other messages read outside the browser.

A mail has no request to build a URL from, so every link in one starts with the configured ``SITE_URL``
(``make run`` derives it from ``RUN_HOST``/``RUN_PORT``). Keeping the join in one place means a changed port or
host never leaves a dead link in one app's mails while the others are right.
"""

from django.conf import settings


def site_url() -> str:
    """The site's base address without a trailing slash, e.g. ``https://cps.example.org``."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (as returned by ``reverse``, starting with ``/``) as a full address on the configured site."""
    if not path.startswith("/"):
        path = "/" + path
    return site_url() + path
