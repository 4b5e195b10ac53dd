"""The header's live counts: one small WebSocket (``/ws/notifications/``) every page of a logged-in person opens.

Server → client only: ``{"type": "counts", "notifications": n, "chat": m}`` on connect and whenever either number
may have changed. The consumer listens to three kinds of group messages and re-reads the counts from the database
each time (a lost message leaves a stale number until the next one, never a wrong total):

* ``notifications.changed`` on the person's notification group (``live.notifications_group``);
* the chat's own messages on the person's chat group (``read`` marks, access changes) and on the group of every
  channel they may read (new messages). Chat counts are re-read at most once per ``CHAT_RECOUNT_DELAY`` however
  busy the channels are.

It does not count as chat presence: being on a listing page does not make a person "online" in the discussions.
"""

import asyncio
import json
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from cpsplatform.discussions import selectors as chat_selectors
from cpsplatform.discussions.models import user_group_name

from . import selectors
from .live import notifications_group

logger = logging.getLogger(__name__)

#: Coalesces the chat recounts of a burst of messages into one query.
CHAT_RECOUNT_DELAY = 1.0
#: A person who may read more channels than this gets live chat counts for the most recent ones only.
MAX_CHANNEL_GROUPS = 500


def _channel_groups(user) -> list[str]:
    channels = chat_selectors.channels_readable_by(user).order_by("-last_seq").values_list("pk", flat=True)
    return [f"chat.c.{pk}" for pk in channels[:MAX_CHANNEL_GROUPS]]


def _notification_count(user) -> int:
    return selectors.unread_count(user)


def _chat_count(user) -> int:
    return sum(chat_selectors.unread_counts(user).values())


class NotificationConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=4401)
            return
        self.user = user
        self.groups_joined: set[str] = set()
        self.recount: asyncio.Task | None = None
        await self.accept()
        await self._join(notifications_group(user.pk))
        await self._join(user_group_name(user.pk))
        await self._join_channel_groups()
        self.notifications = await database_sync_to_async(_notification_count)(user)
        self.chat = await database_sync_to_async(_chat_count)(user)
        await self._send_counts()

    async def disconnect(self, code: int) -> None:
        if getattr(self, "recount", None) is not None:
            self.recount.cancel()
        for group in getattr(self, "groups_joined", set()):
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception:  # the layer may be down while we close; nothing to keep
                logger.warning(
                    "Channel layer unavailable while closing a notification connection", exc_info=True
                )

    async def receive(self, text_data=None, bytes_data=None) -> None:
        """Clients only listen; a ``ping`` is answered with the current counts (a page coming back from sleep)."""
        try:
            frame = json.loads(text_data or "")
        except ValueError:
            return
        if isinstance(frame, dict) and frame.get("type") == "ping":
            await self._refresh_all()

    async def _join(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined.add(group)

    async def _join_channel_groups(self) -> None:
        wanted = set(await database_sync_to_async(_channel_groups)(self.user))
        for group in {g for g in self.groups_joined if g.startswith("chat.c.")} - wanted:
            await self.channel_layer.group_discard(group, self.channel_name)
            self.groups_joined.discard(group)
        for group in wanted - self.groups_joined:
            await self._join(group)

    async def _send_counts(self) -> None:
        await self.send(
            text_data=json.dumps({"type": "counts", "notifications": self.notifications, "chat": self.chat})
        )

    async def _refresh_all(self) -> None:
        self.notifications = await database_sync_to_async(_notification_count)(self.user)
        self.chat = await database_sync_to_async(_chat_count)(self.user)
        await self._send_counts()

    def _schedule_chat_recount(self) -> None:
        if self.recount is None or self.recount.done():
            self.recount = asyncio.ensure_future(self._recount_chat())

    async def _recount_chat(self) -> None:
        await asyncio.sleep(CHAT_RECOUNT_DELAY)
        chat = await database_sync_to_async(_chat_count)(self.user)
        if chat != self.chat:
            self.chat = chat
            await self._send_counts()

    # --- group messages ------------------------------------------------------------------------------------------

    async def notifications_changed(self, message: dict) -> None:
        count = await database_sync_to_async(_notification_count)(self.user)
        if count != self.notifications:
            self.notifications = count
            await self._send_counts()

    async def chat_event(self, message: dict) -> None:
        event = message.get("event") or {}
        own = (event.get("sender") or {}).get("id") == self.user.pk
        # A new message by someone else adds one; a deletion or hiding may take one away.
        if (event.get("type") == "message" and not own) or event.get("type") == "message_updated":
            self._schedule_chat_recount()

    async def chat_user_event(self, message: dict) -> None:
        kind = (message.get("event") or {}).get("type")
        if kind == "channel_added":
            await self._join_channel_groups()
        if kind in {"read", "channel_added"}:
            self._schedule_chat_recount()

    async def chat_access_revoked(self, message: dict) -> None:
        await self._join_channel_groups()
        self._schedule_chat_recount()

    async def chat_access_recheck(self, message: dict) -> None:
        await self._join_channel_groups()
        self._schedule_chat_recount()
