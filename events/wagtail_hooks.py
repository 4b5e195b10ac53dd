"""Events in the staff admin, read-only: seats, lotteries and statuses change only through the organiser pages and
the ``events.services`` they call (capacity, waiting list and notifications hold there), so staff look here and
act there."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from cpsplatform.staff_admin import ReadOnlyViewSet, staff_only

from .models import Event, Material, Meeting, Registration

for model in (Event, Registration, Meeting, Material):
    staff_only(model, read_only=True)


class EventViewSet(ReadOnlyViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    list_display = [
        "number",
        "title_ja",
        "title_en",
        "organiser",
        "starts_at",
        "capacity",
        "allocation",
        "is_published",
    ]
    list_filter = ["allocation", "is_published"]
    search_fields = ["title_ja", "title_en", "theme"]
    default_ordering = "-starts_at"


class RegistrationViewSet(ReadOnlyViewSet):
    model = Registration
    icon = "user"
    menu_label = _("Registrations")
    list_display = [
        "event",
        "user",
        "organisation",
        "status",
        "has_meetup_seat",
        "is_invited_guest",
        "queued_at",
    ]
    list_filter = ["status", "has_meetup_seat", "is_invited_guest"]
    default_ordering = "-queued_at"


class MeetingViewSet(ReadOnlyViewSet):
    model = Meeting
    icon = "group"
    menu_label = _("1:1 meetings")
    list_display = ["event", "requester", "invitee", "starts_at", "status"]
    list_filter = ["status"]
    default_ordering = "-starts_at"


class MaterialViewSet(ReadOnlyViewSet):
    model = Material
    icon = "doc-full"
    menu_label = _("Materials")
    list_display = ["event", "title", "original_name", "size", "uploaded_at"]
    default_ordering = "-uploaded_at"


class EventsGroup(ModelViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 250
    items = (
        EventViewSet("event_admin"),
        RegistrationViewSet("event_registrations"),
        MeetingViewSet("event_meetings"),
        MaterialViewSet("event_materials"),
    )


@hooks.register("register_admin_viewset")
def register_events_viewsets():
    return EventsGroup()
