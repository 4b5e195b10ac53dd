"""The verification promise: a badge means an independent organisation that platform staff approved confirmed
it. A self-registered "verification body" cannot raise any level; an approved one that shares a member with the
vendor cannot decide; confirmations stop counting when their issuer loses approval."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cpsplatform.organisations import services as organisation_services
from cpsplatform.organisations.models import Membership
from cpsplatform.taxonomy import VerificationLevel
from marketplace.choices import RecordStatus
from marketplace.forms import VerificationClaimForm
from marketplace.models import VerificationRecord
from marketplace.services import verification as services
from tests.factories import client_for

from .factories import make_listing, make_member, make_org, make_record, make_user

pytestmark = pytest.mark.django_db


def claim(listing, user, issuer, kind="attack"):
    return services.do_claim_verification(
        listing,
        actor=user,
        organisation=listing.vendor,
        kind=kind,
        issuer=issuer,
        performed_on=timezone.localdate() - datetime.timedelta(days=10),
        expires_on=None,
        scope="本番ライン",
        result_summary="侵入できず",
        evidence_url="https://example.org/report.pdf",
    )


@pytest.fixture
def approved_body(db):
    return make_org("verification_body", confirmed_by_staff=True)


@pytest.fixture
def probe_lab(db):
    """The attack of issue 10: the vendor's second account registers its own "verification body"."""
    second_account = make_user()
    return organisation_services.do_create_organisation(
        second_account, name_en="Probe Verification Lab", kind="verification_body"
    )


def level(listing) -> VerificationLevel:
    listing.refresh_from_db()
    return listing.verification_level


def test_self_registered_verification_body_is_not_offered_as_issuer(probe_lab, approved_body):
    issuers = set(VerificationClaimForm().fields["issuer"].queryset)
    assert approved_body in issuers
    assert probe_lab not in issuers


def test_vendor_cannot_name_a_self_registered_verification_body(vendor, vendor_user, probe_lab):
    listing = make_listing(vendor)
    with pytest.raises(ValidationError) as error:
        claim(listing, vendor_user, probe_lab)
    assert "issuer" in error.value.message_dict
    assert not VerificationRecord.objects.exists()
    assert level(listing) == VerificationLevel.NONE


def test_self_registered_verification_body_cannot_confirm_a_claim_naming_it(vendor, probe_lab):
    """Even if a claim names it (made before the rule, or through the admin), its word raises nothing."""
    listing = make_listing(vendor)
    record = make_record(listing, probe_lab, kind="attack")
    services.do_refresh_verification_level(listing)
    probe_user = Membership.objects.get(organisation=probe_lab).user
    with pytest.raises(PermissionDenied):
        services.do_confirm_verification(record, actor=probe_user, organisation=probe_lab)
    response = client_for(probe_user).post(
        reverse("marketplace:verification_decide", args=[record.pk]), {"action": "confirm"}
    )
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.status == RecordStatus.CLAIMED
    assert level(listing) == VerificationLevel.CLAIMED


def test_confirmed_record_of_an_unapproved_issuer_never_counts(vendor, probe_lab):
    listing = make_listing(vendor)
    record = make_record(listing, probe_lab, kind="attack", status=RecordStatus.CONFIRMED)
    services.do_refresh_verification_level(listing)
    assert level(listing) == VerificationLevel.NONE
    assert record not in VerificationRecord.objects.badge_worthy()
    page = client_for(make_user()).get(reverse("marketplace:listing_detail", args=[listing.pk]))
    assert 'data-testid="badge-attack"' not in page.content.decode()


def test_staff_cannot_confirm_in_the_name_of_an_unapproved_issuer(vendor, probe_lab, staff_user):
    record = make_record(make_listing(vendor), probe_lab, kind="attack")
    with pytest.raises(ValidationError):
        services.do_confirm_verification(record, actor=staff_user, organisation=None)
    record.refresh_from_db()
    assert record.status == RecordStatus.CLAIMED


