"""Marketplace factories; users and organisations come from the shared ``tests/factories.py``.

They write rows directly but send ``listing_changed`` / ``need_changed`` as the services do, so listeners (search)
see the objects the way they see real ones."""

from __future__ import annotations

import datetime
import io
import itertools

from django.utils import timezone
from PIL import Image

from cpsplatform.accounts.models import User
from cpsplatform.organisations.models import Organisation, OrganisationKind
from marketplace.choices import IntroductionKind, ListingStatus, RecordStatus, Visibility
from marketplace.models import Introduction, Need, SecurityCategory, SolutionListing, VerificationRecord
from marketplace.services.common import send_listing_changed, send_need_changed
from tests import factories as shared

_counter = itertools.count(1)


def make_user(email: str | None = None, **extra) -> User:
    return shared.make_user(email, **extra)


def make_org(kind: str = OrganisationKind.USER_COMPANY, **extra) -> Organisation:
    return shared.make_organisation(kind=kind, **extra)


def make_member(organisation: Organisation, role: str = "member", user: User | None = None) -> User:
    """Like the shared factory, but returns the user (what marketplace tests act as)."""
    return shared.make_member(organisation, role=role, user=user).user


def make_vendor(**extra) -> Organisation:
    return make_org(OrganisationKind.VENDOR, **extra)


def make_listing(
    vendor: Organisation | None = None, status: str = ListingStatus.PUBLISHED, **extra
) -> SolutionListing:
    n = next(_counter)
    categories = extra.pop("categories", ["endpoint-protection"])
    defaults = {
        "name_ja": f"ソリューション{n}",
        "name_en": f"Solution {n}",
        "summary_ja": "概要",
        "regions": ["kanto"],
        "status": status,
    }
    defaults.update(extra)
    listing = SolutionListing.objects.create(vendor=vendor or make_vendor(), **defaults)
    listing.categories.set(SecurityCategory.objects.filter(slug__in=categories))
    send_listing_changed(listing.pk)
    return listing


def make_need(owner: Organisation | None = None, **extra) -> Need:
    n = next(_counter)
    invited = extra.pop("invited", [])
    defaults = {"title": f"ニーズ{n}", "description": "困っています", "visibility": Visibility.PUBLIC}
    defaults.update(extra)
    need = Need.objects.create(owner=owner or make_org(), **defaults)
    need.invited_organisations.set(invited)
    send_need_changed(need.pk)
    return need


def make_record(
    listing: SolutionListing,
    issuer: Organisation | None = None,
    status: str = RecordStatus.CLAIMED,
    kind: str = "effectiveness",
    **extra,
) -> VerificationRecord:
    defaults = {
        "performed_on": timezone.localdate() - datetime.timedelta(days=30),
        "scope": "範囲",
        "result_summary": "結果",
        "evidence_url": "https://example.org/report.pdf",
    }
    defaults.update(extra)
    record = VerificationRecord.objects.create(
        listing=listing,
        issuer=issuer or make_org(OrganisationKind.VERIFICATION_BODY),
        status=status,
        kind=kind,
        **defaults,
    )
    send_listing_changed(listing.pk)  # the listing's badges show confirmed records
    return record


def make_introduction(listing: SolutionListing, need: Need, **extra) -> Introduction:
    return Introduction.objects.create(
        kind=IntroductionKind.PROPOSAL,
        from_org=listing.vendor,
        to_org=need.owner,
        listing=listing,
        need=need,
        reason="御社の課題に合います",
        **extra,
    )


def png_bytes(size: tuple[int, int] = (64, 48), color: str = "steelblue", fmt: str = "PNG", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def listing_form_data(**overrides) -> dict:
    """What a vendor types into the listing form, as POST data (a valid listing unless ``overrides`` break it)."""
    data = {
        "name_ja": "EDR クラウド",
        "summary_ja": "中小企業向け EDR",
        "categories": ["endpoint-protection"],
        "regions": ["kanto"],
        "price_min_jpy": "10000",
        "price_max_jpy": "50000",
        "price_unit": "monthly",
    }
    data.update(overrides)
    return data
