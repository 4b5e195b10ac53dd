"""What people tell us about suggestions: useful or not. Staff read it in the Wagtail admin; ``export_judgements``
turns it into graded judgements (qrels) for ``evaluate_matching``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchFeedback(models.Model):
    need = models.ForeignKey(
        "marketplace.Need", on_delete=models.CASCADE, related_name="match_feedback", verbose_name=_("need")
    )
    listing = models.ForeignKey(
        "marketplace.SolutionListing",
        on_delete=models.CASCADE,
        related_name="match_feedback",
        verbose_name=_("suggested listing"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="match_feedback",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    useful = models.BooleanField(_("useful"))
    #: Where the suggestion was shown (1 = first) and its score then, to study ranking quality.
    rank = models.PositiveIntegerField(_("rank shown"), null=True, blank=True)
    score = models.FloatField(_("score shown"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("suggestion feedback")
        verbose_name_plural = _("suggestion feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["need", "listing", "user"], name="one_feedback_per_user_and_suggestion"
            )
        ]

    def __str__(self) -> str:
        verdict = _("useful") if self.useful else _("not useful")
        return f"{self.need_id} → {self.listing_id}: {verdict}"
