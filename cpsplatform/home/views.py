"""Small site-wide answers that belong to no page."""

from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """``/favicon.ico``, which browsers and feed readers ask for whatever a page links.

    Without this the path falls through to the Wagtail page tree and answers 404 on every visit. The icon itself is
    a static file (cached, fingerprinted in production); the redirect is temporary so that a new fingerprint after a
    redesign is picked up instead of a browser holding on to a permanent redirect to the old file.
    """
    return HttpResponseRedirect(static("img/favicon.ico"))
