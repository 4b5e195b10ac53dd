"""Organisations (vendors, user companies, universities, verification bodies, agencies, organisers) and who
belongs to them."""

import secrets
from urllib.parse import urlparse

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpsplatform.choicedisplay import QuickChoiceDisplay
from cpsplatform.taxonomy import SME_SIZES, CompanySize, Industry, Region

from .validators import validate_corporate_number


class OrganisationKind(models.TextChoices):
    VENDOR = "vendor", _("Security vendor")
    USER_COMPANY = "user_company", _("User company")
    UNIVERSITY = "university", _("University / research institute")
    VERIFICATION_BODY = "verification_body", _("Verification body")
    PUBLIC_AGENCY = "public_agency", _("Public agency")
    EVENT_ORGANISER = "event_organiser", _("Event organiser")


#: Kinds whose word other people rely on: verification bodies and public agencies issue the verifications behind
#: a listing's badge, event organisers publish sessions and take registrations. An organisation of these kinds
#: acts only once platform staff confirmed it (``Organisation.awaits_staff_approval``); anyone may register one.
APPROVAL_REQUIRED_KINDS = frozenset(
    {OrganisationKind.VERIFICATION_BODY, OrganisationKind.PUBLIC_AGENCY, OrganisationKind.EVENT_ORGANISER}
)


class Organisation(QuickChoiceDisplay, models.Model):
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    industry = models.CharField(_("industry"), max_length=32, choices=Industry.choices, blank=True)
    size = models.CharField(_("size band"), max_length=16, choices=CompanySize.choices, blank=True)
    is_sme = models.BooleanField(_("SME"), default=False, help_text=_("Small or medium-sized enterprise."))
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    corporate_number = models.CharField(
        _("corporate number (法人番号)"),
        max_length=13,
        blank=True,
        validators=[validate_corporate_number],
        help_text=_("13 digits, issued by the National Tax Agency."),
    )
    description = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    #: THE staff approval: set only by platform staff (in the Wagtail admin, through
    #: ``services.do_set_confirmed_by_staff`` or ``record_staff_changes``) after checking the organisation is who it
    #: says it is; the members' forms never include it, and a change of ``kind`` clears it. Confirmed vendors see
    #: confirmed-vendors-only needs; verification bodies, public agencies and event organisers act only when
    #: confirmed; a verification counts only when its issuer is confirmed.
    confirmed_by_staff = models.BooleanField(_("confirmed by platform staff"), default=False)
    staff_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    staff_confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_en", "name_ja"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_ja="", name_en=""),
                name="organisation_has_a_name",
                violation_error_message=_("Give the organisation a name in Japanese or English."),
            ),
            models.UniqueConstraint(
                Lower("name_ja"),
                condition=~models.Q(name_ja=""),
                name="organisation_unique_name_ja",
                violation_error_message=_("An organisation with this Japanese name is already registered."),
            ),
            models.UniqueConstraint(
                Lower("name_en"),
                condition=~models.Q(name_en=""),
                name="organisation_unique_name_en",
                violation_error_message=_("An organisation with this English name is already registered."),
            ),
            models.UniqueConstraint(
                fields=["corporate_number"],
                condition=~models.Q(corporate_number=""),
                name="organisation_unique_corporate_number",
                violation_error_message=_(
                    "An organisation with this corporate number is already registered."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_ja or self.name_en

    @property
    def awaits_staff_approval(self) -> bool:
        """A verification body, public agency or event organiser that staff have not (or no longer) confirmed."""
        return self.kind in APPROVAL_REQUIRED_KINDS and not self.confirmed_by_staff

    @property
    def website_domain(self) -> str:
        host = (urlparse(self.website).hostname or "").lower()
        return host.removeprefix("www.")

    def matches_email_domain(self, email: str) -> bool:
        """Whether ``email`` is at the website's domain or a subdomain of it (``tanaka@jp.example.co.jp``)."""
        domain = self.website_domain
        if not domain or "@" not in email:
            return False
        email_domain = email.rsplit("@", 1)[1].lower()
        return email_domain == domain or email_domain.endswith("." + domain)

    @property
    def is_sme_by_size(self) -> bool:
        return self.size in SME_SIZES


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    MEMBER = "member", _("Member")


#: Roles that may manage an organisation's members and profile.
MANAGER_ROLES = frozenset({Role.OWNER, Role.ADMIN})


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    #: The member's e-mail domain matched the organisation's website domain when they joined.
    email_domain_matches = models.BooleanField(_("e-mail domain matches website"), default=False)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def can_manage(self) -> bool:
        return self.role in MANAGER_ROLES


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
