"""Signals of the audit log, for apps that react to what happened without the code that did it knowing them.

``action_logged(sender=AuditLogEntry, entry: AuditLogEntry, subject: Model | None)``
    An action was recorded (``entry.action`` is its dotted code, e.g. ``marketplace.listing.published``; ``entry``
    also names the actor, the organisation and the ``data``). Sent **inside** the transaction of the change, right
    after the entry is saved, so a receiver's rows commit or roll back with the change. Receivers must not do slow
    or external work here; defer that to ``transaction.on_commit`` (notifications mail and push after commit).
"""

from django.dispatch import Signal

action_logged = Signal()
