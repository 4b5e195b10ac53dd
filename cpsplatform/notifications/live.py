"""Live updates of the header counts over the WebSocket (``consumers.NotificationConsumer``).

A change only says "your notifications changed"; each of the person's connections then reads the count itself, so
a lost message costs nothing but a stale number until the next one. Sent after commit, never for a change that
rolled back; a channel layer that is down is logged, not raised into the service (the change is committed and the
page shows the right count on its next load).
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def notifications_group(user_id: int) -> str:
    """The channel-layer group of every live notification connection of one person."""
    return f"notifications.u.{user_id}"


def _send(user_ids: list[int]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    for user_id in user_ids:
        try:
            async_to_sync(layer.group_send)(notifications_group(user_id), {"type": "notifications.changed"})
        except Exception:  # committed already; pages catch up on their next load or reconnect
            logger.exception("Could not announce notifications to user %s", user_id)


def send_changed_on_commit(user_ids) -> None:
    ids = sorted(set(user_ids))
    if ids:
        transaction.on_commit(lambda: _send(ids))
