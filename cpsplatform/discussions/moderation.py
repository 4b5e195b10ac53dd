"""Reporting messages and hiding them. Moderators are explicit ``ChannelMember`` rows with the moderator role."""

from django.db import transaction
from django.utils import timezone

from cpsplatform.accounts.names import display_name
from cpsplatform.audit.services import log_action

from .checks import check_can_moderate, check_can_read
from .errors import InvalidInput
from .formatting import excerpt
from .messaging import allocate, announce, load_message
from .models import ChannelMember, MemberRole, Message, MessageReport
from .notify import send_user_event
from .signals import message_deleted

MAX_REASON_CHARS = 300


def _clean_reason(reason) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput("Please give a reason.")
    return " ".join(reason.split())[:MAX_REASON_CHARS]


def do_report_message(message: Message, reporter, *, reason: str) -> MessageReport:
    """Report a message to the channel's moderators (once per reporter; a second report updates the reason)."""
    reason = _clean_reason(reason)
    check_can_read(reporter, message.channel)
    with transaction.atomic():
        report, created = MessageReport.objects.update_or_create(
            message=message, reporter=reporter, defaults={"reason": reason, "resolved_at": None}
        )
        log_action(
            "discussions.message.reported",
            actor=reporter,
            subject=message,
            data={"channel": message.channel.slug, "seq": message.seq, "reason": reason},
        )
        moderators = ChannelMember.objects.filter(channel=message.channel, role=MemberRole.MODERATOR)
        for moderator_id in moderators.values_list("user_id", flat=True):
            send_user_event(
                moderator_id,
                {
                    "type": "report",
                    "channel": message.channel.slug,
                    "seq": message.seq,
                    "reason": reason,
                    "reporter": display_name(reporter),
                    "excerpt": excerpt(message.body, 120),
                },
            )
    return report


def do_hide_message(message: Message, moderator, *, reason: str) -> Message:
    """Hide a message from every reader, with a reason shown in its place. Open reports of it are resolved."""
    reason = _clean_reason(reason)
    check_can_moderate(moderator, message.channel)
    if message.hidden_at is not None:
        return message
    with transaction.atomic():
        locked = allocate(message.channel, new_message=False)
        now = timezone.now()
        Message.objects.filter(pk=message.pk).update(
            hidden_at=now, hidden_by=moderator, hidden_reason=reason, change=locked.last_change
        )
        MessageReport.objects.filter(message=message, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=moderator
        )
        log_action(
            "discussions.message.hidden",
            actor=moderator,
            subject=message,
            data={"channel": message.channel.slug, "seq": message.seq, "reason": reason},
        )
        updated = load_message(message.pk)
        announce(updated, "message_updated")
        message_deleted.send(sender=Message, message=updated)
    return updated
