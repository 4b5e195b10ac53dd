"""Second factor and recent sign-in for the actions that decide what the platform vouches for.

Who must have a second factor (TOTP app or passkey, via ``allauth.mfa``): platform staff everywhere, and anyone
about to take a decision other people rely on. The apps say which actions those are by wrapping the view:

    @organiser_view
    @require_second_factor
    def export_csv(request, event): ...

or, where the view must first check who is asking (so outsiders still get their 404), by calling
``second_factor_response(request)`` after that check. The core knows nothing of the apps' rules.

A person without a second factor is led to set one up; a form they had posted is kept in the session and, once
the factor exists, submitted again from the "continue" page (with their confirmation, not on a GET), so nothing
they typed is lost. A person who has one but signed in before adding it (on another device, say) confirms it with
allauth's re-authentication, which replays the suspended request itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps

from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.internal.flows.reauthentication import suspend_request
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import resolve, reverse
from django.utils.http import urlencode

#: The kinds of authenticator that are a second factor (recovery codes only stand in for one).
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
#: Session key: when this session last proved a second factor (used at sign-in, re-authentication or set-up).
VERIFIED_SESSION_KEY = "accounts_second_factor_at"
#: Session key: the guarded request waiting for the person to set up a second factor.
PENDING_SESSION_KEY = "accounts_second_factor_pending"
#: How long a waiting request stays valid: long enough to install an app, short enough not to surprise anyone.
PENDING_MAX_AGE_SECONDS = 30 * 60
#: The platform's most sensitive actions ask for a sign-in (or re-authentication) this recent.
RECENT_AUTHENTICATION_MINUTES = 15

View = Callable[..., HttpResponse]


def has_second_factor(user) -> bool:
    """Whether ``user`` has set up a TOTP app or a passkey."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()


def mark_second_factor_verified(request: HttpRequest) -> None:
    """Record that this session proved a second factor (the ``allauth.mfa`` receivers call this)."""
    request.session[VERIFIED_SESSION_KEY] = time.time()


def session_has_second_factor(request: HttpRequest) -> bool:
    return request.session.get(VERIFIED_SESSION_KEY) is not None


def last_authenticated_at(request: HttpRequest) -> float | None:
    """When this session's person last signed in or re-authenticated (password, code or second factor).

    allauth keeps these records in the session for its own re-authentication flow; every way in appends one.
    """
    records = get_authentication_records(request, request.user)
    times = [record.get("at") for record in records if isinstance(record.get("at"), int | float)]
    return max(times) if times else None


def authenticated_recently(request: HttpRequest, minutes: int = RECENT_AUTHENTICATION_MINUTES) -> bool:
    at = last_authenticated_at(request)
    return at is not None and time.time() - at < minutes * 60


def _stash(request: HttpRequest) -> None:
    """Remember the guarded request for later: where it was going and, for a form, its fields (without the CSRF
    token). Uploaded files cannot wait in a session; the guarded forms have none."""
    data = request.POST.copy() if request.method == "POST" else QueryDict(mutable=True)
    data.pop("csrfmiddlewaretoken", None)
    request.session[PENDING_SESSION_KEY] = {
        "method": "POST" if request.method == "POST" else "GET",
        "path": request.path,
        "path_info": request.path_info,
        "query": request.META.get("QUERY_STRING", ""),
        "post": data.urlencode(),
        "at": time.time(),
    }


