"""E-mail digests of mentions for people who were away.

A mention is e-mailed when, ``delay`` after it was made, its message is still visible, still unread by the person
(beyond their read mark in that channel), the person can still read the channel and is not online. Each person gets
at most one e-mail per run, listing all such mentions; every mention is e-mailed at most once. Mentions the person
read in time are marked handled without an e-mail. So are mentions of people whose notification settings say
"daily digest" (the notification centre's digest carries them) or "no e-mail" for mentions.
"""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cpsplatform.accounts.names import display_name
from cpsplatform.links import absolute_url
from cpsplatform.notifications.kinds import EmailChoice
from cpsplatform.notifications.mail import unsubscribe_url
from cpsplatform.notifications.selectors import email_choices

from . import selectors
from .formatting import excerpt
from .models import MessageMention
from .notification_kinds import MENTION

DIGEST_DELAY = timedelta(minutes=10)


def do_send_mention_digests(*, delay: timedelta = DIGEST_DELAY, now=None) -> int:
    """Send the due digests; returns how many e-mails went out."""
    now = now or timezone.now()
    due = (
        MessageMention.objects.filter(emailed_at__isnull=True, created_at__lte=now - delay)
        .select_related("user", "message", "message__channel", "message__sender")
        .order_by("user_id", "message__channel_id", "message__seq")
    )
    by_user: dict[int, list[MessageMention]] = defaultdict(list)
    for mention in due:
        by_user[mention.user_id].append(mention)
    online = selectors.online_user_ids(list(by_user))
    wants_mail = email_choices(list(by_user), MENTION)
    sent = 0
    for user_id, mentions in by_user.items():
        if user_id in online:
            continue  # they are here: the page already showed the mention
        user = mentions[0].user
        channel_ids = {m.message.channel_id for m in mentions}
        readable = set(
            selectors.channels_readable_by(user).filter(pk__in=channel_ids).values_list("pk", flat=True)
        )
        read = selectors.last_read_seqs(user, channel_ids)
        unread = [
            m
            for m in mentions
            if m.message.channel_id in readable
            and m.message.is_visible
            and m.message.seq > read.get(m.message.channel_id, 0)
        ]
        with transaction.atomic():
            MessageMention.objects.filter(pk__in=[m.pk for m in mentions]).update(emailed_at=now)
            if unread and user.is_active and user.email and wants_mail[user_id] == EmailChoice.IMMEDIATELY:
                _send_digest(user, unread)
                sent += 1
    return sent


def _send_digest(user, mentions: list[MessageMention]) -> None:
    items = [
        {
            "channel": m.message.channel.name,
            "topic": m.message.topic,
            "sender": display_name(m.message.sender),
            "excerpt": excerpt(m.message.body, 160),
            "url": absolute_url(reverse("discussions:channel", kwargs={"slug": m.message.channel.slug})),
        }
        for m in mentions
    ]
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "name": display_name(user),
            "items": items,
            "count": len(items),
            "unsubscribe_url": unsubscribe_url(user.pk, MENTION),
        }
        subject = render_to_string("discussions/email/mention_digest_subject.txt", context).strip()
        body = render_to_string("discussions/email/mention_digest.txt", context)
    send_mail(subject, body, None, [user.email])
