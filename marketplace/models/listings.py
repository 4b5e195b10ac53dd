from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cpsplatform.choicedisplay import QuickChoiceDisplay
from cpsplatform.taxonomy import (
    SERVED_REGION_CHOICES,
    CompanySize,
    CpsfComponent,
    CpsfLayer,
    Industry,
    Region,
    VerificationLevel,
)

from ..choices import CaseStudyStatus, DeliveryModel, ImageKind, Language, ListingStatus, PriceUnit
from ..fields import ChoiceListField, join_labels
from .storage import listing_image_upload_to


class SolutionListing(QuickChoiceDisplay, models.Model):
    """What a vendor offers. Changed only through ``marketplace.services.listings`` (which records a revision,
    an audit entry and sends ``listing_changed``)."""

    vendor = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="solution_listings",
        verbose_name=_("vendor"),
    )
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    summary_ja = models.CharField(_("summary (Japanese)"), max_length=400, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=400, blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    categories = models.ManyToManyField(
        "marketplace.SecurityCategory", related_name="listings", blank=True, verbose_name=_("categories")
    )
    cpsf_layers = ChoiceListField(_("CPSF layers"), choices=CpsfLayer.choices, base_type=int)
    cpsf_components = ChoiceListField(_("CPSF components"), choices=CpsfComponent.choices)
    industries = ChoiceListField(_("target industries"), choices=Industry.choices)
    company_sizes = ChoiceListField(_("target company sizes"), choices=CompanySize.choices)
    regions = ChoiceListField(_("regions served"), choices=SERVED_REGION_CHOICES)
    delivery_models = ChoiceListField(_("delivery models"), choices=DeliveryModel.choices)
    languages = ChoiceListField(_("supported languages"), choices=Language.choices)

    price_min_jpy = models.PositiveBigIntegerField(_("price from (JPY)"), null=True, blank=True)
    price_max_jpy = models.PositiveBigIntegerField(_("price up to (JPY)"), null=True, blank=True)
    price_unit = models.CharField(_("price unit"), max_length=16, choices=PriceUnit.choices, blank=True)

    website = models.URLField(_("product web page"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=ListingStatus.choices, default=ListingStatus.DRAFT, db_index=True
    )
    moderation_note = models.TextField(_("moderation note"), blank=True)
    #: Highest confirmed, unexpired verification record; kept up to date by ``services.verification``.
    verification_level = models.IntegerField(
        _("verification level"),
        choices=VerificationLevel.choices,
        default=VerificationLevel.NONE,
        db_index=True,
        editable=False,
    )
    #: Sponsored content is only ever shown with a "sponsored" label and never changes rank or badges.
    is_sponsored = models.BooleanField(_("sponsored (always labelled)"), default=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("solution listing")
        verbose_name_plural = _("solution listings")
        indexes = [models.Index(fields=["status", "verification_level"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_ja="", name_en=""),
                name="listing_has_a_name",
                violation_error_message=_("Give the solution a name in Japanese or English."),
            ),
            models.CheckConstraint(
                condition=Q(price_min_jpy__isnull=True)
                | Q(price_max_jpy__isnull=True)
                | Q(price_min_jpy__lte=models.F("price_max_jpy")),
                name="listing_price_range_ordered",
                violation_error_message=_("The upper price must not be lower than the lower price."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en":
            return self.name_en or self.name_ja
        return self.name_ja or self.name_en

    @property
    def summary(self) -> str:
        if get_language() == "en":
            return self.summary_en or self.summary_ja
        return self.summary_ja or self.summary_en

    @property
    def description(self) -> str:
        if get_language() == "en":
            return self.description_en or self.description_ja
        return self.description_ja or self.description_en

    @property
    def description_after_summary(self) -> str:
        """The description without a leading copy of the summary: vendors often open the description with it,
        and the listing page already shows the summary as its lead paragraph."""
        description, summary = self.description, self.summary.strip()
        if summary and description.lstrip().startswith(summary):
            return description.lstrip()[len(summary) :].lstrip()
        return description

    @property
    def level(self) -> VerificationLevel:
        return VerificationLevel(self.verification_level)

    @property
    def is_published(self) -> bool:
        return self.status == ListingStatus.PUBLISHED

    @property
    def serves_nationwide(self) -> bool:
        return "nationwide" in self.regions

    def serves_region(self, region: str) -> bool:
        return self.serves_nationwide or region in self.regions

    #: Every region a listing reaches, "nationwide" spelled out (for matching filters).
    @property
    def regions_reached(self) -> list[str]:
        return list(Region.values) if self.serves_nationwide else list(self.regions)


class ListingRevision(models.Model):
    """A snapshot of a listing after each change, written by the service layer (revision history)."""

    listing = models.ForeignKey(SolutionListing, on_delete=models.CASCADE, related_name="revisions")
    action = models.CharField(max_length=100)
    snapshot = models.JSONField(encoder=DjangoJSONEncoder)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("listing revision")
        verbose_name_plural = _("listing revisions")

    def __str__(self) -> str:
        return f"{self.listing_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"


class ListingImage(models.Model):
    """A logo or screenshot. Every stored file was decoded and re-encoded by ``services.images`` (no metadata)."""

    listing = models.ForeignKey(SolutionListing, on_delete=models.CASCADE, related_name="images")
    kind = models.CharField(_("kind"), max_length=16, choices=ImageKind.choices, default=ImageKind.SCREENSHOT)
    alt_text = models.CharField(_("description for screen readers"), max_length=200, blank=True)
    file = models.ImageField(upload_to=listing_image_upload_to)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    #: Rendition for lists (fits 320×240).
    thumbnail = models.ImageField(upload_to=listing_image_upload_to, blank=True)
    #: Rendition for detail pages (fits 1200×900).
    detail = models.ImageField(upload_to=listing_image_upload_to, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "sort_order", "pk"]
        verbose_name = _("listing image")
        verbose_name_plural = _("listing images")

    def __str__(self) -> str:
        return self.alt_text or f"{self.get_kind_display()} {self.pk}"


class CaseStudy(models.Model):
    """A customer story. Published only with the customer's consent; most customers allow only an anonymised
    description ("manufacturer, Kanto, 300 employees")."""

    listing = models.ForeignKey(SolutionListing, on_delete=models.CASCADE, related_name="case_studies")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("story"))
    customer_name = models.CharField(_("customer name"), max_length=200, blank=True)
    anonymised = models.BooleanField(_("publish anonymised"), default=True)
    customer_industry = models.CharField(
        _("customer industry"), max_length=32, choices=Industry.choices, blank=True
    )
    customer_region = models.CharField(
        _("customer region"), max_length=32, choices=Region.choices, blank=True
    )
    customer_employees = models.PositiveIntegerField(_("customer employees"), null=True, blank=True)
    consent_obtained = models.BooleanField(_("customer consented to publication"), default=False)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=CaseStudyStatus.choices, default=CaseStudyStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(consent_obtained=True),
                name="case_study_published_only_with_consent",
                violation_error_message=_("A case study is published only with the customer's consent."),
            ),
            models.CheckConstraint(
                condition=Q(anonymised=True) | ~Q(customer_name=""),
                name="case_study_named_has_customer_name",
                violation_error_message=_("Name the customer, or publish the story anonymised."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def customer_display(self) -> str:
        """The customer as the public may see it: the name only when consented and not anonymised."""
        if not self.anonymised and self.consent_obtained:
            return self.customer_name
        parts = []
        if self.customer_industry:
            parts.append(str(Industry(self.customer_industry).label))
        if self.customer_region:
            parts.append(str(Region(self.customer_region).label))
        if self.customer_employees:
            parts.append(_("%(count)s employees") % {"count": self.customer_employees})
        return join_labels(parts) or str(_("Undisclosed customer"))
