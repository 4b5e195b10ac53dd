"""Who is online: one ``PresenceConnection`` row per live WebSocket connection, refreshed by the client's pings.

The rows live in the database, so every ASGI process sees the same presence, and a connection whose server died
simply expires after ``selectors.PRESENCE_EXPIRY``. Changes are announced through the channel layer by the
consumer.
"""

from django.db import transaction
from django.utils import timezone

from . import selectors
from .models import PresenceConnection


def do_connect_presence(user, channel_name: str) -> bool:
    """Record a new live connection; True when the person was offline before it.

    Single-statement writes (no read-then-write transaction), so many server processes can share a database.
    """
    now = timezone.now()
    # Rows of connections whose server died long ago (nobody else removes them).
    PresenceConnection.objects.filter(last_seen_at__lt=now - 10 * selectors.PRESENCE_EXPIRY).delete()
    was_online = bool(selectors.online_user_ids([user.pk]))
    PresenceConnection.objects.create(channel_name=channel_name, user=user, last_seen_at=now)
    return not was_online


def do_touch_presence(user, channel_name: str) -> None:
    """The connection is still alive (called on each client ping)."""
    updated = PresenceConnection.objects.filter(channel_name=channel_name).update(last_seen_at=timezone.now())
    if not updated:
        with transaction.atomic():
            PresenceConnection.objects.filter(channel_name=channel_name).delete()
            PresenceConnection.objects.create(
                channel_name=channel_name, user=user, last_seen_at=timezone.now()
            )


def do_disconnect_presence(user, channel_name: str) -> bool:
    """Forget a closed connection; True when the person has no other live connection left (now offline)."""
    PresenceConnection.objects.filter(channel_name=channel_name).delete()
    expired = timezone.now() - selectors.PRESENCE_EXPIRY
    PresenceConnection.objects.filter(user=user, last_seen_at__lt=expired).delete()
    return not selectors.online_user_ids([user.pk])
