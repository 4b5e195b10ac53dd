"""Small helpers shared by the marketplace views."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse

T = TypeVar("T")


def not_found() -> Http404:
    """For objects the requester may not know about: the same answer as a missing row."""
    return Http404("Not found")


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (field errors on fields, the rest on top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for item in error.error_list:
            form.add_error(None, item)


def submit(
    request, form, action: Callable[[], T], *, success: str, then: Callable[[T], HttpResponse]
) -> HttpResponse | None:
    """The POST half of a form view: on a valid POST run ``action`` (one service call). When the service refuses
    (``ValidationError``) its errors go on the form; otherwise ``success`` is flashed and ``then(result)`` answers.

    None means "render the form" (a GET, an invalid form or a refused action)::

        if response := submit(request, form, lambda: do_x(...), success=_("Saved."), then=lambda x: redirect(x)):
            return response
        return render(request, "form.html", {"form": form})
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action()
    except ValidationError as error:
        apply_errors(form, error)
        return None
    messages.success(request, success)
    return then(result)


def report(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


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
