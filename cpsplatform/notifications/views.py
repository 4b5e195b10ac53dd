"""The notification centre: the list, opening one (marks it read), mark all read, e-mail preferences and the
one-click unsubscribe of mails. Thin: each view parses, checks who asks and calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .kinds import EmailChoice

PAGE_SIZE = 20


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_notifications": selectors.unread_count(request.user)},
    )


def _safe_target(request, url: str) -> str:
    """``url`` if it is a path on this site, else ``""`` (never an open redirect, never a guessed view name)."""
    if (
        url
        and url.startswith("/")
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
    ):
        return url
    return ""


@login_required
def notification_open(request, pk: int):
    """Follow a notification's link; following it is reading it (a GET, as in every inbox: harmless to repeat)."""
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.do_mark_read(notification, user=request.user)
    return HttpResponseRedirect(_safe_target(request, notification.url) or "/notifications/")


@login_required
@require_POST
def notification_mark_read(request, pk: int):
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.do_mark_read(notification, user=request.user)
    target = _safe_target(request, request.POST.get("next", ""))
    return HttpResponseRedirect(target) if target else redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    count = services.do_mark_all_read(request.user)
    messages.success(request, _("%(count)s notifications marked as read.") % {"count": count})
    return redirect("notifications:list")


@login_required
def preferences(request):
    rows = selectors.preferences_of(request.user)
    errors = []
    if request.method == "POST":
        for kind, current in rows:
            if not kind.has_email_choice:
                continue
            choice = request.POST.get(f"email-{kind.code}", current)
            try:
                services.check_email_choice(kind.code, choice)
            except ValidationError as error:
                errors.append(f"{kind.label}: {' '.join(error.messages)}")
        if not errors:
            for kind, current in rows:
                choice = request.POST.get(f"email-{kind.code}", current)
                if kind.has_email_choice and choice != current:
                    services.do_set_email_choice(request.user, kind.code, choice)
            messages.success(request, _("Your notification settings were saved."))
            return redirect("notifications:preferences")
    groups: dict[str, list] = {}
    for kind, current in rows:
        groups.setdefault(str(kind.group), []).append({"kind": kind, "email": current})
    return render(
        request,
        "notifications/preferences.html",
        {"groups": groups, "choices": EmailChoice.choices, "errors": errors},
        status=400 if errors else 200,
    )


@csrf_exempt  # the signed token is the authorisation; mail clients POST here for RFC 8058 one-click unsubscribe
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET only shows what the link would do and a button (mail scanners follow links); POST turns it off."""
    try:
        user, kind = services.check_unsubscribe_token(token)
    except ValidationError as error:
        return render(request, "notifications/unsubscribe.html", {"error": error.messages[0]}, status=400)
    done = False
    if request.method == "POST":
        services.do_unsubscribe(token)
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"kind": kind, "email": user.email, "done": done, "token": token},
    )
