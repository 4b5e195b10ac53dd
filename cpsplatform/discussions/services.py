"""The discussions service API: every change to channels, membership and messages goes through here.

Other apps call these (never the models directly):

- ``do_create_channel(kind=, name=, slug=None, description="", created_by=None, organisations=(), key=None)``
  — idempotent by ``key`` (``"introduction:42"``, ``"event:7"``): a second call returns the first channel.
- ``do_add_member(channel, user, role="member")`` / ``do_remove_member(channel, user)`` — explicit membership of
  private, event and direct channels, and the moderator role of any channel. Removal drops the person's live
  subscriptions at once.
- ``do_set_channel_organisations(channel, organisations)`` — who an introduction channel is for.
- ``do_archive_channel(channel)`` — read-only from then on.
- ``do_open_direct(user, others)`` — the direct-message channel of two people or a small group.
- message functions (``do_send_message``, ``do_edit_message``, ``do_delete_message``, ``do_react``,
  ``do_mark_read``) live in ``messaging.py``, moderation (``do_report_message``, ``do_hide_message``) in
  ``moderation.py``; both are re-exported here.

``check_*`` functions raise ``errors.ChatError`` subclasses; ``do_*`` functions own their transaction, write the
audit trail in it, and tell live clients only after commit.
"""

import secrets
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from cpsplatform.accounts.names import display_name
from cpsplatform.audit.services import log_action
from cpsplatform.organisations.models import Membership

from . import selectors
from .checks import check_can_create_channel, check_can_moderate, check_can_post, check_can_read
from .errors import InvalidInput, NotAllowed
from .models import EXPLICIT_MEMBERSHIP_KINDS, Channel, ChannelKind, ChannelMember, MemberRole
from .notify import notify_channel, send_access_revoked, send_channel_event, send_user_event

#: The most people a direct-message group may have (the sender included).
MAX_DIRECT_PARTICIPANTS = 8


# --- channels ---------------------------------------------------------------------------------------------------


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "channel")[:70].strip("-") or "channel"
    slug, n = base, 1
    while Channel.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}" if n < 50 else f"{base}-{secrets.token_hex(3)}"
    return slug


