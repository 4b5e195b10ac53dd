"""Posting, editing, deleting and reacting to messages, and read state.

Sequence numbers: ``allocate`` increments the channel's counters with an ``UPDATE`` as the *first* statement of
the transaction. That UPDATE takes the channel's row lock (PostgreSQL) or the database write lock (SQLite) and
holds it until commit, so two messages of one channel commit in the order of their numbers. Permission checks run
before the transaction (they are reads), and the archived flag is checked again under the lock.
"""

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from cpsplatform.accounts.names import display_name
from cpsplatform.edge.ids import MAX_ID

from . import selectors
from .checks import check_can_post, check_can_read
from .errors import InvalidInput, NotAllowed, NotFound
from .formatting import excerpt, render_body
from .models import Channel, Message, MessageMention, Reaction, ReadState
from .notification_kinds import notify_mentions
from .notify import notify_message, send_channel_event, send_user_event
from .signals import message_deleted, message_saved

#: Short enough that a message in Japanese (3 bytes a character in UTF-8) fits the WebSocket's 8 KB frame limit.
MAX_BODY_CHARS = 2000
MAX_TOPIC_CHARS = 60
MAX_MENTIONS = 20
#: The reactions offered (a short fixed set keeps the feature light and the data clean).
REACTIONS = ("👍", "❤️", "🎉", "😄", "🤔", "👀", "✅", "🙏")


def allocate(channel: Channel, *, new_message: bool) -> Channel:
    """Take the next change number (and message number when ``new_message``) of ``channel``.

    Precondition: called inside ``transaction.atomic()`` before any other query of that transaction. Returns the
    locked channel row with the new counters; it refuses archived channels.
    """
    counters = {"last_change": F("last_change") + 1}
    if new_message:
        counters["last_seq"] = F("last_seq") + 1
    Channel.objects.filter(pk=channel.pk).update(**counters)
    locked = Channel.objects.get(pk=channel.pk)
    if locked.archived_at is not None:
        raise NotAllowed("This channel is archived and read-only.", code="archived")
    return locked


def _clean_body(body) -> str:
    if not isinstance(body, str):
        raise InvalidInput("The message text must be a string.")
    body = body.strip()
    if not body:
        raise InvalidInput("The message is empty.")
    if len(body) > MAX_BODY_CHARS:
        raise InvalidInput(f"A message has at most {MAX_BODY_CHARS} characters.")
    return body


def _clean_topic(topic) -> str:
    if topic is None:
        return ""
    if not isinstance(topic, str):
        raise InvalidInput("The topic must be a string.")
    topic = " ".join(topic.split())
    if len(topic) > MAX_TOPIC_CHARS:
        raise InvalidInput(f"A topic has at most {MAX_TOPIC_CHARS} characters.")
    return topic


def _mention_resolver(channel: Channel, author):
    """Resolve ``@**name**`` to readers of ``channel`` by display name or e-mail; nobody else can be mentioned."""
    readers = selectors.readers_of(channel)
    seen: dict[str, tuple[int, str] | None] = {}

    def resolve(name: str):
        key = name.casefold()
        if key not in seen:
            if len(seen) >= MAX_MENTIONS:
                return None
            person = (
                readers.filter(Q(display_name__iexact=name) | Q(email__iexact=name)).order_by("pk").first()
            )
            seen[key] = (person.pk, display_name(person)) if person else None
        return seen[key]

    return resolve


def load_message(message_id: int) -> Message:
    return (
        Message.objects.select_related("channel", "sender", "reply_to", "reply_to__sender")
        .prefetch_related("reactions", "mentions")
        .get(pk=message_id)
    )


def announce(message: Message, event_type: str) -> None:
    send_channel_event(message.channel, notify_message(message, event_type=event_type))


def _notify_mentioned(message: Message, user_ids) -> None:
    notify_mentions(message, user_ids)
    for user_id in user_ids:
        if user_id == message.sender_id:
            continue
        send_user_event(
            user_id,
            {
                "type": "mention",
                "channel": message.channel.slug,
                "channel_name": message.channel.name,
                "seq": message.seq,
                "topic": message.topic,
                "sender": display_name(message.sender),
                "excerpt": excerpt(message.body, 120),
            },
        )


def do_send_message(
    channel: Channel,
    sender,
    *,
    body: str,
    topic: str = "",
    reply_to_seq: int | None = None,
    client_ref: str = "",
) -> Message:
    """Persist a new message, then (after commit) tell the channel's live subscribers and the people mentioned.

    ``client_ref`` makes the call idempotent per sender and channel: a client resending after a dropped connection
    gets the message it already posted back, and nobody sees it twice.
    """
    check_can_post(sender, channel)  # first: bad input must not tell an outsider the channel exists
    body = _clean_body(body)
    topic = _clean_topic(topic)
    client_ref = (client_ref or "")[:64] if isinstance(client_ref, str) else ""
    reply_to = None
    if reply_to_seq is not None:
        reply_to = Message.objects.filter(channel=channel, seq=reply_to_seq).select_related("sender").first()
        if reply_to is None:
            raise InvalidInput("The message you reply to does not exist.")
        if not topic:
            topic = reply_to.topic
    html, mentioned = render_body(body, _mention_resolver(channel, sender) if "@**" in body else None)
    mentioned = [user_id for user_id in mentioned if user_id != sender.pk]
    try:
        with transaction.atomic():
            locked = allocate(channel, new_message=True)
            message = Message.objects.create(
                channel=locked,
                seq=locked.last_seq,
                change=locked.last_change,
                sender=sender,
                topic=topic,
                body=body,
                body_html=html,
                reply_to=reply_to,
                client_ref=client_ref,
            )
            MessageMention.objects.bulk_create(
                [MessageMention(message=message, user_id=uid) for uid in mentioned]
            )
            send_channel_event(locked, notify_message(message, reactions=[], mention_ids=mentioned))
            _notify_mentioned(message, mentioned)
            message_saved.send(sender=Message, message=message, created=True)
    except IntegrityError:
        # The unique client_ref: this is a resend of a message already stored (nothing of this attempt was kept).
        existing = Message.objects.filter(channel=channel, sender=sender, client_ref=client_ref).first()
        if client_ref and existing is not None:
            return load_message(existing.pk)
        raise
    channel.last_seq, channel.last_change = message.seq, message.change
    return message


