"""Event payloads (``notify_*``) and their delivery through the channel layer after commit.

Every payload sent to a browser has a ``type``. Group messages wrap it: ``{"type": "chat.event", "event": {...}}``
for channel groups and ``{"type": "chat.user_event", ...}`` for a user's own connections; the consumer decides
what to forward. Nothing is sent from inside a transaction that may still roll back: ``send_on_commit`` queues the
send with ``transaction.on_commit`` and a failing channel layer (Redis down) is logged, never raised into the
service, because the change is already committed and clients catch up from the database on reconnect.
"""

import json
import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from cpsplatform.accounts.names import display_name

from .formatting import excerpt
from .models import Channel, Message, user_group_name

logger = logging.getLogger(__name__)


def notify_message(
    message: Message,
    *,
    event_type: str = "message",
    reactions: list | None = None,
    mention_ids: list[int] | None = None,
) -> dict[str, Any]:
    """The client payload of one message (``message`` when new, ``message_updated`` after a change).

    Deleted and hidden messages carry no text. Callers should have ``channel``, ``sender``, ``reply_to__sender``,
    ``reactions`` and ``mentions`` loaded (the selectors do), or pass ``reactions``/``mention_ids`` they know.
    """
    visible = message.deleted_at is None and message.hidden_at is None
    reply = None
    if message.reply_to_id and message.reply_to is not None:
        original = message.reply_to
        reply = {
            "seq": original.seq,
            "sender": display_name(original.sender),
            "excerpt": excerpt(original.body, 80)
            if original.deleted_at is None and original.hidden_at is None
            else "",
        }
    by_emoji: dict[str, list[int]] = {}
    for reaction in message.reactions.all() if reactions is None else reactions:
        by_emoji.setdefault(reaction.emoji, []).append(reaction.user_id)
    return {
        "type": event_type,
        "channel": message.channel.slug,
        "seq": message.seq,
        "change": message.change,
        "topic": message.topic,
        "sender": {"id": message.sender_id, "name": display_name(message.sender)},
        "body": message.body if visible else "",
        "html": message.body_html if visible else "",
        "reply_to": reply,
        "created_at": message.created_at.isoformat(),
        "edited": message.edited_at is not None,
        "deleted": message.deleted_at is not None,
        "hidden": message.hidden_at is not None,
        "hidden_reason": message.hidden_reason if message.hidden_at else "",
        "reactions": [{"emoji": emoji, "users": users} for emoji, users in by_emoji.items()],
        "mentions": [m.user_id for m in message.mentions.all()] if mention_ids is None else list(mention_ids),
    }


def notify_channel(channel: Channel, *, for_user=None) -> dict[str, Any]:
    """A channel as the page lists it."""
    return {
        "slug": channel.slug,
        "name": channel.name,
        "kind": channel.kind,
        "description": channel.description,
        "archived": channel.is_archived,
        "last_seq": channel.last_seq,
    }


def _send(group: str, payload: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, payload)
    except Exception:  # the change is committed; subscribers catch up from the database
        logger.exception("Could not send %s to %s", payload.get("type"), group)


def send_on_commit(group: str, payload: dict[str, Any]) -> None:
    transaction.on_commit(lambda: _send(group, payload))


def encode(event: dict[str, Any]) -> str:
    """The WebSocket text of a client frame (compact, Japanese left readable)."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"))


def channel_group_message(channel_id: int, event: dict[str, Any]) -> dict[str, Any]:
    """A channel-group message: the event for the consumer's decisions and its text, encoded once for every
    subscriber instead of once per subscriber."""
    return {"type": "chat.event", "channel_id": channel_id, "event": event, "text": encode(event)}


def send_channel_event(channel: Channel, event: dict[str, Any]) -> None:
    """Queue ``event`` for every live subscriber of ``channel`` once the transaction commits."""
    send_on_commit(channel.group_name, channel_group_message(channel.pk, event))


def send_user_event(user_id: int, event: dict[str, Any]) -> None:
    """Queue ``event`` for every live connection of one person."""
    send_on_commit(user_group_name(user_id), {"type": "chat.user_event", "event": event})


def send_access_revoked(user_id: int, channel: Channel, reason: str) -> None:
    """Make every live connection of the person drop its subscription to ``channel`` at once."""
    send_on_commit(
        user_group_name(user_id),
        {"type": "chat.access_revoked", "channel_id": channel.pk, "slug": channel.slug, "reason": reason},
    )


def send_access_recheck(user_id: int) -> None:
    """The person's organisations changed: every live connection re-checks each of its subscriptions."""
    send_on_commit(user_group_name(user_id), {"type": "chat.access_recheck"})
