"""Signals of the discussions core, for apps that build on it without the core knowing them (``search/`` indexes
messages through these). Both are sent *after* the transaction that made the change has committed.

``message_saved(sender=Message, message=Message, created=bool)``
    A message was posted (``created=True``) or its text was edited. ``message.channel`` is loaded.

``message_deleted(sender=Message, message=Message)``
    A message's text is gone for readers: its author deleted it or a moderator hid it. Indexes must forget it.
"""

from django.dispatch import Signal

message_saved = Signal()
message_deleted = Signal()
