"""How a service says no, and how a view shows it: one base exception, one way to put it on the page.

A service refuses with a ``Refusal`` subclass of its app (``events.services.errors.EventsError``,
``cpsplatform.discussions.errors.ChatError``, ``cpsplatform.organisations.services.OrganisationRuleError``): a
``message`` the user can read as it is (already translated), a stable ``code`` for tests, APIs and WebSocket frames,
and optionally the ``field`` it is about. Rules that check the input itself may raise Django's ``ValidationError``
instead (it carries errors for several fields at once, as model validation does); the helpers below show both the
same way, so a view never needs to know which one a service uses. Nothing was changed when either is raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse

T = TypeVar("T")


class Refusal(Exception):
    """A request a service turned down; the app's subclass sets the default ``code``."""

    code = "refused"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code

    def __str__(self) -> str:
        return str(self.message)


def add_to_form(form, error: Refusal | ValidationError) -> None:
    """Put a refusal on ``form``: on its field when the form has that field, otherwise above the form."""
    if isinstance(error, Refusal):
        form.add_error(error.field if error.field in form.fields else None, error.message)
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for item in error.error_list:
            form.add_error(None, item)


def flash(request, error: Refusal | ValidationError) -> None:
    """Show a refusal as an error message on the next page (for actions without a form of their own)."""
    for message in [error.message] if isinstance(error, Refusal) else error.messages:
        messages.error(request, message)


def submit(
    request, form, action: Callable[[], T], *, success: str, then: Callable[[T], HttpResponse]
) -> HttpResponse | None:
    """The POST half of a form view: on a valid POST run ``action`` (one service call). When the service refuses,
    the refusal goes on the form; otherwise ``success`` is flashed and ``then(result)`` answers.

    None means "render the form" (a GET, an invalid form or a refused action; answer 400 when it was a POST)::

        if response := submit(request, form, lambda: do_x(...), success=_("Saved."), then=lambda x: redirect(x)):
            return response
        return render(request, "form.html", {"form": form}, status=400 if request.method == "POST" else 200)
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action()
    except (Refusal, ValidationError) as error:
        add_to_form(form, error)
        return None
    messages.success(request, success)
    return then(result)
