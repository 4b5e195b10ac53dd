from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cpsplatform.choicedisplay import QuickChoiceDisplay

from ..choices import IntroductionKind, IntroductionStatus
from .storage import introduction_attachment_upload_to, private_storage

_ACTIVE = Q(status__in=[IntroductionStatus.PENDING, IntroductionStatus.ACCEPTED])


class Introduction(QuickChoiceDisplay, models.Model):
    """A business-matching request between two organisations.

    ``proposal``: a vendor proposes one of its listings to a need (``from_org`` = vendor, ``to_org`` = need
    owner). ``inquiry``: a user organisation asks a vendor about a listing (``need`` optional). The receiving side
    accepts or declines; on acceptance both see each other's contacts. Changed only through
    ``marketplace.services.introductions`` (daily cap, duplicates, cooling-off).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=IntroductionKind.choices)
    from_org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="introductions_sent"
    )
    to_org = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="introductions_received"
    )
    listing = models.ForeignKey(
        "marketplace.SolutionListing", on_delete=models.CASCADE, related_name="introductions"
    )
    need = models.ForeignKey(
        "marketplace.Need", on_delete=models.CASCADE, related_name="introductions", null=True, blank=True
    )
    reason = models.TextField(_("why this introduction"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.PENDING,
        db_index=True,
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=1000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        indexes = [models.Index(fields=["from_org", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_org=models.F("to_org")),
                name="introduction_two_parties",
                violation_error_message=_("An introduction is between two different organisations."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=IntroductionKind.PROPOSAL) | Q(need__isnull=False),
                name="introduction_proposal_has_need",
                violation_error_message=_("A proposal must name the need it answers."),
            ),
            # Duplicates: one live proposal per (vendor, listing, need) and one live inquiry per (org, listing).
            models.UniqueConstraint(
                fields=["from_org", "listing", "need"],
                condition=Q(kind=IntroductionKind.PROPOSAL) & _ACTIVE,
                name="introduction_one_live_proposal",
                violation_error_message=_("You have already sent this introduction request."),
            ),
            models.UniqueConstraint(
                fields=["from_org", "listing"],
                condition=Q(kind=IntroductionKind.INQUIRY) & _ACTIVE,
                name="introduction_one_live_inquiry",
                violation_error_message=_("You have already sent this introduction request."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.from_org} → {self.to_org}"

    def involves(self, organisation) -> bool:
        return organisation is not None and organisation.pk in (self.from_org_id, self.to_org_id)

    def other_party(self, organisation):
        return self.to_org if organisation.pk == self.from_org_id else self.from_org


class IntroductionAttachment(models.Model):
    """A file sent with an introduction; private, served only to the two parties."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        storage=private_storage, upload_to=introduction_attachment_upload_to, max_length=200
    )
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name
