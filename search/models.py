"""The indexing outbox: a row per change of an indexed object, written in the transaction of the change.

The outbox is the source of truth for what Elasticsearch still has to learn. Rows are deleted only after the
change reached the index; while Elasticsearch is down they simply wait. A row says *which* object changed, not
*how*: the drain step reads the object's current state from the database (or finds it gone and deletes the
document), so replaying a row any number of times, in any order, gives the same index.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexKind(models.TextChoices):
    LISTINGS = "listings", _("Solution listings")
    NEEDS = "needs", _("Needs")
    EVENTS = "events", _("Events")
    MESSAGES = "messages", _("Discussion messages")


class IndexOutbox(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=IndexKind.choices)
    object_id = models.CharField(_("object ID"), max_length=64)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["kind", "object_id"])]
        verbose_name = _("indexing outbox entry")
        verbose_name_plural = _("indexing outbox")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class SavedSearch(models.Model):
    """A vendor's saved search over needs; ``send_search_digests`` mails the new needs that fit it."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="saved_searches", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="saved_searches",
        verbose_name=_("searching for"),
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("words"), max_length=300, blank=True)
    #: Facet filters as on the search page: {"categories": [...], "regions": [...], "components": [...], ...}.
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    frequency = models.CharField(
        _("e-mail digest"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    is_active = models.BooleanField(_("send digests"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Needs created after this moment are "new" for the next digest.
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name
