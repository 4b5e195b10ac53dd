"""Marketplace models: solution listings and their verification, needs, introductions."""

from .introductions import Introduction, IntroductionAttachment
from .listings import CaseStudy, ListingImage, ListingRevision, SolutionListing
from .needs import Need, NeedAttachment
from .taxonomy import SecurityCategory
from .verification import TrialAttestation, VerificationRecord

__all__ = [
    "CaseStudy",
    "Introduction",
    "IntroductionAttachment",
    "ListingImage",
    "ListingRevision",
    "Need",
    "NeedAttachment",
    "SecurityCategory",
    "SolutionListing",
    "TrialAttestation",
    "VerificationRecord",
]
