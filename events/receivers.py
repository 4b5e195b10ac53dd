"""The events app's wiring into platform discussions: one channel per event, whose members are exactly the people
holding a confirmed seat. The core's discussions app knows nothing of events; events call its service API."""

from cpsplatform.discussions.models import ChannelKind
from cpsplatform.discussions.services import do_add_member, do_create_channel, do_remove_member

from . import notification_kinds
from .models import Event, Registration
from .signals import event_created, registration_cancelled, registration_confirmed


def event_channel(event: Event):
    """The event's channel, created on first use (events seeded before the wiring existed get one too)."""
    return do_create_channel(
        kind=ChannelKind.EVENT,
        name=str(event),
        key=f"event:{event.pk}",
        created_by=event.created_by,
    )


def open_event_channel(sender, event: Event, **kwargs) -> None:
    event_channel(event)


def join_event_channel(sender, registration: Registration, **kwargs) -> None:
    do_add_member(event_channel(registration.event), registration.user)


def leave_event_channel(sender, registration: Registration, **kwargs) -> None:
    do_remove_member(event_channel(registration.event), registration.user)


def connect() -> None:
    notification_kinds.register_kinds()
    event_created.connect(open_event_channel, dispatch_uid="events.event_channel")
    registration_confirmed.connect(join_event_channel, dispatch_uid="events.event_channel_join")
    registration_cancelled.connect(leave_event_channel, dispatch_uid="events.event_channel_leave")
