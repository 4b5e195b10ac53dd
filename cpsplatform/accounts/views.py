from allauth.account.views import logout as allauth_logout
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import mfa
from .forms import DisplayNameForm
from .names import has_chosen_name


def login_elsewhere(request: HttpRequest) -> HttpResponseRedirect:
    """Wagtail's own login forms (admin and front end) send people to allauth's, keeping ``next``.

    Only allauth's form logs anyone in, so its rate limits and e-mail verification apply everywhere.
    """
    url = reverse("account_login")
    next_url = request.GET.get("next")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


@require_http_methods(["GET", "POST"])
def cms_logout(request: HttpRequest) -> HttpResponse:
    """Wagtail's logout URL, routed ahead of Wagtail's own view, which ends the session even on a GET it refuses.

    A GET (a cross-site ``<img>`` can send one) only leads to allauth's confirmation page and touches nothing;
    the POST is allauth's logout, so the CSRF middleware has checked the token before the session ends.
    """
    if request.method == "GET":
        return HttpResponseRedirect(reverse("account_logout"))
    return allauth_logout(request)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    """``next`` from the form or the query when it stays on this site, else ``fallback``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def choose_name(request: HttpRequest) -> HttpResponse:
    """The one-time "choose your public name" step for accounts that have none (``DisplayNameRequiredMiddleware``
    sends people here); afterwards, back to where they were going."""
    next_url = _safe_next(request, reverse("organisations:dashboard"))
    if has_chosen_name(request.user) and request.method == "GET":
        return HttpResponseRedirect(next_url)
    form = DisplayNameForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(
            request,
            _("Thank you. Other people now see you as %(name)s.")
            % {"name": form.cleaned_data["display_name"]},
        )
        return HttpResponseRedirect(next_url)
    status = 400 if request.method == "POST" else 200
    return render(request, "account/choose_name.html", {"form": form, "next": next_url}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """A person's own account page: the public name, changeable at any time."""
    form = DisplayNameForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(
            request, _("Your public name is now %(name)s.") % {"name": form.cleaned_data["display_name"]}
        )
        return HttpResponseRedirect(reverse("accounts:profile"))
    status = 400 if request.method == "POST" else 200
    return render(request, "account/profile.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Where a guarded action sends someone without a second factor, and where they come back to afterwards.

    Without a factor: why it is needed and the ways to set one up. With one: the form they had posted, to submit
    again with one click (a POST, so no link elsewhere can trigger it), or straight on to ``next``.
    """
    next_url = _safe_next(request, reverse("mfa_index"))
    has_factor = mfa.has_second_factor(request.user)
    pending = mfa.pending_request(request)
    if has_factor and pending is not None and pending["method"] == "GET":
        request.session.pop(mfa.PENDING_SESSION_KEY, None)
        return HttpResponseRedirect(mfa.pending_url(pending))
    if has_factor and pending is not None and request.method == "POST":
        return mfa.replay_pending(request, pending)
    if has_factor and pending is None:
        return HttpResponseRedirect(next_url)
    if pending is not None:
        pending = {**pending, "url": mfa.pending_url(pending)}
    context = {"has_factor": has_factor, "pending": pending, "next": next_url}
    return render(request, "account/second_factor.html", context)