def test_approved_body_raises_the_level(vendor, vendor_user, approved_body):
    listing = make_listing(vendor)
    record = claim(listing, vendor_user, approved_body)
    body_user = make_member(approved_body)
    services.do_confirm_verification(record, actor=body_user, organisation=approved_body)
    assert level(listing) == VerificationLevel.ATTACK


def test_confirmations_stop_counting_when_the_issuer_loses_approval(vendor, vendor_user, approved_body):
    listing = make_listing(vendor)
    record = claim(listing, vendor_user, approved_body)
    services.do_confirm_verification(record, actor=make_member(approved_body), organisation=approved_body)
    assert level(listing) == VerificationLevel.ATTACK
    staff = make_user(is_staff=True)

    organisation_services.do_set_confirmed_by_staff(staff, approved_body, False)
    assert level(listing) == VerificationLevel.NONE
    assert record not in VerificationRecord.objects.badge_worthy()

    organisation_services.do_set_confirmed_by_staff(staff, approved_body, True)
    assert level(listing) == VerificationLevel.ATTACK


def test_confirmations_stop_counting_when_the_issuer_changes_its_kind(vendor, vendor_user, approved_body):
    listing = make_listing(vendor)
    record = claim(listing, vendor_user, approved_body)
    body_owner = make_member(approved_body, role="owner")
    services.do_confirm_verification(record, actor=body_owner, organisation=approved_body)
    membership = Membership.objects.get(organisation=approved_body, user=body_owner)
    fields = {name: getattr(approved_body, name) for name in organisation_services.PROFILE_FIELDS}
    organisation_services.do_update_organisation(membership, approved_body, **{**fields, "kind": "vendor"})
    assert level(listing) == VerificationLevel.NONE


def test_issuer_that_shares_a_member_with_the_vendor_cannot_decide(vendor, vendor_user, approved_body):
    """The shared member joins after the claim: the check is made when deciding, not only when claiming."""
    listing = make_listing(vendor)
    record = claim(listing, vendor_user, approved_body)
    body_user = make_member(approved_body)
    make_member(vendor, user=make_member(approved_body))  # someone in both
    with pytest.raises(PermissionDenied):
        services.do_confirm_verification(record, actor=body_user, organisation=approved_body)
    with pytest.raises(PermissionDenied):
        services.do_reject_verification(record, actor=body_user, organisation=approved_body, reason="x")
    assert (
        client_for(body_user).get(reverse("marketplace:verification_decide", args=[record.pk])).status_code
        == 404
    )
    record.refresh_from_db()
    assert record.status == RecordStatus.CLAIMED
    assert level(listing) == VerificationLevel.CLAIMED


def test_vendor_cannot_name_an_issuer_that_shares_a_member(vendor, vendor_user, approved_body):
    make_member(approved_body, user=vendor_user)
    with pytest.raises(ValidationError) as error:
        claim(make_listing(vendor), vendor_user, approved_body)
    assert "issuer" in error.value.message_dict


def test_unapproved_user_company_cannot_confirm_a_trial_claim(vendor, vendor_user):
    """Trial evidence from an organisation staff never checked comes through a reviewed attestation instead."""
    fake_customer = make_org("user_company", confirmed_by_staff=False)
    with pytest.raises(ValidationError):
        claim(make_listing(vendor), vendor_user, fake_customer, kind="trial")
    record = make_record(make_listing(vendor), fake_customer, kind="trial")
    with pytest.raises(PermissionDenied):
        services.do_confirm_verification(record, actor=make_member(fake_customer), organisation=fake_customer)


def test_verification_queue_tells_an_unapproved_body_why_it_is_empty(probe_lab):
    probe_user = Membership.objects.get(organisation=probe_lab).user
    page = client_for(probe_user).get(reverse("marketplace:verification_queue"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'data-testid="awaiting-approval"' in page.content.decode()


def test_vendor_sees_which_records_do_not_count_for_want_of_approval(vendor, vendor_user, probe_lab):
    listing = make_listing(vendor)
    make_record(listing, probe_lab, kind="attack", status=RecordStatus.CONFIRMED)
    page = client_for(vendor_user).get(reverse("marketplace:listing_edit", args=[listing.pk]))
    assert 'data-testid="issuer-not-approved"' in page.content.decode()
