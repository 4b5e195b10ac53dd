"""The chat WebSocket: thin — parse a frame, check who asks, call one service, answer.

Protocol (every frame is a JSON object with a ``type``; optional ``ref`` is echoed in the ``ack``/``error``):

client → server
    ``subscribe {channel, after?, changes_after?}``  backlog after ``after`` (or the latest page when absent), in
    order, then live; ``unsubscribe {channel}``; ``send {channel, body, topic?, reply_to?, ref?}``;
    ``edit {channel, seq, body}``; ``delete {channel, seq}``; ``react {channel, seq, emoji, add?}``;
    ``typing {channel, topic?}``; ``mark_read {channel, seq}``; ``history {channel, before?, limit?}``;
    ``report {channel, seq, reason}``; ``hide {channel, seq, reason}``; ``presence {channel}``; ``members
    {channel, q}``; ``channels``; ``ping``.
server → client
    ``hello``, ``message``, ``message_updated``, ``subscribed``, ``unsubscribed``, ``history``, ``ack``, ``typing``,
    ``presence``, ``presence_list``, ``members``, ``channels``, ``channel_added``, ``channel_updated``,
    ``mention``, ``read``, ``report``, ``pong``, ``error {reason, message, ref?}``.

Delivery: each subscription remembers the last sequence number it delivered. Live messages at or below it are
duplicates and dropped; one above the next expected number means something was missed (an event lost while Redis
restarted, or two senders' events crossing), and the gap is filled from the database before going on. Because the
consumer joins the channel group *before* reading the backlog, nothing committed in between is missed. Each
``ping`` re-joins the groups and checks for gaps, so a connection that survives a Redis restart catches up too.

Authorisation: subscribe and every action re-check current membership in the database. Live delivery stops at once
when a removal or an organisation change is announced (``chat.access_revoked`` / ``chat.access_recheck`` on the
person's own group), and every ``ping`` re-checks all subscriptions as a safety net — off the delivery path, so a
busy database never delays messages.
"""

import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from cpsplatform.accounts.names import display_name
from cpsplatform.edge.ids import MAX_ID
from cpsplatform.edge.text import has_unclean_text

from . import messaging, moderation, presence, ratelimit, selectors
from .errors import ChatError, InvalidInput, NotFound, RateLimited
from .models import Channel, user_group_name
from .notify import channel_group_message, encode, notify_channel, notify_message

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 8 * 1024
BACKLOG_BATCH = 500
HISTORY_PAGE_MAX = 100
TYPING_MIN_INTERVAL = 2.0


@dataclass
class Subscription:
    channel_id: int
    slug: str
    group: str
    delivered_seq: int = 0
    typing_at: float = 0.0


def _str(frame: dict, key: str, *, required: bool = True, max_length: int = 200) -> str:
    value = frame.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise InvalidInput(f"'{key}' must be a non-empty string.")
    if len(value) > max_length:
        raise InvalidInput(f"'{key}' is too long.")
    return value


def _int(frame: dict, key: str, *, required: bool = True) -> int | None:
    value = frame.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_ID:
        raise InvalidInput(f"'{key}' must be a non-negative integer.")
    return value


# --- database work, run in the sync thread ---------------------------------------------------------------------


def _readable_channel(user, slug: str) -> Channel:
    channel = selectors.get_channel_for(user, slug)
    if channel is None:
        raise NotFound("No such channel, or you are not a member of it.")
    return channel


def _in_channel(user, slug: str, action):
    """Run the service call ``action(channel)`` — lookup and action in one trip to the database thread.

    The lookup itself does not check access: every service checks it (``check_can_post``, ``check_can_read``...)
    and answers ``NotFound`` exactly as for a channel that does not exist. Only pass ``do_*`` services here.
    """
    channel = Channel.objects.filter(slug=slug).first()
    if channel is None:
        raise NotFound("No such channel, or you are not a member of it.")
    return action(channel)


def _on_message(user, slug: str, seq, action):
    """Run the service call ``action(message)`` on message ``seq`` of a channel ``user`` may read."""
    return _in_channel(user, slug, lambda channel: action(messaging.get_readable_message(user, channel, seq)))


