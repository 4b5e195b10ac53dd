"""Signals of the discussions core, for apps that build on it without the core knowing them (``search/`` indexes
messages through these). Both are sent **inside** the transaction that makes the change, so a receiver may write
rows (an outbox) that commit or roll back with it. Receivers must not do slow or external work here (no HTTP, no
Elasticsearch); defer that to ``transaction.on_commit`` or an outbox drained after commit.

``message_saved(sender=Message, message=Message, created=bool)``
    A message was posted (``created=True``) or its text was edited. ``message.channel`` is loaded.

``message_deleted(sender=Message, message=Message)``
    A message's text is gone for readers: its author deleted it or a moderator hid it. Indexes must forget it.
"""

from django.dispatch import Signal

message_saved = Signal()
message_deleted = Signal()
