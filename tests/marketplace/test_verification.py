import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cpsplatform.audit.models import AuditLogEntry
from cpsplatform.taxonomy import VerificationLevel
from marketplace.choices import RecordStatus
from marketplace.models import VerificationRecord
from marketplace.services import verification as services
from tests.factories import client_for

from .factories import make_listing, make_member, make_org, make_record, make_user

pytestmark = pytest.mark.django_db


def claim(listing, user, issuer, **extra):
    data = {
        "kind": "effectiveness",
        "issuer": issuer,
        "performed_on": timezone.localdate() - datetime.timedelta(days=10),
        "expires_on": timezone.localdate() + datetime.timedelta(days=365),
        "scope": "EDR の検知性能",
        "result_summary": "既知マルウェア 98% を検知",
        "evidence_url": "https://example.org/report.pdf",
    }
    data.update(extra)
    return services.do_claim_verification(listing, actor=user, organisation=listing.vendor, **data)


def test_vendor_claim_raises_level_to_claimed_only(vendor, vendor_user, verifier):
    listing = make_listing(vendor)
    record = claim(listing, vendor_user, verifier)
    listing.refresh_from_db()
    assert record.status == RecordStatus.CLAIMED
    assert listing.verification_level == VerificationLevel.CLAIMED
    assert AuditLogEntry.objects.filter(
        action="marketplace.verification.claimed", object_id=str(record.pk)
    ).exists()


def test_vendor_cannot_confirm_own_claim(vendor, vendor_user, verifier):
    listing = make_listing(vendor)
    record = claim(listing, vendor_user, verifier)
    with pytest.raises(PermissionDenied):
        services.do_confirm_verification(record, actor=vendor_user, organisation=vendor)
    response = client_for(vendor_user).post(
        reverse("marketplace:verification_decide", args=[record.pk]), {"action": "confirm"}
    )
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.status == RecordStatus.CLAIMED


def test_vendor_cannot_confirm_own_claim_even_as_issuer(vendor, vendor_user):
    """A record whose issuer is the vendor itself can never be confirmed by the vendor's members."""
    listing = make_listing(vendor)
    record = make_record(listing, issuer=vendor)
    with pytest.raises(PermissionDenied):
        services.do_confirm_verification(record, actor=vendor_user, organisation=vendor)
    assert (
        client_for(vendor_user)
        .post(reverse("marketplace:verification_decide", args=[record.pk]), {"action": "confirm"})
        .status_code
        == 404
    )
    record.refresh_from_db()
    assert record.status == RecordStatus.CLAIMED


def test_vendor_cannot_name_itself_as_effectiveness_issuer(vendor, vendor_user):
    listing = make_listing(vendor)
    with pytest.raises(Exception) as error:
        claim(listing, vendor_user, vendor)
    assert "issuer" in error.value.message_dict
    assert not VerificationRecord.objects.exists()


def test_staff_member_of_the_vendor_cannot_confirm_its_claim(vendor, verifier):
    staff_vendor_member = make_member(vendor, user=make_user(is_staff=True))
    record = make_record(make_listing(vendor), verifier)
    with pytest.raises(PermissionDenied):
        services.do_confirm_verification(record, actor=staff_vendor_member, organisation=vendor)


def test_other_verification_body_cannot_confirm(vendor, verifier):
    record = make_record(make_listing(vendor), verifier)
    other_body = make_org("verification_body")
    other_member = make_member(other_body)
    client = client_for(other_member)
    url = reverse("marketplace:verification_decide", args=[record.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "confirm"}).status_code == 404
    record.refresh_from_db()
    assert record.status == RecordStatus.CLAIMED


