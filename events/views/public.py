"""Pages anyone may see: the list of sessions, a session, the iCal feed, and the one-click cancel link."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import selectors
from ..ical import calendar_response, events_feed
from ..permissions import can_manage_event, can_organise, may_see_attendees
from ..services.errors import EventsError
from ..services.registration import do_cancel_by_token, get_registration_for_cancel_token


def index(request):
    now = timezone.now()
    return render(
        request,
        "events/index.html",
        {
            "upcoming": selectors.upcoming_events(request.user, now=now),
            "past": selectors.past_events(request.user, now=now)[:20],
            "can_organise": can_organise(request.actor),
        },
    )


def detail(request, pk: int):
    event = selectors.event_for_page(pk, request.user)
    if event is None:
        raise Http404("No such event")
    now = timezone.now()
    registration = selectors.registration_of(request.user, event)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "meetup": event.meetup_or_none,
            "registration": registration,
            "registration_open": event.registration_is_open(now),
            "opens_later": event.is_published and now < event.registration_opens_at,
            "figures": selectors.event_figures(event),
            "can_manage": can_manage_event(request.actor, event),
            "may_see_attendees": may_see_attendees(request.actor, event),
        },
    )


def feed(request):
    events = selectors.public_feed_events(now=timezone.now())
    body = events_feed(
        events,
        url_for=lambda e: request.build_absolute_uri(reverse("events:detail", kwargs={"pk": e.pk})),
        name=_("CPS Collaboration Platform — sessions"),
    )
    return calendar_response(body, "events.ics", inline=True)


@require_http_methods(["GET", "POST"])
def cancel_by_token(request, token: str):
    """The link in every reminder: GET shows one button (mail scanners that prefetch links change nothing),
    POST cancels. No login needed; the signed token is the proof."""
    try:
        registration = get_registration_for_cancel_token(token)
    except EventsError as error:
        return render(request, "events/cancel_by_token.html", {"error": error.message}, status=400)
    if request.method == "POST":
        try:
            do_cancel_by_token(token)
        except EventsError as error:
            return render(
                request,
                "events/cancel_by_token.html",
                {"error": error.message, "registration": registration},
                status=400,
            )
        messages.success(request, _("Your registration is cancelled and your seat goes to the next person."))
        return redirect("events:cancel_by_token", token=token)
    return render(request, "events/cancel_by_token.html", {"registration": registration, "token": token})
