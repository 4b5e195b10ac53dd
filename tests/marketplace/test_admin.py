"""Staff manage everything in the Wagtail admin, through the service layer."""

import pytest
from django.urls import reverse

from cpsplatform import taxonomy
from cpsplatform.audit.models import AuditLogEntry
from marketplace.models import SecurityCategory, VerificationRecord
from marketplace.signals import listing_changed
from tests.factories import client_for, make_staff

from .factories import make_listing, make_record

pytestmark = pytest.mark.django_db


def test_staff_see_every_marketplace_admin_index(vendor):
    listing = make_listing(vendor)
    make_record(listing)
    client = client_for(make_staff())
    for name in (
        "marketplace_listings",
        "marketplace_verification",
        "marketplace_attestations",
        "marketplace_needs",
        "marketplace_introductions",
        "marketplace_case_studies",
        "marketplace_revisions",
        "marketplace_categories",
    ):
        assert client.get(reverse(f"{name}:index")).status_code == 200, name
    assert client.get(reverse("marketplace_listings:edit", args=[listing.pk])).status_code == 200


def test_admin_confirming_a_record_recomputes_level_audits_and_signals(vendor):
    listing = make_listing(vendor)
    record = make_record(listing)
    staff = make_staff()
    seen = []

    def receiver(sender, listing_id, deleted, **kwargs):
        seen.append(listing_id)

    listing_changed.connect(receiver)
    try:
        client = client_for(staff)
        form = client.get(reverse("marketplace_verification:edit", args=[record.pk])).context["form"]
        data = {name: form.initial.get(name) or "" for name in form.fields}
        data.update(
            listing=listing.pk,
            issuer=record.issuer_id,
            performed_on=record.performed_on.isoformat(),
            status="confirmed",
            evidence_is_public="",
        )
        response = client.post(reverse("marketplace_verification:edit", args=[record.pk]), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
    finally:
        listing_changed.disconnect(receiver)
    listing.refresh_from_db()
    assert VerificationRecord.objects.get(pk=record.pk).status == "confirmed"
    assert listing.verification_level == 3
    assert seen == [listing.pk]
    assert AuditLogEntry.objects.filter(action="marketplace.verification.admin_edited", actor=staff).exists()


def test_categories_are_seeded_bilingually():
    required = set(taxonomy.SecurityCategory.values)
    categories = {c.slug: c for c in SecurityCategory.objects.all()}
    assert required <= set(categories)
    for slug in required:
        category = categories[slug]
        assert category.name_ja and category.name_en and category.description_ja and category.description_en
        assert category.name_ja != category.name_en, "the Japanese name comes from the core catalogue"
    assert "PUF" in categories["hardware-security"].description_en
    assert "legitimate traffic" in categories["network-security"].description_en
