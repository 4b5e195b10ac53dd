"""Events in the staff admin, read-only: seats, lotteries and statuses change only through the organiser pages and
the ``events.services`` they call (capacity, waiting list and notifications hold there), so staff look here and
act there."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cpsplatform.staff_admin import Screen, StaffMenu, read_only_viewset, yes_no_column

from .models import Event, Material, Meeting, Registration

EVENTS = read_only_viewset(
    Screen("event_admin", Event, "date", _("Events")),
    list_display=[
        "number",
        "title_ja",
        "title_en",
        "organiser",
        "starts_at",
        "capacity",
        "allocation",
        yes_no_column(Event, "is_published"),
    ],
    list_filter=["allocation", "is_published"],
    search_fields=["title_ja", "title_en", "theme"],
    default_ordering="-starts_at",
)
REGISTRATIONS = read_only_viewset(
    Screen("event_registrations", Registration, "user", _("Registrations")),
    list_display=[
        "event",
        "user",
        "organisation",
        "status",
        yes_no_column(Registration, "has_meetup_seat"),
        yes_no_column(Registration, "is_invited_guest"),
        "queued_at",
    ],
    list_filter=["status", "has_meetup_seat", "is_invited_guest"],
    default_ordering="-queued_at",
)
MEETINGS = read_only_viewset(
    Screen("event_meetings", Meeting, "group", _("1:1 meetings")),
    list_display=["event", "requester", "invitee", "starts_at", "status"],
    list_filter=["status"],
    default_ordering="-starts_at",
)
MATERIALS = read_only_viewset(
    Screen("event_materials", Material, "doc-full", _("Materials")),
    list_display=["event", "title", "original_name", "size", "uploaded_at"],
    default_ordering="-uploaded_at",
)


@hooks.register("register_admin_viewset")
def register_events_viewsets():
    return StaffMenu(_("Events"), "date", 250, EVENTS, REGISTRATIONS, MEETINGS, MATERIALS)
