"""The marketplace's own vocabularies (the platform-wide ones live in ``cpsplatform.taxonomy``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cpsplatform.taxonomy import VerificationLevel


class PriceUnit(models.TextChoices):
    MONTHLY = "monthly", _("per month")
    ONE_OFF = "one_off", _("one-off")


class DeliveryModel(models.TextChoices):
    CLOUD = "cloud", _("Cloud / SaaS")
    ON_PREMISES = "on_premises", _("On-premises")
    MANAGED_SERVICE = "managed_service", _("Managed service")
    ON_SITE = "on_site", _("On-site service")


class Language(models.TextChoices):
    JA = "ja", _("Japanese")
    EN = "en", _("English")
    ZH = "zh", _("Chinese")
    KO = "ko", _("Korean")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class VerificationKind(models.TextChoices):
    EFFECTIVENESS = "effectiveness", _("Effectiveness test by a verification body")
    TRIAL = "trial", _("Trial in a real user environment")
    ATTACK = "attack", _("White-hat attack test on a real system")
    REGISTERED = "registered", _("Registered under a security-service audit scheme")
    SME_HELP_STANDARD = "sme_help_standard", _("Conforms to the SME help-service standard")


#: The rung of the ladder a confirmed record of each kind gives a listing.
LEVEL_OF_KIND: dict[str, VerificationLevel] = {
    VerificationKind.REGISTERED: VerificationLevel.REGISTERED,
    VerificationKind.SME_HELP_STANDARD: VerificationLevel.REGISTERED,
    VerificationKind.EFFECTIVENESS: VerificationLevel.EFFECTIVENESS,
    VerificationKind.TRIAL: VerificationLevel.TRIAL,
    VerificationKind.ATTACK: VerificationLevel.ATTACK,
}


class RecordStatus(models.TextChoices):
    CLAIMED = "claimed", _("Claimed by the vendor")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")


class AttestationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for platform review")
    CONFIRMED = "confirmed", _("Confirmed by the platform")
    REJECTED = "rejected", _("Rejected")


class NeedType(models.TextChoices):
    PRODUCT = "product", _("Product or technology request")
    SERVICE = "service", _("Service request")
    POC = "poc", _("Joint trial (PoC) request")
    RESEARCH = "research", _("Joint research request")
    INCIDENT_HELP = "incident_help", _("Incident help")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    INCIDENT_NOW = "incident_now", _("Incident — help needed now")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    CONFIRMED_VENDORS = "confirmed_vendors", _("Confirmed vendors only")
    INVITE_ONLY = "invite_only", _("Invited organisations only")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_DISCUSSION = "in_discussion", _("In discussion")
    FULFILLED = "fulfilled", _("Fulfilled")
    CLOSED = "closed", _("Closed")


class IntroductionKind(models.TextChoices):
    PROPOSAL = "proposal", _("Vendor proposes a listing to a need")
    INQUIRY = "inquiry", _("User asks a vendor about a listing")


class IntroductionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ImageKind(models.TextChoices):
    LOGO = "logo", _("Logo")
    SCREENSHOT = "screenshot", _("Screenshot")


class CaseStudyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


#: How pages name the audit codes they show (a listing's revision history, a verification record's trail).
#: Codes not listed here are shown as they are.
ACTION_LABELS = {
    "marketplace.listing.created": pgettext_lazy("audit action", "Created"),
    "marketplace.listing.updated": pgettext_lazy("audit action", "Edited"),
    "marketplace.listing.admin_edited": pgettext_lazy("audit action", "Edited by platform staff"),
    "marketplace.listing.submitted": pgettext_lazy("audit action", "Submitted for review"),
    "marketplace.listing.published": pgettext_lazy("audit action", "Published"),
    "marketplace.listing.rejected": pgettext_lazy("audit action", "Sent back to the vendor"),
    "marketplace.listing.archived": pgettext_lazy("audit action", "Archived"),
    "marketplace.listing.reopened": pgettext_lazy("audit action", "Reopened as a draft"),
    "marketplace.listing.sponsorship_changed": pgettext_lazy("audit action", "Sponsorship changed"),
    "marketplace.verification.claimed": pgettext_lazy("audit action", "Claimed by the vendor"),
    "marketplace.verification.confirmed": pgettext_lazy("audit action", "Confirmed"),
    "marketplace.verification.rejected": pgettext_lazy("audit action", "Rejected"),
    "marketplace.verification.revoked": pgettext_lazy("audit action", "Revoked"),
    "marketplace.verification.admin_created": pgettext_lazy("audit action", "Recorded by platform staff"),
    "marketplace.verification.admin_edited": pgettext_lazy("audit action", "Edited by platform staff"),
}
