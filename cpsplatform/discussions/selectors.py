"""Read-only queries, and the one definition of "who may read which channel".

Access rules live in ``SIDE_RULES`` (organisation-derived kinds: which of a person's memberships count), the
introduction rule (membership of one of the channel's organisations) and ``ChannelMember`` rows (explicit kinds).
Three views of those same rules are derived here and nowhere else: ``readable_channels_q`` (the channels a person
may read — lists, the search permission filter), ``can_read`` (one channel, one small query — every action) and
``readers_of`` (the people who may read a channel — mentions, presence). ``tests/discussions`` checks that they
agree for every kind.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from cpsplatform.organisations.models import Membership, OrganisationKind

from .models import (
    EXPLICIT_MEMBERSHIP_KINDS,
    Channel,
    ChannelKind,
    ChannelMember,
    MemberRole,
    Message,
    PresenceConnection,
    ReadState,
)

#: A connection not seen for this long is considered gone (its server crashed or the network dropped).
PRESENCE_EXPIRY = timedelta(seconds=75)
#: Organisation kinds whose members read user-companies-only channels (the "needs" side).
NEEDS_SIDE_KINDS = frozenset({OrganisationKind.USER_COMPANY, OrganisationKind.UNIVERSITY})
#: For organisation-derived kinds other than introductions: the memberships (a filter on ``Membership``) that let
#: a person read channels of that kind. ``Q()``: a membership of any organisation.
SIDE_RULES: dict[str, Q] = {
    ChannelKind.PUBLIC: Q(),
    ChannelKind.POLICY: Q(),
    ChannelKind.VENDORS: Q(organisation__kind=OrganisationKind.VENDOR),
    ChannelKind.USERS: Q(organisation__kind__in=NEEDS_SIDE_KINDS),
}

_NOTHING = Q(pk__in=[])


def _is_active_user(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def readable_channels_q(user) -> Q:
    """A filter on ``Channel`` matching exactly the channels ``user`` may read right now.

    Organisation-derived kinds look at the user's *current* memberships, so leaving an organisation removes access
    at once; explicit kinds look at ``ChannelMember`` rows. It is one query: the membership tests are uncorrelated
    ``EXISTS`` subqueries the database evaluates once.
    """
    if not _is_active_user(user):
        return _NOTHING
    memberships = Membership.objects.filter(user=user)
    q = Q(
        kind__in=EXPLICIT_MEMBERSHIP_KINDS,
        pk__in=ChannelMember.objects.filter(user=user).values("channel_id"),
    )
    for kind, rule in SIDE_RULES.items():
        q |= Q(Exists(memberships.filter(rule)), kind=kind)
    q |= Q(
        kind=ChannelKind.INTRODUCTION,
        pk__in=Channel.organisations.through.objects.filter(organisation__memberships__user=user).values(
            "channel_id"
        ),
    )
    return q


def channels_readable_by(user) -> QuerySet[Channel]:
    return Channel.objects.filter(readable_channels_q(user))


def can_read(user, channel: Channel) -> bool:
    """May ``user`` read ``channel`` right now? (The same rules as ``readable_channels_q``, as one small query.)"""
    if not _is_active_user(user):
        return False
    kind = channel.kind
    if kind in EXPLICIT_MEMBERSHIP_KINDS:
        return ChannelMember.objects.filter(channel_id=channel.pk, user=user).exists()
    memberships = Membership.objects.filter(user=user)
    if kind in SIDE_RULES:
        return memberships.filter(SIDE_RULES[kind]).exists()
    if kind == ChannelKind.INTRODUCTION:
        return memberships.filter(organisation__discussion_channels=channel.pk).exists()
    return False


def is_policy_poster(user) -> bool:
    """Policy staff of a public agency that platform staff approved: the only people who post in policy
    channels (anyone may register an organisation of kind "public agency")."""
    return bool(
        _is_active_user(user)
        and user.is_policy_staff
        and Membership.objects.filter(
            user=user,
            organisation__kind=OrganisationKind.PUBLIC_AGENCY,
            organisation__confirmed_by_staff=True,
        ).exists()
    )


def can_post(user, channel: Channel) -> bool:
    if channel.is_archived or not can_read(user, channel):
        return False
    if channel.kind == ChannelKind.POLICY:
        return is_policy_poster(user)
    return True


def is_moderator(user, channel: Channel) -> bool:
    return (
        _is_active_user(user)
        and ChannelMember.objects.filter(channel=channel, user=user, role=MemberRole.MODERATOR).exists()
        and can_read(user, channel)
    )


def readers_of(channel: Channel) -> QuerySet:
    """Every active person who may read ``channel`` now (the same rules as ``readable_channels_q``)."""
    users = get_user_model().objects.filter(is_active=True)
    kind = channel.kind
    if kind in EXPLICIT_MEMBERSHIP_KINDS:
        return users.filter(pk__in=ChannelMember.objects.filter(channel=channel).values("user_id"))
    if kind in SIDE_RULES:
        return users.filter(pk__in=Membership.objects.filter(SIDE_RULES[kind]).values("user_id"))
    if kind == ChannelKind.INTRODUCTION:
        return users.filter(
            pk__in=Membership.objects.filter(organisation__discussion_channels=channel.pk).values("user_id")
        )
    return users.none()


def get_channel_for(user, slug: str) -> Channel | None:
    """The channel with ``slug`` if ``user`` may read it, else None (never tells which of the two it was)."""
    return channels_readable_by(user).filter(slug=slug).first()


# --- messages ---------------------------------------------------------------------------------------------------

_MESSAGE_RELATED = ("sender", "reply_to", "reply_to__sender")


def _messages(channel: Channel) -> QuerySet[Message]:
    # Through the related manager, every message knows its channel without another query.
    return channel.messages.all().select_related(*_MESSAGE_RELATED).prefetch_related("reactions", "mentions")


def messages_after(channel: Channel, after_seq: int, *, limit: int = 500) -> list[Message]:
    """Messages with ``seq > after_seq`` in order, at most ``limit`` of them."""
    return list(_messages(channel).filter(seq__gt=after_seq).order_by("seq")[:limit])


def messages_before(
    channel: Channel, before_seq: int | None, *, limit: int = 50
) -> tuple[list[Message], bool]:
    """The ``limit`` messages just before ``before_seq`` (the latest ones when None), oldest first, and whether
    older ones exist."""
    qs = _messages(channel)
    if before_seq is not None:
        qs = qs.filter(seq__lt=before_seq)
    page = list(qs.order_by("-seq")[: limit + 1])
    has_more = len(page) > limit
    return list(reversed(page[:limit])), has_more


def messages_changed_after(channel: Channel, *, up_to_seq: int, after_change: int) -> list[Message]:
    """Messages a client already has (``seq <= up_to_seq``) that changed after change number ``after_change``."""
    return list(
        _messages(channel).filter(seq__lte=up_to_seq, change__gt=after_change).order_by("change")[:1000]
    )


def get_message(channel: Channel, seq: int) -> Message | None:
    return _messages(channel).filter(seq=seq).first()


# --- read state, unread counts, inbox ----------------------------------------------------------------------------


def _unread_messages(user, channels: QuerySet[Channel] | list[int]) -> QuerySet[Message]:
    last_read = ReadState.objects.filter(channel=OuterRef("channel_id"), user=user).values("last_read_seq")[
        :1
    ]
    return (
        Message.objects.filter(channel__in=channels, deleted_at__isnull=True, hidden_at__isnull=True)
        .exclude(sender=user)
        .annotate(read_up_to=Coalesce(Subquery(last_read), Value(0)))
        .filter(seq__gt=F("read_up_to"))
    )


def unread_counts(user, channels: QuerySet[Channel] | list[int] | None = None) -> dict[int, int]:
    """Exact number of unread messages (visible, by others) per channel id; channels with none are absent.

    ``channels`` (channels or their ids) must be readable by ``user``; by default every readable channel."""
    channels = channels_readable_by(user) if channels is None else channels
    rows = _unread_messages(user, channels).order_by().values("channel_id").annotate(n=Count("pk"))
    return {row["channel_id"]: row["n"] for row in rows}


def unread_topics(user, *, limit: int = 100) -> list[dict]:
    """The inbox: topics with unread messages across every readable channel, most recent first."""
    rows = (
        _unread_messages(user, channels_readable_by(user))
        .order_by()
        .values("channel_id", "topic")
        .annotate(unread=Count("pk"), latest_seq=Max("seq"), first_unread_seq=Min("seq"))
        .order_by("-latest_seq")[:limit]
    )
    rows = list(rows)
    channels = Channel.objects.in_bulk({row["channel_id"] for row in rows})
    return [{**row, "channel": channels[row["channel_id"]]} for row in rows]


def last_read_seqs(user, channel_ids) -> dict[int, int]:
    return dict(
        ReadState.objects.filter(user=user, channel_id__in=channel_ids).values_list(
            "channel_id", "last_read_seq"
        )
    )


# --- presence ---------------------------------------------------------------------------------------------------


def online_user_ids(user_ids=None) -> set[int]:
    """Ids of people with a live connection (seen within ``PRESENCE_EXPIRY``), optionally among ``user_ids``."""
    qs = PresenceConnection.objects.filter(last_seen_at__gte=timezone.now() - PRESENCE_EXPIRY)
    if user_ids is not None:
        qs = qs.filter(user_id__in=user_ids)
    return set(qs.values_list("user_id", flat=True))


def online_readers(channel: Channel) -> list:
    """People online who may read ``channel``."""
    live = PresenceConnection.objects.filter(last_seen_at__gte=timezone.now() - PRESENCE_EXPIRY).values(
        "user_id"
    )
    return list(readers_of(channel).filter(pk__in=live).order_by("display_name", "email"))
