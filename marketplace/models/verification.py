import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpsplatform.choicedisplay import QuickChoiceDisplay
from cpsplatform.taxonomy import Industry, Region, VerificationLevel

from ..choices import LEVEL_OF_KIND, AttestationStatus, RecordStatus, VerificationKind
from ..fields import join_labels
from .storage import evidence_upload_to, private_storage


class VerificationRecordQuerySet(models.QuerySet):
    def badge_worthy(self, today: datetime.date | None = None) -> "VerificationRecordQuerySet":
        """The only records that may show a badge or raise a listing's level: confirmed, not expired, and vouched
        for by someone platform staff trust *now* — an issuer that staff confirmed (withdrawing the confirmation
        withdraws every record it issued), or staff themselves, who confirmed the trial attestation the record
        came from."""
        today = today or timezone.localdate()
        return (
            self.filter(status=RecordStatus.CONFIRMED)
            .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
            .filter(Q(issuer__confirmed_by_staff=True) | Q(attestation__isnull=False))
        )


class VerificationRecord(QuickChoiceDisplay, models.Model):
    """Evidence that a listing was verified. Vendors only *claim*; the issuing organisation (or platform staff)
    confirms or rejects; confirmed records expire and may be revoked. Changed only through
    ``marketplace.services.verification``, which writes the audit trail and recomputes the listing's level."""

    listing = models.ForeignKey(
        "marketplace.SolutionListing", on_delete=models.CASCADE, related_name="verification_records"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=VerificationKind.choices)
    issuer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="issued_verifications",
        verbose_name=_("issuing organisation"),
    )
    performed_on = models.DateField(_("performed on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    scope = models.TextField(_("scope"), max_length=2000)
    result_summary = models.TextField(_("result summary"), max_length=4000)
    evidence_url = models.URLField(_("evidence URL"), blank=True)
    evidence_file = models.FileField(
        _("evidence report"),
        storage=private_storage,
        upload_to=evidence_upload_to,
        blank=True,
        max_length=200,
    )
    evidence_file_name = models.CharField(max_length=200, blank=True, editable=False)
    #: The report may be downloaded by anyone once the record is confirmed (otherwise only the parties and staff).
    evidence_is_public = models.BooleanField(_("evidence report may be public"), default=False)
    #: Set for trial records that come from a confirmed user attestation.
    attestation = models.OneToOneField(
        "marketplace.TrialAttestation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verification_record",
    )

    status = models.CharField(
        _("status"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.CLAIMED, db_index=True
    )
    status_reason = models.TextField(_("reason"), blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = VerificationRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-performed_on", "-pk"]
        verbose_name = _("verification record")
        verbose_name_plural = _("verification records")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("performed_on")),
                name="verification_expires_after_performed",
                violation_error_message=_("The expiry date must be after the date performed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.listing_id} ({self.get_status_display()})"

    @property
    def level(self) -> VerificationLevel:
        return LEVEL_OF_KIND[self.kind]

    def is_expired(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and self.expires_on < today

    @property
    def shows_badge(self) -> bool:
        """The same rule as ``VerificationRecordQuerySet.badge_worthy``, for one record."""
        return (
            self.status == RecordStatus.CONFIRMED
            and not self.is_expired()
            and (self.issuer.confirmed_by_staff or self.attestation_id is not None)
        )

    @property
    def issuer_display(self) -> str:
        """Trial users that asked for anonymity are described, not named."""
        if self.attestation_id and self.attestation.anonymise:
            return self.attestation.anonymised_description
        return self.issuer.display_name


class TrialAttestation(models.Model):
    """A user organisation's statement that it trialled a listing in its own environment. Once platform staff
    confirm it, it becomes a confirmed ``trial`` verification record (issued by the attesting organisation)."""

    listing = models.ForeignKey(
        "marketplace.SolutionListing", on_delete=models.CASCADE, related_name="trial_attestations"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="trial_attestations",
        verbose_name=_("organisation"),
    )
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(_("trial started on"))
    ended_on = models.DateField(_("trial ended on"))
    environment = models.TextField(_("environment trialled in"), max_length=2000)
    result_summary = models.TextField(_("result"), max_length=4000)
    anonymise = models.BooleanField(_("publish anonymised"), default=True)
    status = models.CharField(
        max_length=16, choices=AttestationStatus.choices, default=AttestationStatus.PENDING, db_index=True
    )
    status_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("trial attestation")
        verbose_name_plural = _("trial attestations")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__gte=models.F("started_on")),
                name="attestation_ends_after_start",
                violation_error_message=_("The trial must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.listing_id} ({self.get_status_display()})"

    @property
    def anonymised_description(self) -> str:
        org = self.organisation
        parts = []
        if org.industry:
            parts.append(str(Industry(org.industry).label))
        if org.region:
            parts.append(str(Region(org.region).label))
        if org.size:
            parts.append(str(org.get_size_display()))
        return join_labels(parts) or str(_("A user organisation"))

    @property
    def display_name(self) -> str:
        return self.anonymised_description if self.anonymise else self.organisation.display_name