def test_issuer_confirms_and_badge_appears(vendor, verifier, verifier_user):
    listing = make_listing(vendor)
    record = make_record(listing, verifier)
    response = client_for(verifier_user).post(
        reverse("marketplace:verification_decide", args=[record.pk]), {"action": "confirm"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    listing.refresh_from_db()
    assert record.status == RecordStatus.CONFIRMED
    assert record.decided_by == verifier_user
    assert listing.verification_level == VerificationLevel.EFFECTIVENESS
    page = client_for(make_user()).get(reverse("marketplace:listing_detail", args=[listing.pk]))
    assert 'data-testid="badge-effectiveness"' in page.content.decode()
    register = client_for(make_user()).get(reverse("marketplace:verification_register"))
    assert listing.name_ja in register.content.decode()


def test_expired_record_never_shows_a_badge(vendor, verifier):
    listing = make_listing(vendor)
    past = timezone.localdate() - datetime.timedelta(days=400)
    make_record(
        listing,
        verifier,
        status=RecordStatus.CONFIRMED,
        performed_on=past,
        expires_on=past + datetime.timedelta(days=365),
    )
    services.do_refresh_verification_level(listing)
    listing.refresh_from_db()
    assert listing.verification_level == VerificationLevel.NONE
    page = (
        client_for(make_user()).get(reverse("marketplace:listing_detail", args=[listing.pk])).content.decode()
    )
    assert 'data-testid="badge-' not in page
    register = client_for(make_user()).get(reverse("marketplace:verification_register")).content.decode()
    assert listing.name_ja not in register


def test_revoked_record_never_shows_a_badge(vendor, verifier, verifier_user):
    listing = make_listing(vendor)
    record = make_record(listing, verifier)
    services.do_confirm_verification(record, actor=verifier_user, organisation=verifier)
    listing.refresh_from_db()
    assert listing.verification_level == VerificationLevel.EFFECTIVENESS
    response = client_for(verifier_user).post(
        reverse("marketplace:verification_decide", args=[record.pk]), {"action": "revoke", "reason": ""}
    )
    assert response.status_code == 400  # a reason is required
    assert "reason" in response.content.decode().lower() or "理由" in response.content.decode()
    client_for(verifier_user).post(
        reverse("marketplace:verification_decide", args=[record.pk]),
        {"action": "revoke", "reason": "Scope no longer matches the product"},
    )
    record.refresh_from_db()
    listing.refresh_from_db()
    assert record.status == RecordStatus.REVOKED
    assert listing.verification_level == VerificationLevel.NONE
    page = (
        client_for(make_user()).get(reverse("marketplace:listing_detail", args=[listing.pk])).content.decode()
    )
    assert 'data-testid="badge-' not in page
    actions = list(
        AuditLogEntry.objects.filter(object_id=str(record.pk), action__startswith="marketplace.verification")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["marketplace.verification.confirmed", "marketplace.verification.revoked"]


def test_refresh_command_lowers_level_when_records_expire(vendor, verifier, verifier_user):
    listing = make_listing(vendor)
    record = make_record(
        listing, verifier, expires_on=timezone.localdate() + datetime.timedelta(days=1), kind="attack"
    )
    services.do_confirm_verification(record, actor=verifier_user, organisation=verifier)
    listing.refresh_from_db()
    assert listing.verification_level == VerificationLevel.ATTACK
    # Time passes: the record expired yesterday.
    VerificationRecord.objects.filter(pk=record.pk).update(
        performed_on=timezone.localdate() - datetime.timedelta(days=30),
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    call_command("refresh_verification_levels")
    listing.refresh_from_db()
    assert listing.verification_level == VerificationLevel.NONE
    assert AuditLogEntry.objects.filter(
        action="marketplace.listing.level_changed", object_id=str(listing.pk)
    ).exists()


def test_level_is_the_highest_confirmed_unexpired_record(vendor, verifier, verifier_user):
    listing = make_listing(vendor)
    for kind in ("registered", "sme_help_standard", "effectiveness"):
        services.do_confirm_verification(
            make_record(listing, verifier, kind=kind), actor=verifier_user, organisation=verifier
        )
    make_record(listing, verifier, kind="attack")  # only claimed
    make_record(listing, verifier, kind="trial", status=RecordStatus.REJECTED)
    assert services.compute_verification_level(listing) == VerificationLevel.EFFECTIVENESS


def test_sme_help_standard_counts_as_registered(vendor, verifier, verifier_user):
    listing = make_listing(vendor)
    services.do_confirm_verification(
        make_record(listing, verifier, kind="sme_help_standard"), actor=verifier_user, organisation=verifier
    )
    listing.refresh_from_db()
    assert listing.verification_level == VerificationLevel.REGISTERED


def test_user_attestation_confirmed_by_staff_counts_as_anonymised_trial(
    vendor, user_org, user_member, staff_user
):
    listing = make_listing(vendor)
    attestation = services.do_attest_trial(
        listing,
        actor=user_member,
        organisation=user_org,
        started_on=timezone.localdate() - datetime.timedelta(days=90),
        ended_on=timezone.localdate() - datetime.timedelta(days=10),
        environment="工場の制御ネットワーク",
        result_summary="誤検知なく運用できた",
        anonymise=True,
    )
    listing.refresh_from_db()
    assert listing.verification_level == VerificationLevel.NONE  # not until staff confirm
    with pytest.raises(PermissionDenied):
        services.do_confirm_attestation(attestation, actor=user_member)
    response = client_for(staff_user).post(
        reverse("marketplace:moderation_attestation", args=[attestation.pk]), {"action": "confirm"}
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.verification_level == VerificationLevel.TRIAL
    page = (
        client_for(make_user()).get(reverse("marketplace:listing_detail", args=[listing.pk])).content.decode()
    )
    assert 'data-testid="badge-trial"' in page
    assert user_org.name_ja not in page  # anonymised
    assert "Manufacturing" in page or "製造" in page


def test_vendor_cannot_attest_its_own_listing(vendor, vendor_user):
    listing = make_listing(vendor)
    response = client_for(vendor_user).post(
        reverse("marketplace:listing_attest", args=[listing.pk]),
        {"started_on": "2024-01-01", "ended_on": "2024-02-01", "environment": "x", "result_summary": "y"},
    )
    assert response.status_code == 403
