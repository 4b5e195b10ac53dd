"""Platform-wide vocabularies shared by organisations, listings, needs, events and matching.

They are fixed by the platform's domain (METI's Cyber/Physical Security Framework, Japan's eight SME-support
regions) and by the matching evaluation format, so they are code, not editable data. Labels are bilingual through
Django i18n: the Japanese label is the translation of the English one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Region(models.TextChoices):
    HOKKAIDO = "hokkaido", _("Hokkaido")
    TOHOKU = "tohoku", _("Tohoku")
    KANTO = "kanto", _("Kanto")
    CHUBU = "chubu", _("Chubu")
    KINKI = "kinki", _("Kinki")
    CHUGOKU = "chugoku", _("Chugoku")
    SHIKOKU = "shikoku", _("Shikoku")
    KYUSHU_OKINAWA = "kyushu-okinawa", _("Kyushu-Okinawa")


NATIONWIDE = "nationwide"
#: What a listing may serve: one of the eight regions, or the whole country.
SERVED_REGION_CHOICES = [*Region.choices, (NATIONWIDE, _("Nationwide"))]


class Industry(models.TextChoices):
    MANUFACTURING = "manufacturing", _("Manufacturing")
    HEALTHCARE = "healthcare", _("Healthcare")
    FINANCE = "finance", _("Finance")
    RETAIL = "retail", _("Retail")
    LOGISTICS = "logistics", _("Logistics")
    CONSTRUCTION = "construction", _("Construction")
    ENERGY = "energy", _("Energy")
    PUBLIC_SECTOR = "public-sector", _("Public sector")
    EDUCATION_RESEARCH = "education-research", _("Education and research")
    IT_SERVICES = "it-services", _("IT services")
    OTHER = "other", _("Other")


class CompanySize(models.TextChoices):
    """Size bands after Japan's SME Basic Act, simplified to headcount."""

    MICRO = "micro", _("Micro (up to 20 employees)")
    SMALL = "small", _("Small (21-100 employees)")
    MEDIUM = "medium", _("Medium (101-300 employees)")
    LARGE = "large", _("Large (over 300 employees)")


#: Size bands that count as small and medium-sized enterprises, the platform's priority users.
SME_SIZES = frozenset({CompanySize.MICRO, CompanySize.SMALL, CompanySize.MEDIUM})


class CpsfLayer(models.IntegerChoices):
    """The three layers of the Cyber/Physical Security Framework."""

    COMPANIES = 1, _("Layer 1: connections between companies")
    TRANSCRIPTION = 2, _("Layer 2: physical-cyber transcription (sensors, controllers)")
    CYBERSPACE = 3, _("Layer 3: data in cyberspace")


class CpsfComponent(models.TextChoices):
    """The six components of the Cyber/Physical Security Framework."""

    ORGANIZATION = "organization", pgettext_lazy("CPSF component", "Organisation")
    PEOPLE = "people", pgettext_lazy("CPSF component", "People")
    THINGS = "things", pgettext_lazy("CPSF component", "Components / things")
    DATA = "data", pgettext_lazy("CPSF component", "Data")
    PROCEDURE = "procedure", pgettext_lazy("CPSF component", "Procedure")
    SYSTEM = "system", pgettext_lazy("CPSF component", "System")


class VerificationLevel(models.IntegerChoices):
    """The ladder users trust, lowest to highest. A listing's level is its highest confirmed, unexpired record."""

    NONE = 0, _("Not verified")
    CLAIMED = 1, _("Claimed by vendor")
    REGISTERED = 2, _("Registered (audit scheme / SME help standard)")
    EFFECTIVENESS = 3, _("Effectiveness tested by a verification body")
    TRIAL = 4, _("Trialled in a real user environment")
    ATTACK = 5, _("Attack-tested by white-hat hackers")

    @classmethod
    def from_slug(cls, slug: str | None) -> "VerificationLevel":
        if not slug:
            return cls.NONE
        return cls[slug.strip().upper()]

    @property
    def slug(self) -> str:
        return self.name.lower()


class SecurityCategory(models.TextChoices):
    """The kinds of security offering listings are filed under and needs ask for (EDR, SOC monitoring, SME help...).

    The slugs are stable keys shared by listings, needs, matching, the search glossary and the matching evaluation
    data, so the vocabulary is code: a slug is never renamed. Staff edit only how a category reads (bilingual names
    and descriptions, order, whether it is offered) in the ``marketplace.SecurityCategory`` table, one row per member.
    """

    ENDPOINT_PROTECTION = "endpoint-protection", _("Endpoint protection")
    NETWORK_SECURITY = "network-security", _("Network security")
    EMAIL_SECURITY = "email-security", _("Email security")
    WEB_SECURITY = "web-security", _("Web security")
    IDENTITY_ACCESS = "identity-access", _("Identity and access management")
    SIEM_SOC = "siem-soc", _("SIEM and SOC monitoring")
    VULNERABILITY_ASSESSMENT = "vulnerability-assessment", _("Vulnerability assessment")
    PENETRATION_TESTING = "penetration-testing", _("Penetration testing")
    INCIDENT_RESPONSE = "incident-response", _("Incident response")
    TRAINING_AWARENESS = "training-awareness", _("Training and awareness")
    CONSULTING_GOVERNANCE = "consulting-governance", _("Consulting and governance")
    IOT_OT_SECURITY = "iot-ot-security", _("IoT and OT/ICS security")
    HARDWARE_SECURITY = "hardware-security", _("Hardware security")
    ENCRYPTION_KEY_MANAGEMENT = "encryption-key-management", _("Encryption and key management")
    BACKUP_RECOVERY = "backup-recovery", _("Backup and recovery")
    CLOUD_SECURITY = "cloud-security", _("Cloud security")
    DATA_PROTECTION = "data-protection", _("Data protection")
    CYBER_INSURANCE = "cyber-insurance", _("Cyber insurance")
    SME_HELP_PACKAGE = "sme-help-package", _("SME help package")