def _check_own_visible(message: Message, user) -> None:
    if message.sender_id != user.pk:
        raise NotAllowed("You can only change your own messages.")
    if message.deleted_at is not None or message.hidden_at is not None:
        raise InvalidInput("That message was deleted or hidden.")


def do_edit_message(message: Message, user, *, body: str) -> Message:
    """Replace the text of one's own message; it shows as edited. New mentions are notified."""
    body = _clean_body(body)
    check_can_post(user, message.channel)
    _check_own_visible(message, user)
    html, mentioned = render_body(body, _mention_resolver(message.channel, user))
    with transaction.atomic():
        locked = allocate(message.channel, new_message=False)
        already = set(MessageMention.objects.filter(message=message).values_list("user_id", flat=True))
        Message.objects.filter(pk=message.pk).update(
            body=body, body_html=html, edited_at=timezone.now(), change=locked.last_change
        )
        new_mentions = [user_id for user_id in mentioned if user_id not in already and user_id != user.pk]
        MessageMention.objects.bulk_create(
            [MessageMention(message=message, user_id=uid) for uid in new_mentions]
        )
        updated = load_message(message.pk)
        announce(updated, "message_updated")
        _notify_mentioned(updated, new_mentions)
        message_saved.send(sender=Message, message=updated, created=False)
    return updated


def do_delete_message(message: Message, user) -> Message:
    """Delete one's own message: the row stays (so numbering has no holes) and shows as deleted, without text."""
    check_can_post(user, message.channel)
    _check_own_visible(message, user)
    with transaction.atomic():
        locked = allocate(message.channel, new_message=False)
        Message.objects.filter(pk=message.pk).update(
            body="", body_html="", deleted_at=timezone.now(), change=locked.last_change
        )
        updated = load_message(message.pk)
        announce(updated, "message_updated")
        message_deleted.send(sender=Message, message=updated)
    return updated


def do_react(message: Message, user, *, emoji: str, add: bool = True) -> Message:
    """Add or take back a reaction. Any reader may react (also in policy channels), not in archived ones."""
    if emoji not in REACTIONS:
        raise InvalidInput("Unknown reaction.")
    check_can_read(user, message.channel)
    if message.channel.is_archived:
        raise NotAllowed("This channel is archived and read-only.", code="archived")
    if not message.is_visible:
        raise InvalidInput("That message was deleted or hidden.")
    exists = Reaction.objects.filter(message=message, user=user, emoji=emoji).exists()
    if exists == add:
        return load_message(message.pk)
    with transaction.atomic():
        locked = allocate(message.channel, new_message=False)
        if add:
            Reaction.objects.get_or_create(message=message, user=user, emoji=emoji)
        else:
            Reaction.objects.filter(message=message, user=user, emoji=emoji).delete()
        Message.objects.filter(pk=message.pk).update(change=locked.last_change)
        updated = load_message(message.pk)
        announce(updated, "message_updated")
    return updated


def do_mark_read(channel: Channel, user, *, seq: int) -> int:
    """Record that ``user`` has read ``channel`` up to ``seq`` (never moves backwards). Returns the read mark.

    The person's other open pages are told, so their unread counts agree.
    """
    check_can_read(user, channel)
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= MAX_ID:
        raise InvalidInput("seq must be a non-negative integer.")
    seq = min(seq, Channel.objects.values_list("last_seq", flat=True).get(pk=channel.pk))
    # Each write is one statement (the conditional UPDATE keeps the mark monotonic under concurrency).
    state, _ = ReadState.objects.get_or_create(channel=channel, user=user)
    if state.last_read_seq < seq:
        ReadState.objects.filter(pk=state.pk, last_read_seq__lt=seq).update(
            last_read_seq=seq, updated_at=timezone.now()
        )
    mark = ReadState.objects.values_list("last_read_seq", flat=True).get(pk=state.pk)
    send_user_event(user.pk, {"type": "read", "channel": channel.slug, "seq": mark})
    return mark


def get_readable_message(user, channel: Channel, seq) -> Message:
    """The message ``seq`` of ``channel`` for someone who may read it."""
    check_can_read(user, channel)  # first: bad input must not tell an outsider the channel exists
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= MAX_ID:
        raise InvalidInput("seq must be a non-negative integer.")
    message = selectors.get_message(channel, seq)
    if message is None:
        raise NotFound("No such message.")
    return message
