"""Keep the discussion message index in step with the discussions core, through its documented signals
(``cpsplatform.discussions.signals``). The core knows nothing of search; this module is imported by
``SearchConfig.ready()``.

Both signals arrive after the change has committed. Indexing then runs on a background thread of its own, so a chat
server's database thread never waits for Elasticsearch; under ``PLATFORM_ENV=test`` it runs at once, so tests see
the result. If Elasticsearch is unavailable the message stays in the database and the failure is logged;
``rebuild_discussion_index()`` restores the index from the database.
"""

import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.dispatch import receiver
from elasticsearch import TransportError

from cpsplatform.discussions.signals import message_deleted, message_saved

from .discussions_index import index_message, remove_message

logger = logging.getLogger(__name__)
_indexer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="discussion-index")


def _guarded(action, message) -> None:
    try:
        action(message)
    except TransportError as error:  # Elasticsearch unreachable: one line, not a traceback per message
        logger.warning("Could not update the message index for message %s: %s", message.pk, error)
    except Exception:
        logger.warning("Could not update the message index for message %s", message.pk, exc_info=True)


def _run(action, message) -> None:
    """``message`` is fully loaded (channel, sender): the index work needs no database."""
    if settings.PLATFORM_ENV == "test":
        _guarded(action, message)
    else:
        _indexer.submit(_guarded, action, message)


@receiver(message_saved, dispatch_uid="search.discussions.message_saved")
def index_saved_message(sender, message, **kwargs) -> None:
    _run(index_message, message)


@receiver(message_deleted, dispatch_uid="search.discussions.message_deleted")
def unindex_deleted_message(sender, message, **kwargs) -> None:
    _run(remove_message, message)
