"""One row per thing a person should know about, and their e-mail choice per kind.

The text is not stored: ``kind`` and ``params`` (names of the things involved, as they were) are rendered in the
reader's language when shown (``kinds.NotificationKind.render``). ``summary`` holds user-written text that goes
with it (a decline reason), shown as written.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kinds
from .kinds import EmailChoice


class EmailStatus(models.TextChoices):
    NONE = "none", _("No e-mail")
    #: Waiting for the recipient's daily digest.
    DIGEST = "digest", _("Waiting for the daily digest")
    SENT = "sent", _("E-mailed")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=80)
    params = models.JSONField(default=dict, blank=True)
    summary = models.TextField(blank=True, max_length=1000)
    #: Where the notification leads: a path on this site (``/marketplace/introductions/4/``).
    url = models.CharField(max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Set by periodic jobs ("expires in 30 days") so a second run, or a concurrent one, adds nothing.
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(max_length=8, choices=EmailStatus.choices, default=EmailStatus.NONE)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_recent"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(email_status="digest"),
                name="notification_digest_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def text(self) -> str:
        """The sentence in the active language."""
        kind = kinds.get(self.kind)
        if kind is None:
            return str(_("Notification"))
        return kind.render(self.params)


class NotificationPreference(models.Model):
    """A person's e-mail choice for one kind; no row means the kind's default. In-app notifications always show."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=80)
    email = models.CharField(_("e-mail"), max_length=12, choices=EmailChoice.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_notification_preference")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.email}"
