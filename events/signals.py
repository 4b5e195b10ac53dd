"""Signals events sends, documented here; receivers are wired in the listening app's ``AppConfig.ready()`` (events'
own discussion-channel wiring in ``events.receivers``, search in ``search.receivers``).

``event_changed``
    sender=Event, ``event_id``, ``deleted``: an event's own fields (title, description, venue, dates, publication)
    were created, edited or deleted. Sent **inside** the transaction of the change by the events services and the
    staff admin, so a receiver may write an outbox row that commits or rolls back with it; receivers do no slow
    or external work here. Every write to an event's fields must send it (search indexes them).

The others are sent from ``transaction.on_commit``, so a receiver never sees a change that was rolled back:

``event_created``
    sender=Event, ``event``: a new event was created (e.g. to open its discussion channel).
``registration_confirmed``
    sender=Registration, ``registration``: someone now holds a confirmed seat (registered directly, won the
    lottery, accepted a freed seat, was approved or invited). A channel may add them as a member.
``registration_cancelled``
    sender=Registration, ``registration``: someone who held or awaited a seat cancelled. A channel may remove them.
"""

from django.db import transaction
from django.dispatch import Signal

event_changed = Signal()
event_created = Signal()
registration_confirmed = Signal()
registration_cancelled = Signal()


def send_event_changed(event_id: int, *, deleted: bool = False) -> None:
    """Call inside the transaction that changed (or deletes) the event."""
    from .models import Event

    event_changed.send(sender=Event, event_id=event_id, deleted=deleted)


def send_on_commit(signal: Signal, sender: type, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))