def pending_request(request: HttpRequest) -> dict | None:
    """The form waiting for a second factor, if it is recent enough to still mean what the person wanted."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - float(pending.get("at", 0)) > PENDING_MAX_AGE_SECONDS:
        request.session.pop(PENDING_SESSION_KEY, None)
        return None
    return pending


def pending_url(pending: dict) -> str:
    return f"{pending['path']}?{pending['query']}" if pending["query"] else pending["path"]


def replay_pending(request: HttpRequest, pending: dict) -> HttpResponse:
    """Submit the stashed form to its view again, as this (POST, CSRF-checked) request.

    The view runs its own permission checks and validation as on any submission; the session's stash is removed
    first, so a second click cannot submit it twice.
    """
    request.session.pop(PENDING_SESSION_KEY, None)
    path_info = pending.get("path_info", pending["path"])
    match = resolve(path_info)
    request.path, request.path_info = pending["path"], path_info
    request.META["QUERY_STRING"] = pending["query"]
    request.GET = QueryDict(pending["query"])
    request.POST = QueryDict(pending["post"])
    return match.func(request, *match.args, **match.kwargs)


def second_factor_response(request: HttpRequest) -> HttpResponse | None:
    """``None`` when this session has proved a second factor; otherwise where to go first.

    No factor yet: the set-up page (a posted form waits in the session). A factor, but this session has not used
    it: allauth's second-factor re-authentication, which keeps and replays the request by itself.
    Anonymous requests pass: the view's own login requirement answers them.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if has_second_factor(user):
        if session_has_second_factor(request):
            return None
        return suspend_request(request, reverse("mfa_reauthenticate"))
    _stash(request)
    url = reverse("accounts:second_factor")
    return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


def recent_authentication_response(
    request: HttpRequest, minutes: int = RECENT_AUTHENTICATION_MINUTES
) -> HttpResponse | None:
    """``None`` when the person signed in or re-authenticated within ``minutes``; otherwise allauth's
    re-authentication (second factor first when they have one), after which allauth replays the request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or authenticated_recently(request, minutes):
        return None
    target = "mfa_reauthenticate" if has_second_factor(user) else "account_reauthenticate"
    return suspend_request(request, reverse(target))


def _guarded(view: View | None, respond: Callable[[HttpRequest], HttpResponse | None], applies):
    """A decorator (usable bare or with arguments) that answers with ``respond(request)`` instead of running the
    view when the request ``applies`` and ``respond`` has something to say."""

    def decorator(view_func: View) -> View:
        @wraps(view_func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if applies(request) and (response := respond(request)):
                return response
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator


def require_second_factor(view: View | None = None, *, methods: tuple[str, ...] | None = None):
    """Let the view run only for a session that proved a second factor (see the module docstring).

    ``methods``: guard only these (e.g. ``("POST",)`` so the form itself can be read first); default all.
    """
    return _guarded(
        view, second_factor_response, lambda request: methods is None or request.method in methods
    )


def require_recent_authentication(
    view: View | None = None,
    *,
    minutes: int = RECENT_AUTHENTICATION_MINUTES,
    when: Callable[[HttpRequest], bool] | None = None,
):
    """Let the view run only for a person who signed in or re-authenticated within ``minutes``.

    ``when(request)``: guard only the requests it says are sensitive (e.g. a role change *to owner*).
    """
    return _guarded(
        view,
        lambda request: recent_authentication_response(request, minutes),
        when or (lambda request: True),
    )


#: Paths a staff member without a second factor may still use: signing in and setting the factor up, health
#: checks, language switching and files.
STAFF_EXEMPT_PREFIXES = ("/accounts/", "/healthz", "/i18n/", "/favicon.ico")


class StaffSecondFactorMiddleware:
    """Platform staff use the platform only with a second factor: the Wagtail admin, the moderation queue and
    whatever else staff rights open.

    Those are many views, several of them third-party, so the guard sits here instead of on each: a staff member
    without a proved second factor is sent to set one up (or to confirm it) first; a posted form waits, as with
    ``require_second_factor``.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.exempt = STAFF_EXEMPT_PREFIXES + tuple(
            prefix
            for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
            if prefix and prefix.startswith("/")
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and not request.path.startswith(self.exempt)
            and request.path != reverse("cms_logout")
            and (response := second_factor_response(request))
        ):
            return response
        return self.get_response(request)
