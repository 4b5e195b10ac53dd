"""Small helpers shared by the marketplace views."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404


def not_found() -> Http404:
    """For objects the requester may not know about: the same answer as a missing row."""
    return Http404("Not found")


def paginate(request, queryset, per_page: int = 20):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def cannot(request, message: str):
    """The user may not do this as the organisation they act for. A GET explains why (and how to switch
    organisation); anything else is refused with 403."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import render

    if request.method != "GET":
        raise PermissionDenied(message)
    return render(request, "marketplace/cannot.html", {"message": message})


def hidden(request):
    """For something the requester may not see: anonymous users are asked to log in (they may be allowed once
    they do); logged-in users get the same 404 as for a missing row."""
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise not_found()
