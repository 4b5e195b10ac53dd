"""Access classification of every marketplace URL (walked by the project's access-matrix test).

The ``setup`` callables build, in the test database, the object each URL points at and return the URL kwargs.
"""

import datetime
import uuid

from django.core.files.base import ContentFile
from django.utils import timezone

from cpsplatform.organisations.models import Organisation, OrganisationKind
from marketplace.choices import IntroductionKind, ListingStatus, Visibility
from marketplace.models import (
    Introduction,
    IntroductionAttachment,
    ListingImage,
    Need,
    NeedAttachment,
    SecurityCategory,
    SolutionListing,
    TrialAttestation,
    VerificationRecord,
)
from tests.access.rules import LoginRequired, OrgScoped, Public, StaffOnly


def _org(kind: str) -> Organisation:
    tag = uuid.uuid4().hex[:10]
    return Organisation.objects.create(slug=f"access-{tag}", name_en=f"Access {tag}", kind=kind)


def _listing(vendor: Organisation | None = None, status: str = ListingStatus.PUBLISHED) -> SolutionListing:
    listing = SolutionListing.objects.create(
        vendor=vendor or _org(OrganisationKind.VENDOR),
        name_ja="アクセス確認用ソリューション",
        summary_ja="概要",
        regions=["kanto"],
        status=status,
    )
    listing.categories.set(SecurityCategory.objects.filter(slug="endpoint-protection"))
    return listing


def _need(owner: Organisation | None = None, visibility: str = Visibility.PUBLIC) -> Need:
    return Need.objects.create(
        owner=owner or _org(OrganisationKind.USER_COMPANY),
        title="アクセス確認用ニーズ",
        description="説明",
        visibility=visibility,
        hide_company_name=visibility != Visibility.PUBLIC,
    )


def _record(listing: SolutionListing, issuer: Organisation, **extra) -> VerificationRecord:
    return VerificationRecord.objects.create(
        listing=listing,
        kind="effectiveness",
        issuer=issuer,
        performed_on=timezone.localdate() - datetime.timedelta(days=10),
        scope="scope",
        result_summary="result",
        evidence_url="https://example.org/report",
        **extra,
    )


def _private_file(field, name: str = "note.txt") -> None:
    field.save(name, ContentFile(b"private note\n"), save=False)


# --- setups ---------------------------------------------------------------------------------------------------


def published_listing() -> dict:
    return {"pk": _listing().pk}


def vendor_slug() -> dict:
    return {"slug": _listing().vendor.slug}


def public_need() -> dict:
    return {"pk": _need().pk}


def own_listing(org) -> dict:
    return {"pk": _listing(org, ListingStatus.DRAFT).pk}


def own_listing_image(org) -> dict:
    listing = _listing(org, ListingStatus.DRAFT)
    image = ListingImage(listing=listing, kind="logo")
    image.file.save("logo.png", ContentFile(_tiny_png()), save=False)
    image.save()
    return {"pk": listing.pk, "image_pk": image.pk}


def _tiny_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def hidden_need(org) -> dict:
    return {"pk": _need(org, Visibility.INVITE_ONLY).pk}


def own_need(org) -> dict:
    return {"pk": _need(org, Visibility.INVITE_ONLY).pk}


def own_need_attachment(org) -> dict:
    need = _need(org, Visibility.INVITE_ONLY)
    attachment = NeedAttachment(need=need, original_name="note.txt", content_type="text/plain", size=13)
    _private_file(attachment.file)
    attachment.save()
    return {"pk": need.pk, "attachment_pk": attachment.pk}


def hidden_need_attachment(org) -> dict:
    return {"pk": own_need_attachment(org)["attachment_pk"]}


def claim_issued_by(org) -> dict:
    return {"pk": _record(_listing(), org).pk}


def private_evidence(org) -> dict:
    record = _record(_listing(org), _org(OrganisationKind.VERIFICATION_BODY))
    _private_file(record.evidence_file, "report.txt")
    record.evidence_file_name = "report.txt"
    record.save()
    return {"pk": record.pk}


def received_introduction(org) -> dict:
    listing = _listing()
    need = _need(org)
    introduction = Introduction.objects.create(
        kind=IntroductionKind.PROPOSAL,
        from_org=listing.vendor,
        to_org=org,
        listing=listing,
        need=need,
        reason="提案理由",
    )
    return {"pk": introduction.pk}


def introduction_file(org) -> dict:
    introduction = Introduction.objects.get(**received_introduction(org))
    attachment = IntroductionAttachment(
        introduction=introduction, original_name="note.txt", content_type="text/plain", size=13
    )
    _private_file(attachment.file)
    attachment.save()
    return {"pk": attachment.pk}


