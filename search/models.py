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


class IndexOutbox(models.Model):
    kind = models.CharField(max_length=16, choices=IndexKind.choices)
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["kind", "object_id"])]
        verbose_name = _("indexing outbox entry")
        verbose_name_plural = _("indexing outbox")

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
