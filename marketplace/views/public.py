"""Public pages: browse listings and needs, listing detail, vendor profile, verification register."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from cpsplatform.organisations.models import Organisation, OrganisationKind

from .. import permissions, selectors
from ..choices import CaseStudyStatus
from ..forms import BrowseListingsForm, BrowseNeedsForm
from ..models import Need, SolutionListing, VerificationRecord
from ..signals import collect_panels, listing_page_panels, need_page_panels
from .common import hidden, not_found, paginate


def _filters(form) -> dict:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    return {
        "category": data.get("category"),
        "component": data.get("component") or "",
        "region": data.get("region") or "",
        "min_level": data.get("level"),
    }


def index(request):
    form = BrowseListingsForm(request.GET or None)
    listings = selectors.filter_listings(selectors.published_listings(), **_filters(form))
    page = paginate(request, listings.order_by("-verification_level", "-published_at", "pk"))
    return render(request, "marketplace/index.html", {"form": form, "page": page})


def listing_detail(request, pk: int):
    organisation = request.actor.organisation
    listing = get_object_or_404(SolutionListing.objects.select_related("vendor"), pk=pk)
    if not selectors.can_view_listing(request.actor, listing):
        raise not_found()
    records = selectors.badge_records(listing)
    context = {
        "listing": listing,
        "badges": records,
        "categories": listing.categories.all(),
        "images": listing.images.all(),
        "case_studies": listing.case_studies.filter(status=CaseStudyStatus.PUBLISHED, consent_obtained=True),
        "can_edit": permissions.can_edit_listing(request.actor, listing),
        "can_attest": permissions.can_attest_trial(request.actor, listing) and listing.is_published,
        "can_inquire": organisation is not None
        and listing.is_published
        and organisation.pk != listing.vendor_id,
        "panels": collect_panels(listing_page_panels, SolutionListing, listing=listing, request=request),
    }
    return render(request, "marketplace/listing_detail.html", context)


def vendor_profile(request, slug: str):
    vendor = get_object_or_404(Organisation, slug=slug, kind=OrganisationKind.VENDOR)
    listings = selectors.published_listings().filter(vendor=vendor).order_by("-verification_level", "pk")
    return render(request, "marketplace/vendor_profile.html", {"vendor": vendor, "listings": listings})


def verification_register(request):
    worthy = VerificationRecord.objects.badge_worthy().select_related("issuer", "attestation__organisation")
    listings = selectors.verified_listings().prefetch_related(
        Prefetch("verification_records", queryset=worthy, to_attr="badge_list")
    )
    return render(
        request, "marketplace/verification_register.html", {"page": paginate(request, listings, 30)}
    )


def need_list(request):
    organisation = request.actor.organisation
    form = BrowseNeedsForm(request.GET or None)
    needs = selectors.filter_needs(selectors.open_needs_visible_to(request.actor), **_filters(form))
    page = paginate(request, needs.prefetch_related("categories"))
    for need in page:
        need.display_owner = selectors.need_display_name(need, organisation)
    return render(request, "marketplace/need_list.html", {"form": form, "page": page})


def need_detail(request, pk: int):
    """A need, for those who may see it. Someone who may not see it gets the same 404 as for a missing need —
    unless their organisation was pointed to it by an introduction that names it: they get a 403 page that
    says why they cannot see it and what to do, with nothing of the need's content."""
    organisation = request.actor.organisation
    need = selectors.needs_visible_to(request.actor).filter(pk=pk).first()
    if need is None:
        restricted = selectors.restricted_need_to_explain(request.actor, pk)
        if restricted is not None:
            context = {
                "restricted": restricted,
                "organisation": organisation,
            }
            return render(request, "marketplace/need_restricted.html", context, status=403)
        return hidden(request)
    can_propose = (
        organisation is not None
        and organisation.kind == OrganisationKind.VENDOR
        and organisation.pk != need.owner_id
        and need.is_open
    )
    context = {
        "need": need,
        "owner_name": selectors.need_display_name(need, organisation),
        "attachments": need.attachments.all(),
        "can_edit": permissions.can_edit_need(request.actor, need),
        "can_propose": can_propose,
        "panels": collect_panels(need_page_panels, Need, need=need, request=request),
    }
    return render(request, "marketplace/need_detail.html", context)
