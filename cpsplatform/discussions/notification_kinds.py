"""Mentions in the notification centre.

A mention shows under the bell at once. Its immediate e-mail stays the discussions' own (``digests``): it waits a
few minutes and goes only if the mention is still unread and the person is away, so nobody is mailed about what
they just read. The person's choice for this kind decides whether that mail goes (at once), or the mention waits
for the daily digest of notifications instead, or no mail at all — never two mails for one mention.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cpsplatform.accounts.names import display_name
from cpsplatform.notifications import kinds
from cpsplatform.notifications.kinds import EmailDelivery, NotificationKind
from cpsplatform.notifications.services import notify

from .formatting import excerpt
from .models import Message

MENTION = "discussions.mention"

KINDS = [
    NotificationKind(
        MENTION,
        _("Mentioned in a discussion"),
        _("%(sender)s mentioned you in %(channel)s."),
        _("Discussions"),
        delivery=EmailDelivery.APP_IMMEDIATE,
    )
]


def register_kinds() -> None:
    for kind in KINDS:
        kinds.register(kind)


def notify_mentions(message: Message, user_ids) -> None:
    """Inside the transaction that stored the message (or its edit)."""
    ids = [user_id for user_id in user_ids if user_id != message.sender_id]
    if not ids:
        return
    notify(
        get_user_model().objects.filter(pk__in=ids),
        MENTION,
        params={"sender": display_name(message.sender), "channel": message.channel.name},
        url=reverse("discussions:channel", kwargs={"slug": message.channel.slug}),
        actor=message.sender,
        summary=excerpt(message.body, 200),
    )
