"""Signals other apps may listen to (wired in their ``AppConfig.ready()``); events itself knows no receivers.

All are sent from ``transaction.on_commit``, so a receiver never sees a change that was rolled back.

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

event_created = Signal()
registration_confirmed = Signal()
registration_cancelled = Signal()


def send_on_commit(signal: Signal, sender: type, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))
