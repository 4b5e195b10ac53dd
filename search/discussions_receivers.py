"""Keep the discussion message index in step with the discussions core, through its documented signals
(``cpsplatform.discussions.signals``). The core knows nothing of search; this module is imported by
``SearchConfig.ready()``.

Both signals arrive after the change has committed. If Elasticsearch is unavailable the message stays in the
database and the failure is logged; ``rebuild_discussion_index()`` restores the index from the database.
"""

import logging

from django.dispatch import receiver

from cpsplatform.discussions.signals import message_deleted, message_saved

from .discussions_index import index_message, remove_message

logger = logging.getLogger(__name__)


@receiver(message_saved, dispatch_uid="search.discussions.message_saved")
def index_saved_message(sender, message, **kwargs) -> None:
    try:
        index_message(message)
    except Exception:
        logger.warning("Could not index message %s", message.pk, exc_info=True)


@receiver(message_deleted, dispatch_uid="search.discussions.message_deleted")
def unindex_deleted_message(sender, message, **kwargs) -> None:
    try:
        remove_message(message)
    except Exception:
        logger.warning("Could not remove message %s from the index", message.pk, exc_info=True)
