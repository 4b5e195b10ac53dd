"""Discussion channels, their messages and who reads them.

Who may read a channel depends on its kind (see ``selectors.readable_channels_q``): some kinds derive access from
the reader's organisations (public, policy, vendors-only, user-companies-only, introduction), the others from
explicit ``ChannelMember`` rows (private, event, direct). Moderators are always explicit rows.

Every message has a sequence number ``seq`` per channel, allocated under the channel's row lock, so commit order is
seq order and a client that saw ``seq = n`` can ask for "everything after n". Changes to existing messages (edits,
deletions, hiding, reactions) take a second per-channel counter, ``change``, so a reconnecting client can also catch
up on changes it missed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    PUBLIC = "public", _("Public topic channel")
    POLICY = "policy", _("Policy channel")
    VENDORS = "vendors", _("Vendors only")
    USERS = "users", _("User companies only")
    PRIVATE = "private", _("Private (by invitation)")
    INTRODUCTION = "introduction", _("Introduction")
    EVENT = "event", _("Event")
    DIRECT = "direct", _("Direct messages")


#: Kinds whose readers are exactly their ``ChannelMember`` rows.
EXPLICIT_MEMBERSHIP_KINDS = frozenset({ChannelKind.PRIVATE, ChannelKind.EVENT, ChannelKind.DIRECT})
#: Kinds whose readers follow from the organisations they belong to.
ORGANISATION_KINDS = frozenset(
    {ChannelKind.PUBLIC, ChannelKind.POLICY, ChannelKind.VENDORS, ChannelKind.USERS, ChannelKind.INTRODUCTION}
)


class Channel(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=ChannelKind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    #: Idempotency key of channels other apps create (``introduction:42``, ``event:7``, ``direct:3,9``).
    key = models.CharField(max_length=100, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: For introduction channels: the members of these organisations may read and post.
    organisations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="discussion_channels"
    )
    #: The last message sequence number handed out (0: no message yet). Only changed under the row lock.
    last_seq = models.PositiveBigIntegerField(_("messages"), default=0)
    #: The last change number handed out (messages created or changed). Only changed under the row lock.
    last_change = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def group_name(self) -> str:
        """The channel-layer group every live subscriber of this channel is in."""
        return f"chat.c.{self.pk}"


def user_group_name(user_id: int) -> str:
    """The channel-layer group of every live connection of one user."""
    return f"chat.u.{user_id}"


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")


class ChannelMember(models.Model):
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channel_memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["channel", "joined_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["channel", "user"], name="one_channel_member_row")]

    def __str__(self) -> str:
        return f"{self.user} · {self.channel} ({self.get_role_display()})"


class ReadState(models.Model):
    """How far one person has read one channel. No row means nothing read yet."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="read_states")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_seq = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "user"], name="one_read_state")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.channel_id} to {self.last_read_seq}"


class Message(models.Model):
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="messages")
    seq = models.PositiveBigIntegerField()
    #: The channel's change number when this message was created or last changed.
    change = models.PositiveBigIntegerField()
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="discussion_messages"
    )
    topic = models.CharField(_("topic"), max_length=60, blank=True)
    body = models.TextField(_("text"), blank=True)
    #: ``body`` rendered by ``formatting.render_body``: escaped, with safe links and mentions.
    body_html = models.TextField(blank=True)
    reply_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    #: Chosen by the sending client so a resend after a dropped connection does not post twice.
    client_ref = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["channel", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "seq"], name="one_message_per_channel_seq"),
            models.UniqueConstraint(
                fields=["channel", "sender", "client_ref"],
                condition=~Q(client_ref=""),
                name="one_message_per_client_ref",
            ),
        ]
        indexes = [
            models.Index(fields=["channel", "topic", "seq"], name="message_channel_topic"),
            models.Index(fields=["channel", "change"], name="message_channel_change"),
            models.Index(fields=["sender", "created_at"], name="message_sender_created"),
        ]

    def __str__(self) -> str:
        return f"{self.channel.slug}#{self.seq}"

    @property
    def is_visible(self) -> bool:
        return self.deleted_at is None and self.hidden_at is None


class MessageMention(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: When the mention went out in an e-mail digest (the person was away).
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["message", "user"], name="one_mention_per_user")]
        indexes = [models.Index(fields=["user", "emailed_at"], name="mention_user_emailed")]

    def __str__(self) -> str:
        return f"@{self.user_id} in {self.message_id}"


class Reaction(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["message", "user", "emoji"], name="one_reaction_each")]

    def __str__(self) -> str:
        return f"{self.emoji} by {self.user_id} on {self.message_id}"


class MessageReport(models.Model):
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="reports", verbose_name=_("message")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("reported by")
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message report")
        verbose_name_plural = _("message reports")
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="one_report_per_reporter")
        ]

    def __str__(self) -> str:
        return f"report of {self.message_id} by {self.reporter_id}"


class PresenceConnection(models.Model):
    """One live WebSocket connection. A person is online while they have one seen within the presence expiry;
    rows of crashed servers simply expire."""

    channel_name = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.user_id} via {self.channel_name}"
