"""Access classification of matching's URLs (walked by the access-matrix test)."""

from cpsplatform.organisations.models import Organisation
from marketplace.models import Need, SecurityCategory, SolutionListing
from tests.access.rules import OrgScoped


def _need_of(org: Organisation) -> dict:
    need = Need.objects.create(owner=org, title="アクセス確認用ニーズ", description="EDRを探しています")
    return {"pk": need.pk}


def _listing_of(vendor: Organisation) -> dict:
    listing = SolutionListing.objects.create(
        vendor=vendor, name_ja="アクセス確認用EDR", summary_ja="概要", regions=["kanto"], status="published"
    )
    listing.categories.set(SecurityCategory.objects.filter(slug="endpoint-protection"))
    return {"pk": listing.pk}


ACCESS_RULES = {
    # A need's recommendations are for the organisation that posted it (and staff).
    "matching:need_recommendations": OrgScoped(setup=_need_of, methods=("GET",)),
    "matching:feedback": OrgScoped(setup=_need_of, methods=("POST",)),
    # Which needs fit a listing: the vendor's members only (needs are further filtered by their visibility).
    "matching:listing_needs": OrgScoped(setup=_listing_of, methods=("GET",), org_kinds=("vendor",)),
}