def _subscribe_state(user, channel: Channel, after: int | None, changes_after: int | None) -> dict[str, Any]:
    """The backlog a subscription starts with (first batch) and the facts its ``subscribed`` frame reports."""
    has_more_before = False
    if after is None:
        messages, has_more_before = selectors.messages_before(channel, None, limit=50)
        changed: list = []
    else:
        messages = selectors.messages_after(channel, after, limit=BACKLOG_BATCH)
        changed = (
            selectors.messages_changed_after(channel, up_to_seq=after, after_change=changes_after)
            if changes_after is not None
            else []
        )
    channel.refresh_from_db(fields=["last_seq", "last_change", "archived_at"])
    return {
        "messages": [notify_message(m) for m in messages],
        "changed": [notify_message(m, event_type="message_updated") for m in changed],
        "has_more_before": has_more_before,
        "info": {
            **notify_channel(channel),
            "last_change": channel.last_change,
            "read_seq": selectors.last_read_seqs(user, [channel.pk]).get(channel.pk, 0),
            "can_post": selectors.can_post(user, channel),
            "is_moderator": selectors.is_moderator(user, channel),
            "online": [
                {"id": u.pk, "name": display_name(u)} for u in selectors.online_readers(channel)[:200]
            ],
        },
    }


def _messages_after(channel_id: int, after: int) -> list[dict]:
    channel = Channel.objects.get(pk=channel_id)
    return [notify_message(m) for m in selectors.messages_after(channel, after, limit=BACKLOG_BATCH)]


def _still_readable(user, channel_ids) -> set[int]:
    return set(selectors.channels_readable_by(user).filter(pk__in=channel_ids).values_list("pk", flat=True))


def _last_seqs(channel_ids) -> dict[int, int]:
    return dict(Channel.objects.filter(pk__in=channel_ids).values_list("pk", "last_seq"))


def _channel_list(user) -> dict[str, Any]:
    channels = list(selectors.channels_readable_by(user).order_by("kind", "name"))
    unread = selectors.unread_counts(user)
    read = selectors.last_read_seqs(user, [c.pk for c in channels])
    return {
        "type": "channels",
        "channels": [
            {**notify_channel(c), "unread": unread.get(c.pk, 0), "read_seq": read.get(c.pk, 0)}
            for c in channels
        ],
        "inbox": [
            {
                "channel": row["channel"].slug,
                "topic": row["topic"],
                "unread": row["unread"],
                "seq": row["latest_seq"],
            }
            for row in selectors.unread_topics(user)
        ],
    }


def _members(user, channel: Channel, query: str) -> list[dict]:
    readers = (
        selectors.readers_of(channel).filter(display_name__istartswith=query).order_by("display_name")[:8]
    )
    return [{"id": person.pk, "name": display_name(person)} for person in readers]


class ChatConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=4401)
            return
        self.user = user
        self.subs: dict[int, Subscription] = {}
        self.user_group = user_group_name(user.pk)
        await self.channel_layer.group_add(self.user_group, self.channel_name)
        await self.accept()
        # Presence is announced only when the person comes online (not on every reconnect of an open page).
        self.came_online = await database_sync_to_async(presence.do_connect_presence)(user, self.channel_name)
        await self.send_json({"type": "hello", "user": {"id": user.pk, "name": display_name(user)}})

    async def disconnect(self, code: int) -> None:
        user = getattr(self, "user", None)
        if user is None:
            return
        for sub in list(self.subs.values()):
            await self._safe_layer(self.channel_layer.group_discard(sub.group, self.channel_name))
        await self._safe_layer(self.channel_layer.group_discard(self.user_group, self.channel_name))
        offline = await database_sync_to_async(presence.do_disconnect_presence)(user, self.channel_name)
        if offline:
            for sub in self.subs.values():
                await self._safe_layer(self._send_presence(sub, online=False))
        self.subs = {}

    async def _safe_layer(self, awaitable) -> None:
        try:
            await awaitable
        except Exception:  # the layer (Redis) may be down while we close; nothing to keep
            logger.warning("Channel layer unavailable while closing a chat connection", exc_info=True)

    async def send_json(self, payload: dict[str, Any]) -> None:
        await self.send(text_data=encode(payload))

    async def send_error(self, reason: str, message: str, ref: Any = None, **extra: Any) -> None:
        frame = {"type": "error", "reason": reason, "message": message, **extra}
        if ref is not None:
            frame["ref"] = ref
        await self.send_json(frame)

    # --- incoming frames ---------------------------------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if text_data is None:
            await self.send_error("binary_unsupported", "Send JSON text frames.")
            return
        if len(text_data) > MAX_FRAME_BYTES // 4 and len(text_data.encode()) > MAX_FRAME_BYTES:
            await self.send_error("frame_too_large", f"Frames are limited to {MAX_FRAME_BYTES} bytes.")
            return
        try:
            frame = json.loads(text_data)
        except (ValueError, RecursionError):
            await self.send_error("malformed_json", "The frame is not valid JSON.")
            return
        if has_unclean_text(frame):  # NUL or a lone surrogate ("\ud800"): nothing can store or encode it
            await self.send_error("invalid_text", "Text may not contain NUL characters or lone surrogates.")
            return
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self.send_error("malformed_frame", "A frame is a JSON object with a string 'type'.")
            return
        ref = frame.get("ref") if isinstance(frame.get("ref"), str | int) else None
        kind = frame["type"]
        handler = self.HANDLERS.get(kind)
        if handler is None:
            await self.send_error("unknown_type", f"Unknown frame type {kind[:40]!r}.", ref)
            return
        if not await ratelimit.frame_allowed(self.user.pk, kind):
            await self.send_error(RateLimited.code, "Too many frames; retry shortly.", ref, frame_type=kind)
            return
        try:
            await handler(self, frame, ref)
        except ChatError as error:
            await self.send_error(error.code, error.message, ref, frame_type=kind)
        except Exception:
            logger.exception("Chat frame %s failed", kind)
            await self.send_error(
                "internal", "Something went wrong; nothing was changed.", ref, frame_type=kind
            )

    async def _channel(self, frame: dict) -> Channel:
        return await database_sync_to_async(_readable_channel)(
            self.user, _str(frame, "channel", max_length=80)
        )

    async def handle_subscribe(self, frame: dict, ref: Any) -> None:
        after = _int(frame, "after", required=False)
        changes_after = _int(frame, "changes_after", required=False)
        channel = await self._channel(frame)
        sub = self.subs.get(channel.pk)
        first_time = sub is None
        if sub is None:
            sub = Subscription(channel.pk, channel.slug, channel.group_name)
        await self.channel_layer.group_add(sub.group, self.channel_name)
        self.subs[channel.pk] = sub
        state = await database_sync_to_async(_subscribe_state)(self.user, channel, after, changes_after)
        if (
            after is not None
        ):  # a number beyond the channel's end (a stale or made-up one) means "from the end"
            sub.delivered_seq = min(after, state["info"]["last_seq"])
        else:  # a first visit: the latest page, then live
            sub.delivered_seq = state["messages"][0]["seq"] - 1 if state["messages"] else 0
        for payload in state["messages"]:
            await self._deliver(sub, payload)
        await self._fill_gap(sub, state["info"]["last_seq"])
        for payload in state["changed"]:
            await self.send_json(payload)
        info = state["info"]
        await self.send_json(
            {
                "type": "subscribed",
                "channel": sub.slug,
                "info": info,
                "last_seq": sub.delivered_seq,
                "last_change": info["last_change"],
                "has_more_before": state["has_more_before"],
                "ref": ref,
            }
        )
        if first_time and self.came_online:
            await self._send_presence(sub, online=True)

    async def handle_unsubscribe(self, frame: dict, ref: Any) -> None:
        slug = _str(frame, "channel", max_length=80)
        for sub in [s for s in self.subs.values() if s.slug == slug]:
            await self._drop(sub, "unsubscribed")

    async def handle_send(self, frame: dict, ref: Any) -> None:
        slug = _str(frame, "channel", max_length=80)
        reply_to = _int(frame, "reply_to", required=False)
        message = await database_sync_to_async(_in_channel)(
            self.user,
            slug,
            lambda channel: messaging.do_send_message(
                channel,
                self.user,
                body=frame.get("body"),
                topic=frame.get("topic"),
                reply_to_seq=reply_to,
                client_ref=str(ref) if ref is not None else "",
            ),
        )
        await self.send_json({"type": "ack", "ref": ref, "channel": slug, "seq": message.seq})

    async def _on_message(self, frame: dict, ref: Any, action) -> None:
        slug = _str(frame, "channel", max_length=80)
        seq = frame.get("seq")  # checked by the service, after access: bad input must not reveal the channel
        await database_sync_to_async(_on_message)(self.user, slug, seq, action)
        await self.send_json({"type": "ack", "ref": ref, "channel": slug, "seq": seq})

    async def handle_edit(self, frame: dict, ref: Any) -> None:
        body = frame.get("body")
        await self._on_message(frame, ref, lambda m: messaging.do_edit_message(m, self.user, body=body))

    async def handle_delete(self, frame: dict, ref: Any) -> None:
        await self._on_message(frame, ref, lambda m: messaging.do_delete_message(m, self.user))

    async def handle_react(self, frame: dict, ref: Any) -> None:
        add = frame.get("add", True)
        if not isinstance(add, bool):
            raise InvalidInput("'add' must be true or false.")
        emoji = _str(frame, "emoji", max_length=32)
        await self._on_message(frame, ref, lambda m: messaging.do_react(m, self.user, emoji=emoji, add=add))

    async def handle_report(self, frame: dict, ref: Any) -> None:
        reason = frame.get("reason")
        await self._on_message(
            frame, ref, lambda m: moderation.do_report_message(m, self.user, reason=reason)
        )

    async def handle_hide(self, frame: dict, ref: Any) -> None:
        reason = frame.get("reason")
        await self._on_message(frame, ref, lambda m: moderation.do_hide_message(m, self.user, reason=reason))

    async def handle_mark_read(self, frame: dict, ref: Any) -> None:
        slug = _str(frame, "channel", max_length=80)
        seq = frame.get("seq")  # checked by the service, after access
        mark = await database_sync_to_async(_in_channel)(
            self.user, slug, lambda channel: messaging.do_mark_read(channel, self.user, seq=seq)
        )
        await self.send_json({"type": "ack", "ref": ref, "channel": slug, "seq": mark})

    async def handle_history(self, frame: dict, ref: Any) -> None:
        channel = await self._channel(frame)
        before = _int(frame, "before", required=False)
        limit = _int(frame, "limit", required=False) or 50
        limit = max(1, min(limit, HISTORY_PAGE_MAX))
        messages, has_more = await database_sync_to_async(selectors.messages_before)(
            channel, before, limit=limit
        )
        payloads = await database_sync_to_async(lambda: [notify_message(m) for m in messages])()
        await self.send_json(
            {
                "type": "history",
                "channel": channel.slug,
                "messages": payloads,
                "has_more": has_more,
                "ref": ref,
            }
        )

    async def handle_typing(self, frame: dict, ref: Any) -> None:
        slug = _str(frame, "channel", max_length=80)
        sub = next((s for s in self.subs.values() if s.slug == slug), None)
        if sub is None:
            raise NotFound("Subscribe to the channel first.")
        now = time.monotonic()
        if now - sub.typing_at < TYPING_MIN_INTERVAL:
            return  # a typing indicator is already showing; nothing is lost by not repeating it
        sub.typing_at = now
        topic = frame.get("topic") if isinstance(frame.get("topic"), str) else ""
        event = {
            "type": "typing",
            "channel": sub.slug,
            "topic": topic[:60],
            "user": {"id": self.user.pk, "name": display_name(self.user)},
        }
        await self.channel_layer.group_send(sub.group, channel_group_message(sub.channel_id, event))

    async def handle_presence(self, frame: dict, ref: Any) -> None:
        channel = await self._channel(frame)
        people = await database_sync_to_async(selectors.online_readers)(channel)
        await self.send_json(
            {
                "type": "presence_list",
                "channel": channel.slug,
                "online": [{"id": p.pk, "name": display_name(p)} for p in people[:200]],
                "ref": ref,
            }
        )

    async def handle_members(self, frame: dict, ref: Any) -> None:
        channel = await self._channel(frame)
        query = _str(frame, "q", required=False, max_length=50).strip()
        members = await database_sync_to_async(_members)(self.user, channel, query) if query else []
        await self.send_json({"type": "members", "channel": channel.slug, "members": members, "ref": ref})

    async def handle_channels(self, frame: dict, ref: Any) -> None:
        payload = await database_sync_to_async(_channel_list)(self.user)
        await self.send_json({**payload, "ref": ref})

    async def handle_ping(self, frame: dict, ref: Any) -> None:
        """Keep presence alive, re-join groups (a restarted Redis forgets them) and fill any gaps."""
        await database_sync_to_async(presence.do_touch_presence)(self.user, self.channel_name)
        await self.channel_layer.group_add(self.user_group, self.channel_name)
        for sub in self.subs.values():
            await self.channel_layer.group_add(sub.group, self.channel_name)
        await self._recheck_access()
        last = await database_sync_to_async(_last_seqs)(list(self.subs))
        for channel_id, last_seq in last.items():
            sub = self.subs.get(channel_id)
            if sub is not None:
                await self._fill_gap(sub, last_seq)
        await self.send_json({"type": "pong", "ref": ref})

    HANDLERS = {
        "subscribe": handle_subscribe,
        "unsubscribe": handle_unsubscribe,
        "send": handle_send,
        "edit": handle_edit,
        "delete": handle_delete,
        "react": handle_react,
        "report": handle_report,
        "hide": handle_hide,
        "mark_read": handle_mark_read,
        "history": handle_history,
        "typing": handle_typing,
        "presence": handle_presence,
        "members": handle_members,
        "channels": handle_channels,
        "ping": handle_ping,
    }

    # --- delivery ----------------------------------------------------------------------------------------------

    async def _deliver(self, sub: Subscription, payload: dict, text: str | None = None) -> None:
        """Send one new message if it is the next one; fill the gap first when some are missing."""
        seq = payload["seq"]
        if seq <= sub.delivered_seq:
            return
        if seq > sub.delivered_seq + 1:
            await self._fill_gap(sub, seq)
            return
        await self.send(text_data=text or encode(payload))
        sub.delivered_seq = seq

    async def _fill_gap(self, sub: Subscription, up_to: int) -> None:
        """Send every message after the last delivered one, up to at least ``up_to``, from the database."""
        while sub.delivered_seq < up_to:
            batch = await database_sync_to_async(_messages_after)(sub.channel_id, sub.delivered_seq)
            if not batch:
                return
            for payload in batch:
                if payload["seq"] > sub.delivered_seq:
                    await self.send_json(payload)
                    sub.delivered_seq = payload["seq"]

    async def _send_presence(self, sub: Subscription, *, online: bool) -> None:
        event = {
            "type": "presence",
            "channel": sub.slug,
            "user": {"id": self.user.pk, "name": display_name(self.user)},
            "online": online,
        }
        await self.channel_layer.group_send(sub.group, channel_group_message(sub.channel_id, event))

    async def _drop(self, sub: Subscription, reason: str) -> None:
        self.subs.pop(sub.channel_id, None)
        await self.channel_layer.group_discard(sub.group, self.channel_name)
        await self.send_json({"type": "unsubscribed", "channel": sub.slug, "reason": reason})

    async def _recheck_access(self) -> None:
        """Drop every subscription whose channel the person may no longer read."""
        subs = list(self.subs.values())
        if not subs:
            return
        readable = await database_sync_to_async(_still_readable)(self.user, [sub.channel_id for sub in subs])
        for sub in subs:
            if sub.channel_id not in readable:
                await self._drop(sub, "removed")

    # --- group events ------------------------------------------------------------------------------------------

    async def chat_event(self, event: dict) -> None:
        sub = self.subs.get(event["channel_id"])
        if sub is None:
            return
        payload, text = event["event"], event.get("text") or encode(event["event"])
        kind = payload["type"]
        if kind == "message":
            await self._deliver(sub, payload, text)
        elif kind == "message_updated":
            if payload["seq"] > sub.delivered_seq:
                await self._fill_gap(sub, payload["seq"])
            else:
                await self.send(text_data=text)
        elif kind in {"typing", "presence"} and payload["user"]["id"] == self.user.pk:
            return
        else:
            await self.send(text_data=text)

    async def chat_user_event(self, event: dict) -> None:
        await self.send_json(event["event"])

    async def chat_access_revoked(self, event: dict) -> None:
        sub = self.subs.get(event["channel_id"])
        if sub is not None:
            await self._drop(sub, event.get("reason", "removed"))
        else:
            await self.send_json(
                {"type": "unsubscribed", "channel": event["slug"], "reason": event.get("reason")}
            )

    async def chat_access_recheck(self, event: dict) -> None:
        await self._recheck_access()
        await self.send_json({"type": "channels_changed"})
