"""Ask people who have no public name yet to choose one, once, before they go on."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from .names import has_chosen_name

#: Paths that never lead to the name form: the form itself and allauth's pages (logout, e-mail confirmation,
#: password reset), files, health checks, language switching, and the admin, whose background requests would
#: otherwise be answered with a page.
EXEMPT_PREFIXES = (
    "/accounts/",
    "/healthz",
    "/i18n/",
    "/cms/",
    "/documents/",
    "/favicon.ico",
)


class DisplayNameRequiredMiddleware:
    """Redirect a logged-in person without a public name to the "choose your public name" page.

    Accounts made before names were required (and by staff in the admin) have none; chat, lists and mails need
    one. Only page views (GET and HEAD asking for HTML) are redirected, with ``next`` set to where the person was
    going: a form post or a script's request passes untouched, so nothing typed is lost and no script receives
    a page it cannot read. Once the name is saved the check is one attribute read on the user already loaded.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.exempt = EXEMPT_PREFIXES + tuple(
            prefix
            for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
            if prefix and prefix.startswith("/")
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_choose(request):
            url = reverse("accounts:choose_name")
            return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _must_choose(self, request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or has_chosen_name(user):
            return False
        if request.method not in ("GET", "HEAD") or request.path.startswith(self.exempt):
            return False
        accept = request.headers.get("Accept", "")
        wants_data = "application/json" in accept and "text/html" not in accept
        return not (wants_data or request.headers.get("X-Requested-With") == "XMLHttpRequest")
