"""Keep the discussion message index in step with the discussions core, through its documented signals
(``cpsplatform.discussions.signals``). The core knows nothing of search; this module is imported by
``SearchConfig.ready()``.

Both signals are sent inside the transaction of the change, so the outbox row written here commits or rolls back
with the message. Delivery to Elasticsearch is the outbox's business (``search.sync``): tried once after commit,
and by ``search_sync`` until it succeeds, with back-off while Elasticsearch is down.
"""

from django.dispatch import receiver

from cpsplatform.discussions.signals import message_deleted, message_saved

from .outbox import enqueue


@receiver(message_saved, dispatch_uid="search.discussions.message_saved")
def on_message_saved(sender, message, **kwargs) -> None:
    enqueue("messages", message.pk)


@receiver(message_deleted, dispatch_uid="search.discussions.message_deleted")
def on_message_deleted(sender, message, **kwargs) -> None:
    """A deleted or hidden message is re-indexed without its text (``search.discussions_index``)."""
    enqueue("messages", message.pk)
