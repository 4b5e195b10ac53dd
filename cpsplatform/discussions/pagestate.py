"""The starting state of the chat page: the channel list with exact unread counts, and the page's strings in the
reader's language (the script has no translation catalogue of its own)."""

from django.utils.translation import gettext as _

from cpsplatform.accounts.names import display_name

from . import selectors
from .models import Channel, ChannelKind, ChannelMember
from .notify import notify_channel

#: Sidebar order of the kinds.
KIND_ORDER = [
    ChannelKind.POLICY,
    ChannelKind.PUBLIC,
    ChannelKind.VENDORS,
    ChannelKind.USERS,
    ChannelKind.INTRODUCTION,
    ChannelKind.EVENT,
    ChannelKind.PRIVATE,
    ChannelKind.DIRECT,
]


def direct_titles(user, channels: list[Channel]) -> dict[int, str]:
    """For direct channels: the names of the *other* people in it."""
    ids = [c.pk for c in channels if c.kind == ChannelKind.DIRECT]
    names: dict[int, list[str]] = {pk: [] for pk in ids}
    rows = ChannelMember.objects.filter(channel_id__in=ids).exclude(user=user).select_related("user")
    for row in rows:
        names[row.channel_id].append(display_name(row.user))
    return {pk: ", ".join(sorted(people)) or _("Only you") for pk, people in names.items()}


def sidebar_channels(user) -> list[dict]:
    channels = list(selectors.channels_readable_by(user))
    read = selectors.last_read_seqs(user, [c.pk for c in channels])
    # Only a channel with messages past the reader's mark can have unread ones: count in those alone.
    maybe_unread = [c.pk for c in channels if c.last_seq > read.get(c.pk, 0)]
    unread = selectors.unread_counts(user, maybe_unread) if maybe_unread else {}
    titles = direct_titles(user, channels)
    moderated = set(
        ChannelMember.objects.filter(user=user, role="moderator", channel__in=channels).values_list(
            "channel_id", flat=True
        )
    )
    rows = [
        {
            **notify_channel(c),
            "name": titles.get(c.pk, c.name),
            "kind_label": str(ChannelKind(c.kind).label),
            "unread": unread.get(c.pk, 0),
            "read_seq": read.get(c.pk, 0),
            "moderator": c.pk in moderated,
        }
        for c in channels
    ]
    rows.sort(key=lambda row: (row["archived"], KIND_ORDER.index(row["kind"]), row["name"].casefold()))
    return rows


def chat_strings() -> dict[str, str]:
    return {
        "connecting": _("Connecting…"),
        "connected": _("Connected"),
        "reconnecting": _("Connection lost — reconnecting…"),
        "send": _("Send"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "reply": _("Reply"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "report": _("Report"),
        "hide": _("Hide"),
        "react": _("React"),
        "edited": _("(edited)"),
        "deleted": _("This message was deleted."),
        "hidden": _("Hidden by a moderator: %(reason)s"),
        "replying_to": _("Replying to %(name)s"),
        "editing": _("Editing your message"),
        "topic": _("Topic"),
        "all_topics": _("All topics"),
        "no_topic": _("(no topic)"),
        "message_placeholder": _(
            "Write a message… (**bold**, *italic*, `code`, links, @**Name** to mention)"
        ),
        "typing_one": _("%(name)s is typing…"),
        "typing_many": _("Several people are typing…"),
        "online": _("Online"),
        "nobody_online": _("Nobody else is online."),
        "load_older": _("Load older messages"),
        "beginning": _("This is the beginning of the channel."),
        "inbox": _("Inbox"),
        "inbox_empty": _("You are all caught up."),
        "unread": _("unread"),
        "archived": _("This channel is archived: you can read it, not post in it."),
        "read_only": _("Only policy staff post here. You can read and react."),
        "confirm_delete": _("Delete this message?"),
        "report_reason": _("Why should moderators look at this message?"),
        "hide_reason": _("Reason for hiding (shown in its place):"),
        "mentioned_you": _("%(name)s mentioned you in %(channel)s"),
        "reported": _("Thank you — the moderators were told."),
        "removed": _("You are no longer a member of %(channel)s."),
        "error": _("Could not do that: %(message)s"),
        "rate_limited": _("Slow down a little — retrying…"),
        "message_to": _("Message to %(name)s"),
        "direct": _("Message"),
        "new_messages": _("New messages"),
        "empty_channel": _("No messages yet. Say hello!"),
        "choose_channel": _("Choose a channel on the left."),
    }
