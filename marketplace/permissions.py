"""Organisation scoping for the marketplace, in ONE module.

Every view and service asks here "may this user, acting for this organisation, do X?". ``organisation`` is always
the organisation the user acts for (``request.active_organisation``); a user who is not a member of it gets
nothing. Membership itself is answered by the core helper (``cpsplatform.organisations.permissions``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpsplatform.organisations.models import Membership, Organisation, OrganisationKind
from cpsplatform.organisations.permissions import get_membership
from cpsplatform.organisations.selectors import share_a_member

if TYPE_CHECKING:
    from .models import Introduction, SolutionListing, TrialAttestation, VerificationRecord


def is_staff(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def is_member(user, organisation: Organisation | None) -> bool:
    """The user belongs to the organisation (any role). Delegates to the core scoping helper."""
    if organisation is None:
        return False
    return get_membership(user, organisation) is not None


def acting_org(user, organisation: Organisation | None) -> Organisation | None:
    """The organisation if the user is really a member of it, else None."""
    return organisation if is_member(user, organisation) else None


def is_confirmed_vendor(organisation: Organisation | None) -> bool:
    return (
        organisation is not None
        and organisation.kind == OrganisationKind.VENDOR
        and organisation.confirmed_by_staff
    )


def can_create_listing(user, organisation: Organisation | None) -> bool:
    return (
        organisation is not None
        and organisation.kind == OrganisationKind.VENDOR
        and is_member(user, organisation)
    )


def can_edit_listing(user, organisation: Organisation | None, listing: SolutionListing) -> bool:
    """Only members of the owning vendor edit a listing (staff moderate through the review queue and admin)."""
    return organisation is not None and listing.vendor_id == organisation.pk and is_member(user, organisation)


def can_post_need(user, organisation: Organisation | None) -> bool:
    return organisation is not None and is_member(user, organisation)


def can_edit_need(user, organisation: Organisation | None, need) -> bool:
    return organisation is not None and need.owner_id == organisation.pk and is_member(user, organisation)


def is_approved_issuer(organisation: Organisation | None) -> bool:
    """Platform staff confirmed the organisation: only then is its word on a verification worth anything."""
    return organisation is not None and organisation.confirmed_by_staff


def is_independent_of(issuer: Organisation, vendor_id: int) -> bool:
    """The issuer is not the vendor and no one belongs to both (asked at claim time AND at decision time: a
    shared member may have joined in between)."""
    if issuer.pk == vendor_id:
        return False
    return not share_a_member(issuer.pk, vendor_id)


def can_decide_verification(user, organisation: Organisation | None, record: VerificationRecord) -> bool:
    """A member of the issuing organisation, or platform staff — but never anyone from the listing's vendor,
    even when the vendor is also the issuer (a vendor cannot confirm its own claim). The issuer decides only while
    staff approve it and while it shares no member with the vendor."""
    if user is None or not user.is_authenticated:
        return False
    if Membership.objects.filter(user=user, organisation_id=record.listing.vendor_id).exists():
        return False
    if is_staff(user):
        return True
    return (
        organisation is not None
        and record.issuer_id == organisation.pk
        and is_approved_issuer(organisation)
        and is_member(user, organisation)
        and is_independent_of(organisation, record.listing.vendor_id)
    )


def can_attest_trial(user, organisation: Organisation | None, listing: SolutionListing) -> bool:
    return (
        organisation is not None
        and organisation.kind != OrganisationKind.VENDOR
        and is_member(user, organisation)
        and is_independent_of(organisation, listing.vendor_id)
    )


def can_decide_attestation(user, attestation: TrialAttestation) -> bool:
    """Platform staff confirm attestations; never staff who belong to the vendor or the attesting org."""
    if not is_staff(user):
        return False
    return not Membership.objects.filter(
        user=user, organisation_id__in=[attestation.listing.vendor_id, attestation.organisation_id]
    ).exists()


def can_moderate(user) -> bool:
    return is_staff(user)


def can_view_introduction(user, organisation: Organisation | None, introduction: Introduction) -> bool:
    return organisation is not None and introduction.involves(organisation) and is_member(user, organisation)


def can_decide_introduction(user, organisation: Organisation | None, introduction: Introduction) -> bool:
    """Only the receiving side accepts or declines."""
    return (
        organisation is not None
        and introduction.to_org_id == organisation.pk
        and is_member(user, organisation)
    )
