"""Read queries of the marketplace. Search, matching and events use these rather than filtering models
themselves, so visibility rules live in one place."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cpsplatform.organisations.actor import Actor
from cpsplatform.organisations.models import Organisation
from cpsplatform.organisations.selectors import organisations_sharing_a_member_with
from cpsplatform.taxonomy import CompanySize, Industry, Region

from . import permissions
from .choices import IntroductionStatus, ListingStatus, NeedStatus, RecordStatus, Visibility
from .fields import join_labels
from .models import Introduction, Need, SecurityCategory, SolutionListing, VerificationRecord

# --- listings -------------------------------------------------------------------------------------------------


def published_listings() -> QuerySet[SolutionListing]:
    """Listings the public may see, with what list pages need."""
    return (
        SolutionListing.objects.filter(status=ListingStatus.PUBLISHED)
        .select_related("vendor")
        .prefetch_related("categories", "images")
    )


def listings_visible_to(actor: Actor) -> QuerySet[SolutionListing]:
    """Published listings, plus every listing of the vendor the actor acts for; staff see all."""
    listings = SolutionListing.objects.select_related("vendor")
    if actor.is_staff:
        return listings
    visible = Q(status=ListingStatus.PUBLISHED)
    if actor.organisation is not None:
        visible |= Q(vendor=actor.organisation)
    return listings.filter(visible)


def can_view_listing(actor: Actor, listing: SolutionListing) -> bool:
    """The one-listing form of ``listings_visible_to`` (no query)."""
    return (
        actor.is_staff
        or listing.status == ListingStatus.PUBLISHED
        or (actor.organisation is not None and listing.vendor_id == actor.organisation.pk)
    )


def can_edit_listing(actor: Actor, listing: SolutionListing) -> bool:
    return permissions.can_edit_listing(actor, listing)


def listings_of(organisation: Organisation) -> QuerySet[SolutionListing]:
    return SolutionListing.objects.filter(vendor=organisation).prefetch_related("categories")


def badge_records(listing: SolutionListing) -> list[VerificationRecord]:
    """Confirmed, unexpired records: the only ones that show a badge."""
    return list(
        listing.verification_records.badge_worthy().select_related("issuer", "attestation__organisation")
    )


def verified_listings() -> QuerySet[SolutionListing]:
    """The public verification register: published listings with at least one badge-worthy record."""
    worthy = VerificationRecord.objects.badge_worthy().filter(listing=OuterRef("pk"))
    return published_listings().filter(Exists(worthy)).order_by("-verification_level", "name_ja", "pk")


def verification_queue_for(actor: Actor) -> QuerySet[VerificationRecord]:
    """Records a verification body (or staff) may decide: claims issued by the organisation, and its confirmed
    records (which it may revoke). Never records of the user's own vendor listings; nothing for an issuer that
    staff have not approved; never records of vendors that share a member with the issuer
    (``permissions.can_decide_verification`` is the rule; this is the same rule as a query)."""
    records = VerificationRecord.objects.select_related("listing__vendor", "issuer").exclude(
        listing__vendor_id__in=[membership.organisation_id for membership in actor.memberships]
    )
    if actor.is_staff:
        return records.filter(status__in=[RecordStatus.CLAIMED, RecordStatus.CONFIRMED])
    organisation = actor.organisation
    if organisation is None or not permissions.is_approved_issuer(organisation):
        return records.none()
    return records.filter(
        issuer=organisation, status__in=[RecordStatus.CLAIMED, RecordStatus.CONFIRMED]
    ).exclude(listing__vendor__in=organisations_sharing_a_member_with(organisation).values("pk"))


def active_categories() -> QuerySet[SecurityCategory]:
    return SecurityCategory.objects.filter(is_active=True)


# --- needs ----------------------------------------------------------------------------------------------------


def needs_visible_to(actor: Actor) -> QuerySet[Need]:
    """THE need visibility rule.

    - public needs: everyone;
    - ``confirmed_vendors``: members of a vendor organisation that platform staff confirmed, and of an
      organisation the owner invited (e.g. a recommended vendor not confirmed yet);
    - ``invite_only``: members of an invited organisation;
    - the owning organisation's members always; platform staff always.

    ``organisations_unable_to_see_need`` states the same rule from the organisations' side; search states it
    over the index (``search.visibility``).

    The organisation that counts is the one the actor acts for. Status is not filtered here (use
    ``open_needs_visible_to`` for browsing).
    """
    needs = Need.objects.select_related("owner")
    if actor.is_staff:
        return needs
    visible = Q(visibility=Visibility.PUBLIC)
    org = actor.organisation
    if org is not None:
        visible |= Q(owner=org)
        invited = Need.invited_organisations.through.objects.filter(
            need_id=OuterRef("pk"), organisation_id=org.pk
        )
        visible |= Q(Exists(invited), visibility__in=[Visibility.INVITE_ONLY, Visibility.CONFIRMED_VENDORS])
        if permissions.is_confirmed_vendor(org):
            visible |= Q(visibility=Visibility.CONFIRMED_VENDORS)
    return needs.filter(visible)


def open_needs_visible_to(actor: Actor) -> QuerySet[Need]:
    return needs_visible_to(actor).filter(
        status__in=[NeedStatus.OPEN, NeedStatus.IN_DISCUSSION], expires_at__gt=timezone.now()
    )


def can_view_need(actor: Actor, need: Need) -> bool:
    return needs_visible_to(actor).filter(pk=need.pk).exists()


def organisations_unable_to_see_need(need: Need, organisation_ids: Iterable[int]) -> set[int]:
    """Which of ``organisation_ids`` may NOT see ``need`` (the rule of ``needs_visible_to``, asked for many
    organisations at once, e.g. the vendors recommended for the need). Two queries at most."""
    ids = set(organisation_ids) - {need.owner_id}
    if need.visibility == Visibility.PUBLIC or not ids:
        return set()
    able = set(need.invited_organisations.filter(pk__in=ids).values_list("pk", flat=True))
    if need.visibility == Visibility.CONFIRMED_VENDORS:
        able |= {
            org.pk
            for org in Organisation.objects.filter(pk__in=ids - able)
            if permissions.is_confirmed_vendor(org)
        }
    return ids - able


def restricted_need_to_explain(actor: Actor, need_id: int) -> Need | None:
    """The need ``need_id`` when the actor may not see it but was legitimately pointed to it: the organisation
    they act for is a party to an introduction that names the need (its page then explains the restriction,
    without the need's content). None otherwise: to anyone else a restricted need answers exactly like a missing
    one, so guessing ids reveals nothing."""
    org = actor.organisation
    if org is None or not has_introduction_about_need(org, need_id):
        return None
    need = Need.objects.select_related("owner").filter(pk=need_id).first()
    if need is None or can_view_need(actor, need):
        return None
    return need


def has_introduction_about_need(organisation: Organisation | None, need_id: int) -> bool:
    """Whether ``organisation`` is a party to an introduction that names the need (it was legitimately told
    about the need, e.g. a buyer's question about one of its listings that refers to the need)."""
    if organisation is None:
        return False
    return Introduction.objects.filter(
        Q(from_org=organisation) | Q(to_org=organisation), need_id=need_id
    ).exists()


def has_accepted_introduction(org_a: Organisation | None, org_b: Organisation | None) -> bool:
    if org_a is None or org_b is None:
        return False
    return Introduction.objects.filter(
        Q(from_org=org_a, to_org=org_b) | Q(from_org=org_b, to_org=org_a),
        status=IntroductionStatus.ACCEPTED,
    ).exists()


def anonymous_owner_description(owner: Organisation) -> str:
    parts = []
    if owner.industry:
        parts.append(str(Industry(owner.industry).label))
    if owner.region:
        parts.append(str(Region(owner.region).label))
    if owner.size:
        parts.append(str(CompanySize(owner.size).label))
    described = join_labels(parts)
    return (
        _("Undisclosed organisation (%(description)s)") % {"description": described}
        if described
        else _("Undisclosed organisation")
    )


def need_display_name(need: Need, viewer_org: Organisation | None) -> str:
    """The owner's name as ``viewer_org`` may see it: hidden (described, not named) when the owner chose to hide
    it, until the owner accepts an introduction with the viewer."""
    if not need.hide_company_name:
        return need.owner.display_name
    if viewer_org is not None and (
        viewer_org.pk == need.owner_id or has_accepted_introduction(need.owner, viewer_org)
    ):
        return need.owner.display_name
    return anonymous_owner_description(need.owner)


def needs_of(organisation: Organisation) -> QuerySet[Need]:
    return Need.objects.filter(owner=organisation).prefetch_related("categories")


# --- introductions --------------------------------------------------------------------------------------------


def introductions_for(organisation: Organisation) -> QuerySet[Introduction]:
    """Both directions, for an organisation's inbox."""
    return Introduction.objects.filter(Q(from_org=organisation) | Q(to_org=organisation)).select_related(
        "from_org", "to_org", "listing", "need"
    )


def can_view_introduction(actor: Actor, introduction: Introduction) -> bool:
    return permissions.can_view_introduction(actor, introduction)


# --- browsing (database filtering; ranked search lives in the search app) ----------------------------------


def filter_listings(
    listings: QuerySet[SolutionListing],
    *,
    category: SecurityCategory | None = None,
    component: str = "",
    region: str = "",
    min_level: int | None = None,
) -> QuerySet[SolutionListing]:
    """A listing serving "nationwide" serves every region."""
    if category is not None:
        listings = listings.filter(categories=category)
    if component:
        listings = listings.filter(cpsf_components__has=component)
    if region:
        listings = listings.filter(Q(regions__has=region) | Q(regions__has="nationwide"))
    if min_level is not None:
        listings = listings.filter(verification_level__gte=min_level)
    return listings


def filter_needs(
    needs: QuerySet[Need],
    *,
    category: SecurityCategory | None = None,
    component: str = "",
    region: str = "",
    min_level: int | None = None,
) -> QuerySet[Need]:
    if category is not None:
        needs = needs.filter(categories=category)
    if component:
        needs = needs.filter(cpsf_components__has=component)
    if region and region != "nationwide":
        needs = needs.filter(region=region)
    if min_level is not None:
        needs = needs.filter(min_verification_level__gte=min_level)
    return needs
