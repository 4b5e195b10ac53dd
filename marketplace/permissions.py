"""Organisation scoping for the marketplace, in ONE module.

Every view and service asks here "may this actor, acting for their organisation, do X?". The ``Actor``
(``cpsplatform.organisations.actor``) carries the user, the organisation they act for and all their memberships,
read once: views pass ``request.actor``, services build one with ``Actor.acting_for(user, organisation)``. A
rule here never queries memberships itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation, OrganisationKind
from cpsplatform.organisations.selectors import share_a_member

if TYPE_CHECKING:
    from .models import Introduction, SolutionListing, TrialAttestation, VerificationRecord


def is_confirmed_vendor(organisation: Organisation | None) -> bool:
    return (
        organisation is not None
        and organisation.kind == OrganisationKind.VENDOR
        and organisation.confirmed_by_staff
    )


def can_create_listing(actor: Actor) -> bool:
    return actor.organisation is not None and actor.organisation.kind == OrganisationKind.VENDOR


def can_edit_listing(actor: Actor, listing: SolutionListing) -> bool:
    """Only members of the owning vendor edit a listing (staff moderate through the review queue and admin)."""
    return actor.organisation is not None and listing.vendor_id == actor.organisation.pk


def can_post_need(actor: Actor) -> bool:
    return actor.organisation is not None


def can_edit_need(actor: Actor, need) -> bool:
    return actor.organisation is not None and need.owner_id == actor.organisation.pk


def is_approved_issuer(organisation: Organisation | None) -> bool:
    """Platform staff confirmed the organisation: only then is its word on a verification worth anything."""
    return organisation is not None and organisation.confirmed_by_staff


def is_independent_of(issuer: Organisation, vendor_id: int) -> bool:
    """The issuer is not the vendor and no one belongs to both (asked at claim time AND at decision time: a
    shared member may have joined in between)."""
    if issuer.pk == vendor_id:
        return False
    return not share_a_member(issuer.pk, vendor_id)


def can_decide_verification(actor: Actor, record: VerificationRecord) -> bool:
    """A member of the issuing organisation, or platform staff — but never anyone from the listing's vendor,
    even when the vendor is also the issuer (a vendor cannot confirm its own claim). The issuer decides only while
    staff approve it and while it shares no member with the vendor."""
    if not actor.is_authenticated or actor.is_member_of_id(record.listing.vendor_id):
        return False
    if actor.is_staff:
        return True
    organisation = actor.organisation
    return (
        organisation is not None
        and record.issuer_id == organisation.pk
        and is_approved_issuer(organisation)
        and is_independent_of(organisation, record.listing.vendor_id)
    )


def can_attest_trial(actor: Actor, listing: SolutionListing) -> bool:
    organisation = actor.organisation
    return (
        organisation is not None
        and organisation.kind != OrganisationKind.VENDOR
        and is_independent_of(organisation, listing.vendor_id)
    )


def can_decide_attestation(actor: Actor, attestation: TrialAttestation) -> bool:
    """Platform staff confirm attestations; never staff who belong to the vendor or the attesting org."""
    return (
        actor.is_staff
        and not actor.is_member_of_id(attestation.listing.vendor_id)
        and not actor.is_member_of_id(attestation.organisation_id)
    )


def can_moderate(actor: Actor) -> bool:
    return actor.is_staff


def can_view_introduction(actor: Actor, introduction: Introduction) -> bool:
    return actor.organisation is not None and introduction.involves(actor.organisation)


def can_decide_introduction(actor: Actor, introduction: Introduction) -> bool:
    """Only the receiving side accepts or declines."""
    return actor.organisation is not None and introduction.to_org_id == actor.organisation.pk