def do_create_channel(
    *,
    kind: str,
    name: str,
    slug: str | None = None,
    description: str = "",
    created_by=None,
    organisations: Iterable = (),
    key: str | None = None,
) -> Channel:
    """Create a channel, or return the existing one with the same ``key``.

    The creator (if any) becomes its moderator — and, for private channels, its first member. Introduction channels
    are readable by the members of ``organisations``; event channels by the people the events app adds.
    """
    if kind not in ChannelKind.values:
        raise InvalidInput(f"Unknown channel kind {kind!r}.")
    name = (name or "").strip()[:200]
    if not name:
        raise InvalidInput("A channel needs a name.")
    if key:
        existing = Channel.objects.filter(key=key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            channel = Channel.objects.create(
                kind=kind,
                name=name,
                slug=_unique_slug(slug or (key.replace(":", "-").replace(",", "-") if key else name)),
                description=description.strip(),
                created_by=created_by if getattr(created_by, "pk", None) else None,
                key=key or None,
            )
            channel.organisations.set(list(organisations))
            if channel.created_by_id and kind != ChannelKind.DIRECT:
                ChannelMember.objects.create(
                    channel=channel, user=created_by, role=MemberRole.MODERATOR, added_by=created_by
                )
            log_action(
                "discussions.channel.created",
                actor=created_by,
                subject=channel,
                data={"kind": kind, "key": key or "", "slug": channel.slug},
            )
    except IntegrityError:
        # Another request created the same key first: that channel is the answer.
        if key:
            existing = Channel.objects.filter(key=key).first()
            if existing is not None:
                return existing
        raise
    return channel


def do_set_channel_organisations(channel: Channel, organisations: Iterable, *, actor=None) -> None:
    """Set which organisations an introduction channel is for; people who lose access lose it at once."""
    organisations = list(organisations)
    with transaction.atomic():
        before = set(selectors.readers_of(channel).values_list("pk", flat=True))
        channel.organisations.set(organisations)
        after = set(selectors.readers_of(channel).values_list("pk", flat=True))
        log_action(
            "discussions.channel.organisations_set",
            actor=actor,
            subject=channel,
            data={"organisations": [org.pk for org in organisations]},
        )
        for user_id in before - after:
            send_access_revoked(user_id, channel, "removed")
        for user_id in after - before:
            send_user_event(user_id, {"type": "channel_added", "channel": notify_channel(channel)})


def do_add_member(channel: Channel, user, *, role: str = MemberRole.MEMBER, added_by=None) -> ChannelMember:
    """Add ``user`` to ``channel`` (or change their role). Idempotent.

    For organisation-derived kinds a row only matters with ``role="moderator"``: it never grants reading.
    """
    if role not in MemberRole.values:
        raise InvalidInput(f"Unknown role {role!r}.")
    if not user.is_active:
        raise InvalidInput("That account is not active.")
    with transaction.atomic():
        member, created = ChannelMember.objects.get_or_create(
            channel=channel, user=user, defaults={"role": role, "added_by": added_by}
        )
        if not created and member.role != role:
            member.role = role
            member.save(update_fields=["role"])
        elif not created:
            return member
        log_action(
            "discussions.member.added" if created else "discussions.member.role_changed",
            actor=added_by,
            subject=channel,
            data={"user": user.pk, "role": role},
        )
        if created:
            send_user_event(user.pk, {"type": "channel_added", "channel": notify_channel(channel)})
    return member


def do_remove_member(channel: Channel, user, *, removed_by=None) -> None:
    """Remove ``user``'s row from ``channel``. If that ends their access, their live subscriptions are dropped at
    once (not at their next reconnect)."""
    with transaction.atomic():
        deleted, _ = ChannelMember.objects.filter(channel=channel, user=user).delete()
        if not deleted:
            return
        log_action("discussions.member.removed", actor=removed_by, subject=channel, data={"user": user.pk})
        if channel.kind in EXPLICIT_MEMBERSHIP_KINDS or not selectors.can_read(user, channel):
            send_access_revoked(user.pk, channel, "removed")


def do_archive_channel(channel: Channel, *, archived_by=None) -> Channel:
    """Make ``channel`` read-only. History stays readable."""
    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        if locked.archived_at is None:
            locked.archived_at = timezone.now()
            locked.save(update_fields=["archived_at"])
            log_action("discussions.channel.archived", actor=archived_by, subject=locked)
            send_channel_event(locked, {"type": "channel_updated", "channel": notify_channel(locked)})
    channel.archived_at = locked.archived_at
    return locked


def do_open_direct(user, others: Sequence) -> Channel:
    """The direct-message channel of ``user`` and ``others`` (2 to ``MAX_DIRECT_PARTICIPANTS`` people)."""
    people = {person.pk: person for person in [user, *others]}
    if len(people) < 2:
        raise InvalidInput("Choose at least one other person.")
    if len(people) > MAX_DIRECT_PARTICIPANTS:
        raise InvalidInput(f"A direct conversation has at most {MAX_DIRECT_PARTICIPANTS} people.")
    participants = Membership.objects.filter(user_id__in=people, user__is_active=True).values("user_id")
    if len({row["user_id"] for row in participants}) != len(people):
        raise NotAllowed("Direct messages are between members of organisations on the platform.")
    key = "direct:" + ",".join(str(pk) for pk in sorted(people))
    names = ", ".join(sorted(display_name(person) for person in people.values()))
    with transaction.atomic():
        channel = do_create_channel(
            kind=ChannelKind.DIRECT, name=names, slug=f"dm-{secrets.token_hex(6)}", key=key
        )
        for person in people.values():
            do_add_member(channel, person, added_by=user)
    return channel


# The message and moderation services are part of this API.
from .messaging import (  # noqa: E402
    REACTIONS,
    do_delete_message,
    do_edit_message,
    do_mark_read,
    do_react,
    do_send_message,
)
from .moderation import do_hide_message, do_report_message  # noqa: E402

__all__ = [
    "MAX_DIRECT_PARTICIPANTS",
    "REACTIONS",
    "check_can_create_channel",
    "check_can_moderate",
    "check_can_post",
    "check_can_read",
    "do_add_member",
    "do_archive_channel",
    "do_create_channel",
    "do_delete_message",
    "do_edit_message",
    "do_hide_message",
    "do_mark_read",
    "do_open_direct",
    "do_react",
    "do_remove_member",
    "do_report_message",
    "do_send_message",
    "do_set_channel_organisations",
]
