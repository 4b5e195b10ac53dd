import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpsplatform.choicedisplay import QuickChoiceDisplay
from cpsplatform.taxonomy import CompanySize, CpsfComponent, CpsfLayer, Industry, Region, VerificationLevel

from ..choices import Language, NeedStatus, NeedType, PriceUnit, Urgency, Visibility
from ..fields import ChoiceListField
from .storage import need_attachment_upload_to, private_storage


def default_need_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=getattr(settings, "MARKETPLACE_NEED_LIFETIME_DAYS", 90))


class Need(QuickChoiceDisplay, models.Model):
    """What a user organisation needs. Who may see it is decided in ONE place:
    ``marketplace.selectors.needs_visible_to``. Changed only through ``marketplace.services.needs``."""

    owner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="needs", verbose_name=_("owner")
    )
    need_type = models.CharField(_("type"), max_length=20, choices=NeedType.choices, default=NeedType.PRODUCT)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("problem description"), max_length=8000)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.JA)
    categories = models.ManyToManyField(
        "marketplace.SecurityCategory",
        related_name="needs",
        blank=True,
        verbose_name=_("categories"),
        help_text=_("Optional: leave empty if you are not sure."),
    )
    cpsf_layers = ChoiceListField(_("CPSF layers"), choices=CpsfLayer.choices, base_type=int)
    cpsf_components = ChoiceListField(_("CPSF components"), choices=CpsfComponent.choices)
    industry = models.CharField(_("industry"), max_length=32, choices=Industry.choices, blank=True)
    company_size = models.CharField(_("company size"), max_length=16, choices=CompanySize.choices, blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    budget_min_jpy = models.PositiveBigIntegerField(_("budget from (JPY)"), null=True, blank=True)
    budget_max_jpy = models.PositiveBigIntegerField(_("budget up to (JPY)"), null=True, blank=True)
    budget_unit = models.CharField(_("budget unit"), max_length=16, choices=PriceUnit.choices, blank=True)
    wanted_by = models.DateField(_("wanted by"), null=True, blank=True)
    min_verification_level = models.IntegerField(
        _("minimum verification level"), choices=VerificationLevel.choices, default=VerificationLevel.NONE
    )
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC, db_index=True
    )
    invited_organisations = models.ManyToManyField(
        "organisations.Organisation",
        related_name="invited_needs",
        blank=True,
        verbose_name=_("invited organisations"),
    )
    hide_company_name = models.BooleanField(
        _("hide our company name until we accept an introduction"), default=False
    )
    status = models.CharField(
        _("status"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.OPEN, db_index=True
    )
    expires_at = models.DateTimeField(_("open until"), default=default_need_expiry, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min_jpy__isnull=True)
                | Q(budget_max_jpy__isnull=True)
                | Q(budget_min_jpy__lte=models.F("budget_max_jpy")),
                name="need_budget_range_ordered",
                violation_error_message=_("The upper budget must not be lower than the lower budget."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (NeedStatus.OPEN, NeedStatus.IN_DISCUSSION) and self.expires_at > timezone.now()

    @property
    def is_incident(self) -> bool:
        return self.urgency == Urgency.INCIDENT_NOW or self.need_type == NeedType.INCIDENT_HELP


class NeedAttachment(models.Model):
    """A file attached to a need. Private storage; served only by ``views.files`` after ``can_view_need``."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=need_attachment_upload_to, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