def submitted_listing() -> dict:
    return {"pk": _listing(status=ListingStatus.SUBMITTED).pk}


def pending_attestation() -> dict:
    listing = _listing()
    attestation = TrialAttestation.objects.create(
        listing=listing,
        organisation=_org(OrganisationKind.USER_COMPANY),
        started_on=timezone.localdate() - datetime.timedelta(days=60),
        ended_on=timezone.localdate() - datetime.timedelta(days=5),
        environment="工場ネットワーク",
        result_summary="良好",
    )
    return {"pk": attestation.pk}


VENDOR = ("vendor",)
VERIFIER = ("verification_body",)
USER = ("user_company",)

ACCESS_RULES = {
    # Public pages
    "marketplace:index": Public(),
    "marketplace:listing_detail": Public(setup=published_listing),
    "marketplace:vendor_profile": Public(setup=vendor_slug),
    "marketplace:verification_register": Public(),
    "marketplace:need_list": Public(),
    # A hidden need: only the owner (and invited / confirmed vendors per its visibility) may see it.
    "marketplace:need_detail": OrgScoped(setup=hidden_need, methods=("GET",), org_kinds=USER),
    # Vendor dashboard
    "marketplace:vendor_dashboard": LoginRequired(),
    "marketplace:listing_create": LoginRequired(methods=("GET", "POST")),
    "marketplace:listing_edit": OrgScoped(setup=own_listing, org_kinds=VENDOR),
    "marketplace:listing_submit": OrgScoped(setup=own_listing, methods=("POST",), org_kinds=VENDOR),
    "marketplace:listing_archive": OrgScoped(setup=own_listing, methods=("POST",), org_kinds=VENDOR),
    "marketplace:listing_reopen": OrgScoped(setup=own_listing, methods=("POST",), org_kinds=VENDOR),
    "marketplace:listing_images": OrgScoped(setup=own_listing, org_kinds=VENDOR),
    "marketplace:listing_image_delete": OrgScoped(
        setup=own_listing_image, methods=("POST",), org_kinds=VENDOR
    ),
    "marketplace:listing_claim": OrgScoped(setup=own_listing, org_kinds=VENDOR),
    "marketplace:listing_case_study": OrgScoped(setup=own_listing, org_kinds=VENDOR),
    # Any vendor that may see a public need may propose to it; the service enforces visibility and caps.
    "marketplace:need_propose": LoginRequired(setup=public_need, methods=("GET", "POST")),
    # User dashboard
    "marketplace:needs_dashboard": LoginRequired(),
    "marketplace:need_create": LoginRequired(methods=("GET", "POST")),
    "marketplace:need_edit": OrgScoped(setup=own_need, org_kinds=USER),
    "marketplace:need_status": OrgScoped(setup=own_need, methods=("POST",), org_kinds=USER),
    "marketplace:need_invite": OrgScoped(setup=own_need, methods=("POST",), org_kinds=USER),
    "marketplace:need_attachments": OrgScoped(setup=own_need, org_kinds=USER),
    "marketplace:need_attachment_delete": OrgScoped(
        setup=own_need_attachment, methods=("POST",), org_kinds=USER
    ),
    "marketplace:listing_inquire": LoginRequired(setup=published_listing, methods=("GET", "POST")),
    "marketplace:listing_attest": LoginRequired(setup=published_listing, methods=("GET", "POST")),
    # Verification bodies decide claims issued in their name
    "marketplace:verification_queue": LoginRequired(),
    "marketplace:verification_decide": OrgScoped(setup=claim_issued_by, org_kinds=VERIFIER),
    # Introductions: only the two parties; only the receiving side decides
    "marketplace:introductions": LoginRequired(),
    "marketplace:introduction_detail": OrgScoped(
        setup=received_introduction, methods=("GET",), org_kinds=USER
    ),
    "marketplace:introduction_decide": OrgScoped(
        setup=received_introduction, methods=("POST",), org_kinds=USER
    ),
    "marketplace:introduction_attach": OrgScoped(
        setup=received_introduction, methods=("POST",), org_kinds=USER
    ),
    # Platform staff
    "marketplace:moderation_queue": StaffOnly(),
    "marketplace:moderation_listing": StaffOnly(setup=submitted_listing),
    "marketplace:moderation_attestation": StaffOnly(setup=pending_attestation),
    # Private files
    "marketplace:evidence_file": OrgScoped(setup=private_evidence, methods=("GET",), org_kinds=VENDOR),
    "marketplace:need_attachment": OrgScoped(setup=hidden_need_attachment, methods=("GET",), org_kinds=USER),
    "marketplace:introduction_attachment": OrgScoped(
        setup=introduction_file, methods=("GET",), org_kinds=USER
    ),
}

__all__ = ["ACCESS_RULES"]
